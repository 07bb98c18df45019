// The widget's iframe app: loads the site's widget config, shows the pre-chat form, the queue,
// the conversation, the offline form and the rating, and talks to the host page only through
// postMessage with an exact origin. This entry holds the shared state and wires the parts
// together: bridge.js (host page), shell.js (header, banner, views), forms.js, chat-view.js,
// events.js (model events) and campaigns.js (invitations to chat).

import { ChatModel } from './chat.js';
import { HttpError, fetchJson } from './http.js';
import { SiteStorage } from './storage.js';
import { parseOrigin, createBridge } from './bridge.js';
import { DEFAULT_CONFIG, createShell } from './shell.js';
import { createForms } from './forms.js';
import { createChatView } from './chat-view.js';
import { createChatComposer } from './chat-composer.js';
import { createAttachmentList } from './attachment-list.js';
import { bindModelEvents } from './events.js';
import { createTickets } from './tickets.js';
import { createTicketsView } from './tickets-view.js';
import { createCampaigns } from './campaigns.js';

const params = new URLSearchParams(location.search);
const siteKey = params.get('site') || '';
const hostOrigin = parseOrigin(params.get('host'));
const embedded = window.parent !== window && hostOrigin !== null;
const baseUrl = location.origin;

const state = {
  config: DEFAULT_CONFIG,
  view: 'loading',
  open: !embedded,
  identity: {},
  attributes: {},
  queueInfo: null,
  joinedShown: new Set(),
  unread: 0,
  readySent: false,
  connection: 'connecting',
  waitTimer: null,
  // When the site's config was last read (ms).
  configAt: 0,
  typingTimer: null,
  ending: false,
  formValues: {},
};

const storage = new SiteStorage(siteKey);
// The loader hands over the visitor of the shop page's first view in the address's fragment.
const visitPass = new URLSearchParams(location.hash.slice(1)).get('pass');
const model = new ChatModel({ baseUrl, siteKey, storage, visitPass });

// What the parts share. Each part adds its functions; they call one another through ctx, so the
// order below only matters for what runs at once (listeners, the shell's DOM).
const ctx = { siteKey, hostOrigin, embedded, baseUrl, state, storage, model };
Object.assign(ctx, createBridge(ctx));
Object.assign(ctx, createShell(ctx));
Object.assign(ctx, createForms(ctx));
Object.assign(ctx, createAttachmentList({ baseUrl, token: () => model.token() }));
Object.assign(ctx, createChatComposer(ctx));
Object.assign(ctx, createChatView(ctx));
Object.assign(ctx, createTickets(ctx));
Object.assign(ctx, createTicketsView(ctx));
Object.assign(ctx, createCampaigns(ctx));
bindModelEvents(ctx);

// ---- boot ------------------------------------------------------------------------------------

async function boot() {
  const { applyConfig, show, renderBanner, postReady } = ctx;
  applyConfig({});
  show('loading');
  renderBanner();
  if (!siteKey) {
    show('unavailable');
    return;
  }
  try {
    applyConfig(await fetchJson(new URL('/v1/widget/config?siteKey=' + encodeURIComponent(siteKey), baseUrl)));
    state.configAt = Date.now();
  } catch (e) {
    if (e instanceof HttpError && e.status === 404 && e.code === 'not_found' && !/endpoint/.test(e.message)) {
      show('unavailable');
      postReady(false);
      return;
    }
    // An older server without the config endpoint: the defaults work.
  }
  if (!model.verified) {
    // A verified visitor keeps their token across reloads; the host page's proof renews it.
    try {
      await model.refreshToken();
    } catch (e) {
      if (e instanceof HttpError && e.status === 404) {
        show('unavailable');
        postReady(false);
        return;
      }
      if (e instanceof HttpError && e.status === 401) {
        // The site talks to signed-in users only: wait for the host page's identify.
        postReady();
        show('signin');
        return;
      }
      // Offline or the server is down: the connection keeps trying.
    }
  }
  postReady();
  startChat();
}

/** How long the tickets wait for the socket before they are read over HTTP alone. */
const TICKETS_WITHOUT_SOCKET_MS = 3000;

function startChat() {
  ctx.show(model.conversation ? 'chat' : 'form');
  ctx.state.connected = true;
  model.connect();
  // The visitor's tickets are read when the socket is ready (events.js), so that no change
  // between the read and the socket's events is missed; reading them here too cost every page
  // view a second request. A socket not welcomed within a few seconds (a proxy that blocks
  // WebSockets, a server restarting) does not hold them back.
  setTimeout(() => {
    if (!model.connection.isOpen) ctx.loadTickets();
  }, TICKETS_WITHOUT_SOCKET_MS);
}

/** The host page's signed identity: become that contact, then chat as them. */
ctx.verify = async (proof) => {
  try {
    const changed = await model.setIdentity(proof);
    if (changed) {
      ctx.forgetTickets();
      ctx.reportPage(); // a visit pass for the contact the visitor now is
    }
    if (!ctx.state.connected) startChat();
    else if (changed) model.reconnect();
  } catch (e) {
    if (e instanceof HttpError && e.status === 401) {
      ctx.state.signinFailed = true;
      if (!ctx.state.connected) ctx.show('signin');
    }
  }
};

/** The host page's user signed out: forget them here and start over anonymously. */
ctx.resetVisitor = async () => {
  model.reset();
  ctx.forgetTickets();
  if (['tickets', 'ticket'].includes(ctx.state.view)) ctx.show('form');
  try {
    await model.refreshToken();
  } catch (e) {
    ctx.state.connected = false;
    model.client.stop();
    ctx.show('signin');
    return;
  }
  ctx.show('form');
  if (ctx.state.connected) model.reconnect();
  else startChat();
};

boot();
