// The inbox page: the conversation list (conversation-list.js), the open conversation with its
// header, timeline (timeline.js) and composer (composer.js), and the visitor sidebar. This file
// puts them together, follows the inbox's changes and handles the page's keyboard shortcuts and
// the close, transfer and dismiss actions.

import { h, replace, icon } from '../dom.js';
import { closeDialog, transferDialog, toast } from './dialogs.js';
import { Sidebar } from './sidebar.js';
import { ChatSla } from './chat-sla.js';
import { ConversationList, avatar } from './conversation-list.js';
import { Timeline } from './timeline.js';
import { Composer } from './composer.js';
import { dispositionName } from '../format.js';
import { t, language } from '../i18n.js';
import { ticketFromChatDialog } from './ticket-dialogs.js';
import { TicketContext } from './ticket-context.js';

const CANNED_REFRESH_MS = 60000;

export class InboxView {
  constructor(inbox, { me, isSupervisor, api }) {
    this.inbox = inbox;
    this.me = me;
    this.api = api;
    this.renderedId = null;
    this.ticketContext = new TicketContext(api);
    this.queueNames = new Map();
    this.timers = [];

    this.list = new ConversationList(inbox, { api, isSupervisor, onOpen: (id) => this.open(id) });
    this.timeline = new Timeline(inbox, me);
    this.composer = new Composer(inbox, { onSubmitted: () => this.timeline.scrollToEnd() });
    this.convHead = h('header', { class: 'conv-head' });
    this.chatSla = new ChatSla(api);
    this.closedBar = h('div', { class: 'closed-bar', hidden: true });
    this.convPanel = h('section', { class: 'conversation', hidden: true },
      this.convHead, this.timeline.element, this.timeline.typingLine, this.closedBar, this.composer.element);
    this.emptyPanel = h('section', { class: 'conversation-empty' },
      h('div', { class: 'empty-illustration', 'aria-hidden': 'true' }, icon('inbox')),
      h('h2', { text: t('inbox.pick') }),
      h('p', { class: 'muted', text: t('inbox.pickHint') }));
    this.sidebar = new Sidebar(api, (c) => inbox.loadDetails(c), me);
    this.element = h('div', { class: 'inbox-page', lang: language() }, this.list.element, this.emptyPanel, this.convPanel, this.sidebar.element);

    this.onKey = (e) => this.onGlobalKey(e);
    this.onChange = (e) => this.onInboxChange(e.detail);
    inbox.addEventListener('change', this.onChange);
    this.list.render();
    this.loadCanned();
    this.loadQueues();
    this.timers.push(setInterval(() => { this.loadCanned(); this.loadQueues(); }, CANNED_REFRESH_MS));
    this.timers.push(setInterval(() => this.list.render(), 30000));
  }

  show() {
    document.addEventListener('keydown', this.onKey);
    this.list.render();
    if (this.inbox.activeId) this.open(this.inbox.activeId, false);
  }

  hide() {
    document.removeEventListener('keydown', this.onKey);
  }

  dispose() {
    this.hide();
    this.inbox.removeEventListener('change', this.onChange);
    this.timers.forEach(clearInterval);
    this.list.dispose();
    this.sidebar.dispose();
    this.chatSla.dispose();
  }

  get active() {
    return this.inbox.activeId ? this.inbox.get(this.inbox.activeId) : null;
  }

  onInboxChange({ id, what }) {
    if (this.opening) return;
    if (what === 'list' || !id) this.list.render();
    const active = this.active;
    if (!active) {
      if (this.renderedId) this.showEmpty();
      return;
    }
    if (this.renderedId !== active.id) {
      this.open(active.id, false);
      return;
    }
    if (id && id !== active.id) {
      this.list.render();
      return;
    }
    if (['timeline', 'read', 'reset', 'list', 'details'].includes(what) || !id) {
      this.timeline.render(active, what === 'reset');
      this.renderHead(active);
      this.inbox.markRead(active);
    }
    if (what === 'typing' || what === 'timeline' || what === 'details') this.timeline.renderTyping(active);
    if (what === 'context' || what === 'details') this.sidebar.update(active);
    if (what === 'timeline') this.list.render();
  }

  // ---- keyboard -----------------------------------------------------------------------------

  onGlobalKey(e) {
    if (document.querySelector('dialog[open]')) return;
    if (e.altKey && !e.ctrlKey && !e.metaKey && (e.key === 'ArrowDown' || e.key === 'ArrowUp')) {
      const list = this.list.sorted();
      if (!list.length) return;
      e.preventDefault();
      const index = list.findIndex((c) => c.id === this.inbox.activeId);
      const next = e.key === 'ArrowDown' ? (index + 1) % list.length : (index - 1 + list.length) % list.length;
      this.open(list[index < 0 ? 0 : next].id);
    } else if (e.altKey && !e.ctrlKey && !e.metaKey && /^Digit[1-9]$/.test(e.code)) {
      const conversation = this.list.sorted()[Number(e.code.slice(5)) - 1];
      if (conversation) {
        e.preventDefault();
        this.open(conversation.id);
      }
    } else if (e.altKey && !e.ctrlKey && (e.code === 'KeyN') && this.active) {
      e.preventDefault();
      this.composer.toggleMode();
    }
  }

  // ---- conversation -------------------------------------------------------------------------

  /** Phones: back from the open conversation to the list (the conversation stays open). */
  backToList() {
    this.element.classList.remove('showing-conversation');
    this.list.element.querySelector(`.conv-item[data-id="${CSS.escape(this.renderedId || '')}"]`)?.focus();
  }

  showEmpty() {
    this.renderedId = null;
    this.chatSla.show(null);
    this.element.classList.remove('showing-conversation');
    this.timeline.clear();
    this.convPanel.hidden = true;
    this.emptyPanel.hidden = false;
    this.sidebar.show(null);
  }

  open(id, focus = true) {
    const conversation = this.inbox.get(id);
    if (!conversation) return;
    const switching = this.renderedId !== id;
    this.opening = true;
    try {
      this.inbox.activate(id);
    } finally {
      this.opening = false;
    }
    if (!this.inbox.get(id)) return;
    this.emptyPanel.hidden = true;
    this.convPanel.hidden = false;
    // On a phone the open conversation takes the screen; its back button shows the list again.
    this.element.classList.add('showing-conversation');
    this.convPanel.setAttribute('aria-label', t('inbox.with', { name: conversation.visitorName }));
    if (switching) {
      this.renderedId = id;
      this.timeline.clear();
      this.composer.show(id);
      this.loadNotes(conversation);
      this.sidebar.show(conversation);
    }
    this.renderHead(conversation);
    this.timeline.render(conversation, false, switching);
    this.timeline.renderTyping(conversation);
    this.list.render();
    if (focus) this.composer.focus();
  }

  async loadNotes(conversation) {
    if (conversation.notesLoaded) return;
    try {
      const notes = await this.api.notes(conversation.id);
      this.inbox.setNotes(conversation.id, notes || []);
    } catch {
      conversation.notesLoaded = true;
    }
  }

  renderHead(c) {
    const closed = c.status === 'closed';
    const queue = c.details?.queue || c.queue;
    const sub = [this.queueNames.get(queue) || queue, t(closed ? 'inbox.state.closed' : c.accepted ? 'inbox.state.active' : 'inbox.state.assigned')].filter(Boolean).join(' · ');
    this.convPanel.setAttribute('aria-label', t('inbox.with', { name: c.visitorName }));
    replace(this.convHead,
      h('button', {
        type: 'button', class: 'icon-button narrow-only', id: 'conv-back', 'aria-label': t('inbox.back'), title: t('inbox.back'),
        on: { click: () => this.backToList() },
      }, icon('back')),
      avatar(c.visitorName, c.visitor?.id || c.id),
      h('div', { class: 'conv-title' }, h('h2', { text: c.visitorName }),
        h('span', { class: 'conv-sub' }, h('span', { class: 'muted small', text: sub }), this.chatSla.element)),
      h('div', { class: 'conv-actions' },
        h('button', {
          type: 'button', class: 'button', disabled: closed, on: { click: () => this.transfer(c) },
        }, icon('transfer'), h('span', { text: t('inbox.transfer') })),
        h('button', {
          type: 'button', class: 'button', id: 'conv-ticket', on: { click: () => this.createTicket(c) },
        }, icon('ticket'), h('span', { text: t('chatTicket.button') })),
        closed
          ? h('button', { type: 'button', class: 'button', on: { click: () => this.dismiss(c) } }, icon('x'), h('span', { text: t('inbox.remove') }))
          : h('button', { type: 'button', class: 'button success', on: { click: () => this.close(c) } }, icon('close'), h('span', { text: t('inbox.close') }))));
    this.chatSla.show(c);
    this.composer.element.hidden = closed;
    this.closedBar.hidden = !closed;
    if (closed) {
      replace(this.closedBar, h('span', {
        text: c.closed?.disposition ? t('inbox.closedBannerWith', { disposition: dispositionName(c.closed.disposition) }) : t('inbox.closedBanner'),
      }));
    }
  }

  // ---- data for the header and the composer -------------------------------------------------

  async loadQueues() {
    try {
      for (const queue of (await this.api.queues()) || []) this.queueNames.set(queue.id, queue.name);
      if (this.active) this.renderHead(this.active);
    } catch {
      // Queue names are a nicety; ids are shown instead.
    }
  }

  async loadCanned() {
    try {
      this.composer.setCanned(await this.api.cannedReplies());
    } catch {
      // Not available (yet): the popup says so.
    }
  }

  // ---- actions ------------------------------------------------------------------------------

  async close(c) {
    const choice = await closeDialog(c.visitorName);
    if (!choice) return;
    try {
      await this.inbox.close(c.id, choice.disposition, choice.tags);
      this.composer.stopTyping();
      toast(t('inbox.closedToast', { name: c.visitorName }));
    } catch (error) {
      toast(t('inbox.closeFailed', { code: error.code }), 'error');
    }
  }

  async createTicket(c) {
    const ticket = await ticketFromChatDialog({ api: this.api, conversation: { id: c.id, visitorName: c.visitorName, queue: c.details?.queue || c.queue }, context: this.ticketContext });
    if (!ticket) return;
    this.sidebar.ticketsChanged(c);
    const box = document.getElementById('toasts');
    const item = h('div', { class: 'toast' }, h('span', { text: t('chatTicket.created', { number: ticket.number }) }), ' ',
      h('a', { href: `#/tickets/${ticket.id}`, text: t('chatTicket.open') }));
    box?.append(item);
    setTimeout(() => item.remove(), 8000);
  }

  async transfer(c) {
    const choice = await transferDialog({ api: this.api, me: this.me, conversation: c });
    if (!choice) return;
    try {
      await this.inbox.transfer(c.id, choice.target, choice.note);
      // The server answers with `unassigned`, which removes the chat and says so.
    } catch (error) {
      const known = ['conflict', 'not_found', 'unknown_type'].includes(error.code);
      toast(t('inbox.transferFailed', { reason: known ? t(`inbox.transfer.${error.code}`) : error.code }), 'error');
    }
  }

  dismiss(c) {
    const list = this.list.sorted();
    const index = list.indexOf(c);
    this.inbox.remove(c.id, 'dismissed');
    const rest = this.list.sorted();
    const next = rest[Math.min(index, rest.length - 1)];
    if (next) this.open(next.id);
    else this.showEmpty();
  }
}
