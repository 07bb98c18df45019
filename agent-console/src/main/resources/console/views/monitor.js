// The monitor page (#/monitor/<conversationId>, supervisors and admins): a live conversation of
// their team, read-only, on its own WebSocket so the supervisor's inbox stays as it is. From here
// they whisper to the agent (a note the visitor never sees) and join the conversation (barge),
// after which they write to the visitor too. The server records each step in the conversation's
// history and the audit log.

import { ProtocolClient } from '../../widget/common/client.js';
import { h, replace, icon, linkify } from '../dom.js';
import { shortTime, fullTime } from '../format.js';
import { t, language } from '../i18n.js';
import { toast } from './dialogs.js';

const KINDS = ['queued', 'assigned', 'accepted', 'requeued', 'transferred', 'prioritized', 'monitored', 'whispered', 'joined', 'closed'];

export class MonitorView {
  constructor(api, me) {
    this.api = api;
    this.me = me;
    this.id = null;
    this.client = null;
    this.notes = [];
    this.title = h('h1', { id: 'monitor-title' });
    this.agentLine = h('span', { class: 'muted small', id: 'monitor-agent' });
    this.state = h('p', { class: 'monitor-state', id: 'monitor-state', role: 'status' });
    this.timeline = h('ol', { class: 'monitor-timeline', id: 'monitor-timeline', 'aria-labelledby': 'monitor-transcript' });
    this.history = h('ol', { class: 'history-list', id: 'monitor-history', 'aria-labelledby': 'monitor-history-title' });
    this.whisperText = h('textarea', { id: 'monitor-whisper', rows: '2', maxlength: '8000' });
    this.whisperForm = h('form', { class: 'monitor-form', novalidate: true, on: { submit: (e) => { e.preventDefault(); this.whisper(); } } },
      h('label', { htmlFor: 'monitor-whisper', text: t('monitor.whisperLabel') }), this.whisperText,
      h('div', { class: 'dialog-actions' }, h('button', { type: 'submit', class: 'button', id: 'monitor-whisper-send' }, icon('note'), h('span', { text: t('monitor.whisper') }))));
    this.joinButton = h('button', { type: 'button', class: 'button primary', id: 'monitor-join', 'aria-describedby': 'monitor-join-hint', on: { click: () => this.join() } },
      icon('user'), h('span', { text: t('monitor.join') }));
    this.joinBox = h('div', { class: 'monitor-join' }, this.joinButton, h('p', { class: 'muted small', id: 'monitor-join-hint', text: t('monitor.joinHint') }));
    this.messageText = h('textarea', { id: 'monitor-message', rows: '2', maxlength: '8000' });
    this.messageForm = h('form', { class: 'monitor-form', hidden: true, novalidate: true, on: { submit: (e) => { e.preventDefault(); this.send(); } } },
      h('label', { htmlFor: 'monitor-message', text: t('monitor.messageLabel') }), this.messageText,
      h('div', { class: 'dialog-actions' }, h('button', { type: 'submit', class: 'button primary', id: 'monitor-send' }, icon('send'), h('span', { text: t('monitor.send') }))));
    this.element = h('div', { class: 'wall-page monitor-page', lang: language() },
      h('div', { class: 'page-head' }, this.title, this.agentLine),
      h('a', { href: '#/wall', class: 'back-link', text: `← ${t('monitor.back')}` }),
      this.state,
      h('div', { class: 'monitor-grid' },
        h('section', { class: 'card', 'aria-labelledby': 'monitor-transcript' },
          h('h2', { id: 'monitor-transcript', text: t('monitor.transcript') }), this.timeline),
        h('div', { class: 'queue-editor' },
          h('section', { class: 'card admin-form' }, this.whisperForm),
          h('section', { class: 'card admin-form' }, this.joinBox, this.messageForm),
          h('section', { class: 'card', 'aria-labelledby': 'monitor-history-title' },
            h('h2', { id: 'monitor-history-title', text: t('monitor.history') }), this.history))));
  }

  /** Shows the conversation whose id the address names (the page's "section"). */
  async show(section) {
    const id = decodeURIComponent(section || '');
    if (id === this.id) return;
    this.stop();
    this.id = id;
    this.joined = false;
    this.closed = false;
    this.notes = [];
    this.title.textContent = t('monitor.title', { name: '…' });
    this.agentLine.textContent = '';
    this.render();
    this.connect(id);
    try {
      const [details, notes] = await Promise.all([this.api.conversation(id), this.api.notes(id)]);
      if (this.id !== id) return;
      this.title.textContent = t('monitor.title', { name: details.contact?.name || t('monitor.visitor') });
      this.agentLine.textContent = details.agent ? t('monitor.agent', { name: details.agent.name }) : '';
      this.closed = details.status === 'closed';
      this.notes = notes;
      this.render();
      this.loadHistory();
    } catch (error) {
      this.fail(error);
    }
  }

  hide() {
    this.stop();
    this.id = null;
  }

  dispose() {
    this.stop();
  }

  connect(id) {
    const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
    const client = new ProtocolClient({
      url: `${scheme}://${location.host}/v1/ws`, token: () => this.me.token, side: 'agent', authFailureAfter: 1,
    });
    client.track(id);
    // This socket is for the one conversation: the supervisor's own chats stay in the inbox.
    client.on('welcome', ({ listed }) => listed.forEach((other) => other !== id && client.forget(other)));
    client.on('message', () => this.render());
    client.on('outbox', () => this.render());
    client.on('resumed', () => this.render());
    client.on('closed', () => { this.closed = true; this.render(); });
    client.on('gone', ({ code }) => this.fail({ message: code }));
    client.on('event', (event) => {
      if (event.conversationId !== id) return;
      if (event.type === 'note') {
        this.notes.push(event);
        this.render();
      }
    });
    this.client = client;
    client.start();
  }

  stop() {
    this.client?.stop();
    this.client = null;
  }

  render() {
    const conversation = this.client?.get(this.id);
    const items = [
      ...(conversation?.messages || []).map((m) => ({ at: m.at, node: this.renderMessage(m) })),
      ...(conversation?.outbox || []).filter((e) => e.state !== 'sent').map((e) => ({ at: e.createdAt, node: this.renderPending(e) })),
      ...this.notes.map((n) => ({ at: n.at, node: this.renderNote(n) })),
    ].sort((a, b) => String(a.at).localeCompare(String(b.at)));
    replace(this.timeline, items.length ? items.map((item) => item.node) : h('li', { class: 'muted', text: t('monitor.empty') }));
    this.state.textContent = this.closed ? t('monitor.closed') : t(this.joined ? 'monitor.joinedState' : 'monitor.readOnly');
    this.state.dataset.state = this.closed ? 'closed' : this.joined ? 'joined' : 'monitoring';
    this.joinBox.hidden = this.joined || this.closed;
    this.messageForm.hidden = !this.joined || this.closed;
    this.whisperForm.querySelector('button').disabled = this.closed;
  }

  renderMessage(m) {
    const fromVisitor = m.sender?.role === 'visitor';
    const name = fromVisitor ? t('monitor.visitor') : m.sender?.id === this.me.userId ? t('monitor.you') : (m.sender?.name || '');
    return h('li', { class: `msg ${fromVisitor ? 'visitor' : 'staff'}`, dataset: { seq: String(m.seq) } },
      h('div', { class: 'bubble', dir: 'auto' }, linkify(m.text)),
      h('div', { class: 'msg-meta' }, h('span', { class: 'msg-author', text: name }), h('time', { datetime: m.at, title: fullTime(m.at), text: shortTime(m.at) })));
  }

  renderPending(entry) {
    return h('li', { class: `msg staff ${entry.state === 'failed' ? 'failed' : 'pending'}` },
      h('div', { class: 'bubble', dir: 'auto', text: entry.text }),
      entry.error ? h('div', { class: 'msg-meta', text: t('monitor.failed', { reason: entry.error.message || entry.error.code }) }) : null);
  }

  renderNote(n) {
    const key = n.kind === 'whisper' ? 'monitor.whisperFrom' : 'monitor.noteFrom';
    return h('li', { class: `note${n.kind === 'whisper' ? ' whisper' : ''}`, dataset: { note: String(n.noteId) } },
      h('div', { class: 'note-head' }, icon('note'), h('span', { class: 'note-label', text: t(key, { name: n.author?.name || '' }) }),
        h('time', { datetime: n.at, title: fullTime(n.at), text: shortTime(n.at) })),
      h('div', { class: 'note-text', dir: 'auto' }, linkify(n.text)));
  }

  async whisper() {
    const text = this.whisperText.value.trim();
    if (!text) return;
    try {
      await this.client.request({ type: 'whisper', conversationId: this.id, text });
      this.whisperText.value = '';
      toast(t('monitor.whispered'));
      this.loadHistory();
    } catch (error) {
      this.fail(error);
    }
  }

  async join() {
    try {
      await this.client.request({ type: 'barge', conversationId: this.id });
      this.joined = true;
      this.render();
      toast(t('monitor.joinedToast'));
      this.messageText.focus();
      this.loadHistory();
    } catch (error) {
      this.fail(error);
    }
  }

  send() {
    const text = this.messageText.value.trim();
    const conversation = this.client.get(this.id);
    if (!text || !conversation) return;
    this.client.send(conversation, text);
    this.messageText.value = '';
    this.messageText.focus();
  }

  /** The conversation's recorded history: who queued, assigned, monitored, whispered, joined... */
  async loadHistory() {
    const id = this.id;
    try {
      const entries = await this.api.history(id);
      if (this.id !== id) return;
      replace(this.history, entries.map((e) => h('li', { dataset: { kind: e.kind } },
        h('span', { text: KINDS.includes(e.kind) ? t(`history.${e.kind}`) : e.kind }),
        e.actor?.name ? h('span', { class: 'muted', text: ` · ${e.actor.name}` }) : null,
        h('time', { class: 'muted small', datetime: e.at, title: fullTime(e.at), text: ` ${shortTime(e.at)}` }))));
    } catch {
      // The history is extra context; the transcript stays usable without it.
    }
  }

  fail(error) {
    toast(t('monitor.failed', { reason: error?.message || error?.code || String(error) }), 'error');
  }
}
