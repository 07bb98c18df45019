// The console's pages, each loaded when it is first shown: the landing page (the inbox) is made at
// sign-in, every other page's module is fetched by a dynamic import() the first time the user
// opens it, and the page is made once from it. Loading a page twice shares one promise; a load
// that failed (the server was away, or a new version was deployed meanwhile) is forgotten, so the
// next attempt fetches the module again.

import { h, icon } from './dom.js';
import { t } from './i18n.js';

/**
 * The pages of one signed-in console. `ready` holds the pages made already ({ inbox: view });
 * `lazy` holds, per page the user may open, { module: () => import('./views/x.js'), make: (m) => view }.
 * Single-threaded, like everything in the page.
 */
export class PageLoader {
  constructor(ready, lazy) {
    this.views = new Map(Object.entries(ready));
    this.lazy = new Map(Object.entries(lazy).filter(([, entry]) => entry));
    this.loads = new Map();
    this.disposed = false;
  }

  /** Whether `name` is a page this user may open. */
  has(name) {
    return this.views.has(name) || this.lazy.has(name);
  }

  /** The page `name` if it is made already, else undefined. */
  loaded(name) {
    return this.views.get(name);
  }

  /** The page `name`, loading its module first if need be; rejects when the module cannot be fetched. */
  load(name) {
    if (this.views.has(name)) return Promise.resolve(this.views.get(name));
    if (!this.loads.has(name)) {
      const { module, make } = this.lazy.get(name);
      const load = module().then((loaded) => {
        if (this.disposed) throw new Error('signed out');
        const view = make(loaded);
        this.views.set(name, view);
        return view;
      });
      load.catch(() => this.loads.delete(name));
      this.loads.set(name, load);
    }
    return this.loads.get(name);
  }

  dispose() {
    this.disposed = true;
    for (const view of this.views.values()) view?.dispose?.();
  }
}


/** What <main> shows while a page's module loads (main is aria-busy meanwhile). */
export function pageLoading() {
  return h('p', { class: 'muted page-status', id: 'page-loading', text: t('page.loading') });
}

/** What <main> shows when a page's module could not be fetched: a message and a retry button. */
export function pageFailed(onRetry) {
  return h('div', { class: 'page-status page-failed', id: 'page-failed' },
    h('p', { class: 'form-error', role: 'alert', text: t('page.failed') }),
    h('button', { type: 'button', class: 'button primary', id: 'page-retry', on: { click: onRetry } },
      icon('history'), h('span', { text: t('page.retry') })));
}
