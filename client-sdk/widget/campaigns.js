// Proactive invitations in the widget's iframe. The widget reports the host page (url, title,
// referrer, the visitor's language, how many visits this browser made and how long the visitor
// has been on the page) to POST /v1/widget/visit when the page changes and every 30 seconds;
// that also keeps the visitor on the console's live-visitors list. The server judges the
// campaigns' rules and answers the one to show and after how many seconds; the widget waits,
// asks to show it (the server checks the cap again) and shows the invitation. An agent's
// invitation arrives as the WebSocket event `invite`, or with a report when it was sent while
// no page had a socket. A reply is the pre-chat form's start, naming the invitation. Each
// answer's visit pass goes to the loader, which reports later page views itself (light start).
// The loader counts visits and knows when the page was opened; without it (the frame opened on
// its own) the frame counts them in its own storage.

import { fetchJson } from './http.js';
import { language } from './i18n.js';
import { createInvitationView } from './invitation-view.js';

const HEARTBEAT_MS = 30000;
/** A page load after this long without one counts as a new visit. */
const NEW_VISIT_AFTER_MS = 30 * 60 * 1000;

/** Wires campaigns into ctx: onPage (from the bridge) and the pending invitation. */
export function createCampaigns(ctx) {
  const { state, model, storage, baseUrl } = ctx;
  const view = createInvitationView(ctx, { reply, dismiss });
  let page = null;
  let offerTimer = null;
  let heartbeat = null;
  let visits = 0;

  function countVisit() {
    const stored = storage.load();
    const now = Date.now();
    const fresh = !stored.lastVisitAt || now - stored.lastVisitAt > NEW_VISIT_AFTER_MS;
    const count = (stored.visits || 0) + (fresh ? 1 : 0);
    storage.update({ visits: Math.max(1, count), lastVisitAt: now });
    return Math.max(1, count);
  }

  function body() {
    return {
      url: String(page.url || '').slice(0, 2048),
      title: String(page.title || '').slice(0, 512),
      referrer: String(page.referrer || '').slice(0, 2048) || undefined,
      language: (navigator.language || language()).slice(0, 35),
      visits,
      secondsOnPage: Math.min(86400, Math.floor((Date.now() - page.since) / 1000)),
    };
  }

  async function post(path, payload) {
    const token = await model.token();
    return fetchJson(new URL(path, baseUrl), { method: 'POST', body: payload, token });
  }

  /** The host page changed (or was first reported). */
  function onPage(next) {
    if (!next || !next.url) return;
    if (next.visits > 0) visits = next.visits;
    else if (!visits) visits = countVisit();
    const since = next.since > 0 && next.since <= Date.now() ? next.since : Date.now();
    if (!page || page.url !== next.url) page = { ...next, since };
    else page = { ...page, title: next.title };
    clearTimeout(offerTimer);
    report();
    clearInterval(heartbeat);
    heartbeat = setInterval(report, HEARTBEAT_MS);
  }

  async function report() {
    if (!page) return;
    let answer;
    let token;
    try {
      token = await model.token();
      answer = await fetchJson(new URL('/v1/widget/visit', baseUrl), { method: 'POST', body: body(), token });
    } catch {
      return; // an older server, or offline: the chat works without campaigns
    }
    // Only a pass for the visitor the frame still is: one who signed in meanwhile gets their own.
    if (answer && typeof answer.pass === 'string' && token === model.visitorToken) {
      ctx.postToHost({ type: 'pass', pass: answer.pass });
    }
    if (answer && answer.invitation) agentInvitation(answer.invitation);
    const campaign = answer && answer.campaign;
    if (!campaign || state.invitation || busy()) return;
    clearTimeout(offerTimer);
    const url = page.url;
    offerTimer = setTimeout(() => showCampaign(campaign.id, url),
      Math.max(0, campaign.afterSeconds || 0) * 1000);
  }

  /** The visitor is chatting or looking at the chat: no invitation then. */
  function busy() {
    return state.open || Boolean(model.conversation && model.conversation.status !== 'closed');
  }

  async function showCampaign(campaignId, url) {
    if (!page || page.url !== url || state.invitation || busy()) return;
    try {
      const shown = await post('/v1/widget/campaigns/' + encodeURIComponent(campaignId) + '/shown', body());
      present({ id: shown.invitationId, text: shown.text, sender: shown.sender && shown.sender.name });
    } catch {
      // Capped meanwhile, or no longer on a matching page.
    }
  }

  /** An agent's invitation, pushed over the WebSocket or answered with a report. */
  function agentInvitation(event) {
    if (typeof event.invitationId !== 'string' || typeof event.text !== 'string') return;
    if (model.conversation && model.conversation.status !== 'closed') return;
    if (state.invitation && state.invitation.id === event.invitationId) return;
    present({ id: event.invitationId, text: event.text, sender: event.sender && event.sender.name });
    touch(event.invitationId, 'shown');
  }
  model.on('invite', agentInvitation);

  function present(invitation) {
    state.invitation = invitation;
    if (state.open) {
      if (state.view === 'form') ctx.show('form');
    } else {
      view.show(invitation);
    }
  }

  function touch(id, kind) {
    post('/v1/widget/invitations/' + encodeURIComponent(id) + '/' + kind, {}).catch(() => {});
  }

  function reply() {
    const invitation = state.invitation;
    if (!invitation) return;
    touch(invitation.id, 'opened');
    view.hide();
    ctx.postToHost({ type: 'open' });
    if (state.view === 'form') ctx.show('form');
  }

  function dismiss() {
    const invitation = state.invitation;
    view.hide();
    state.invitation = null;
    if (invitation) touch(invitation.id, 'dismissed');
  }

  /** The chat opened: the invitation moves into the pre-chat form. */
  function onOpen() {
    if (view.visible()) {
      touch(state.invitation.id, 'opened');
      view.hide();
    }
  }

  /** The conversation started: the invitation is answered. */
  function answered() {
    state.invitation = null;
    view.hide();
  }

  return { onPage, reportPage: report, onInvitationOpen: onOpen, invitationAnswered: answered };
}
