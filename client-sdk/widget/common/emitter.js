// A minimal event emitter for the protocol client and the apps built on it. A failing handler
// does not stop the others; its error is rethrown on its own task, so it still shows up as an
// uncaught error.

export class Emitter {
  constructor() {
    this.handlers = new Map();
  }

  /** Adds a handler; returns a function that removes it again. */
  on(type, handler) {
    if (!this.handlers.has(type)) this.handlers.set(type, []);
    this.handlers.get(type).push(handler);
    return () => this.off(type, handler);
  }

  off(type, handler) {
    const list = this.handlers.get(type);
    if (!list) return;
    const index = list.indexOf(handler);
    if (index >= 0) list.splice(index, 1);
  }

  emit(type, detail) {
    for (const handler of [...(this.handlers.get(type) || [])]) {
      try {
        handler(detail);
      } catch (e) {
        setTimeout(() => {
          throw e;
        }, 0);
      }
    }
  }
}
