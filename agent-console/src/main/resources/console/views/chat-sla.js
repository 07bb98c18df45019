// A live chat's SLA in the conversation header: the open first- or next-response clock
// (GET /v1/conversations/{id}/sla) as a countdown that turns amber at risk and red once late.
// The clocks are read again when the chat changes (a message in or out), at most once a second;
// met and cancelled clocks, and closed chats, show nothing.

import { h, replace } from '../dom.js';
import { t } from '../i18n.js';
import { fullTime } from '../format.js';
import { liveState, say } from './ticket-common.js';
import { clockText } from './ticket-sla.js';

const READ_GAP_MS = 1000;

export class ChatSla {
  constructor(api) {
    this.api = api;
    this.id = null;
    this.clocks = [];
    this.lastRead = 0;
    this.pending = null;
    this.element = h('span', { class: 'chat-sla', id: 'chat-sla' });
    this.timer = setInterval(() => this.tick(), 1000);
  }

  dispose() {
    clearInterval(this.timer);
    clearTimeout(this.pending);
  }

  /** The chat on screen changed or was drawn again: read its clocks (soon, not on every redraw). */
  show(conversation) {
    if (!conversation || conversation.status === 'closed') {
      this.id = conversation?.id ?? null;
      this.clocks = [];
      this.render();
      return;
    }
    if (conversation.id !== this.id) {
      this.id = conversation.id;
      this.clocks = [];
      this.render();
      this.read();
      return;
    }
    if (!this.pending) {
      const wait = Math.max(0, this.lastRead + READ_GAP_MS - Date.now());
      this.pending = setTimeout(() => this.read(), wait);
    }
  }

  async read() {
    clearTimeout(this.pending);
    this.pending = null;
    this.lastRead = Date.now();
    const id = this.id;
    let sla = null;
    try {
      sla = await this.api.chatSla(id);
    } catch {
      sla = null;
    }
    if (id !== this.id) return;
    this.clocks = (sla?.clocks || []).filter((clock) => ['running', 'at_risk', 'breached'].includes(clock.state) && !clock.stoppedAt);
    this.render();
  }

  render() {
    replace(this.element, this.clocks.map((clock) => {
      clock.item = h('span', { class: 'sla-clock chat-sla-clock', dataset: { metric: clock.metric } },
        h('span', { class: 'sla-metric', text: say('metric', clock.metric) }), ' ',
        h('span', { class: 'sla-time' }));
      return clock.item;
    }));
    this.element.hidden = this.clocks.length === 0;
    this.tick();
  }

  tick(now = Date.now()) {
    for (const clock of this.clocks) {
      const state = liveState(clock, now);
      const seconds = clock.deadline ? (Date.parse(clock.deadline) - now) / 1000 : 0;
      clock.item.dataset.state = state;
      clock.item.querySelector('.sla-time').textContent = seconds >= 0
        ? t('sla.left', { time: clockText(seconds) }) : t('sla.late', { time: clockText(-seconds) });
      clock.item.title = `${say('slaState', state)} · ${clock.deadline ? t('sla.deadline', { time: fullTime(clock.deadline) }) : ''}`;
    }
  }
}
