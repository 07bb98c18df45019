// The host-page bridge of the widget's iframe: messages from the page (open, close, context,
// identify, attributes) and to it (ready, close, unread), only through postMessage with the exact
// origin the loader gave in the frame's URL.

import { t } from './i18n.js';

/** The exact origin of a URL given by the loader, or null when it is not a plain http(s) origin. */
export function parseOrigin(value) {
  if (!value) return null;
  try {
    const url = new URL(value);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
    return url.origin === value ? url.origin : null;
  } catch {
    return null;
  }
}

/** Listens to the host page; returns postToHost and postReady. */
export function createBridge(ctx) {
  const { state, model, embedded, hostOrigin } = ctx;

  function postToHost(message) {
    if (!embedded) return;
    window.parent.postMessage({ switchboard: 1, ...message }, hostOrigin);
  }

  window.addEventListener('message', (event) => {
    if (!embedded || event.origin !== hostOrigin || event.source !== window.parent) return;
    const data = event.data;
    if (!data || typeof data !== 'object' || data.switchboard !== 1) return;
    switch (data.type) {
      case 'open':
        setOpen(true);
        break;
      case 'close':
        setOpen(false);
        break;
      case 'context':
        if (data.context && typeof data.context === 'object') {
          model.setContext({ url: String(data.context.url || ''), title: String(data.context.title || '') });
          ctx.onPage({ url: String(data.context.url || ''), title: String(data.context.title || ''),
            referrer: String(data.context.referrer || ''), visits: Number(data.context.visits) || 0,
            since: Number(data.context.since) || 0 });
        }
        break;
      case 'identify':
        identify(data.identity);
        if (data.proof && typeof data.proof === 'object') ctx.verify(data.proof);
        break;
      case 'reset':
        ctx.resetVisitor();
        break;
      case 'attributes':
        setAttributes(data.attributes);
        break;
      default:
        break;
    }
  });

  function setOpen(open) {
    state.open = open;
    updateVisibility();
    if (open) {
      ctx.onInvitationOpen();
      state.unread = 0;
      postToHost({ type: 'unread', count: 0 });
      // Who is online now; not again when the frame read it a moment ago (it started to open).
      if (state.view === 'form' && !model.conversation && Date.now() - state.configAt > 3000) {
        ctx.refreshConfig();
      }
      ctx.scrollToBottom(true);
      requestAnimationFrame(ctx.focusFirst);
    }
  }

  function updateVisibility() {
    model.setVisible(state.open && document.visibilityState === 'visible');
  }

  document.addEventListener('visibilitychange', updateVisibility);

  function identify(identity) {
    if (!identity || typeof identity !== 'object') return;
    for (const name of ['name', 'email', 'phone']) {
      if (typeof identity[name] === 'string' && identity[name].trim()) state.identity[name] = identity[name].trim();
    }
    for (const name of ['name', 'email', 'phone']) {
      const input = document.getElementById('sb-f-' + name);
      if (input && !input.value && state.identity[name]) input.value = state.identity[name];
    }
    if (model.conversation) model.profile(state.identity).catch(() => {});
  }

  function setAttributes(attributes) {
    if (!attributes || typeof attributes !== 'object') return;
    for (const [key, value] of Object.entries(attributes)) {
      if (!/^[\w.-]{1,64}$/.test(key) || ['name', 'email', 'phone'].includes(key)) continue;
      if (value === null || value === undefined || value === '') {
        delete state.attributes[key];
      } else {
        state.attributes[key] = String(value).slice(0, 1024);
      }
    }
  }

  function postReady(available = true) {
    if (state.readySent) return;
    state.readySent = true;
    postToHost({ type: 'ready', available,
      labels: { open: t('launcher.open'), close: t('launcher.close'), unread: t('unread'), frame: t('title.default') },
      brandColor: getComputedStyle(document.documentElement).getPropertyValue('--sb-brand').trim() });
  }

  return { postToHost, postReady };
}
