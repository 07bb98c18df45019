// A ticket's SLA clocks as live countdowns: every second each running clock shows the time left
// to its deadline from the `deadline` the server computed, turning amber at its at-risk instant
// and red once the deadline passes; a paused clock shows the time it has left, a met one green.

import { h, replace } from '../dom.js';
import { t } from '../i18n.js';
import { fullTime } from '../format.js';
import { liveState, say } from './ticket-common.js';

/** "1:05:09" or "4:09": a countdown's hours, minutes and seconds. */
export function clockText(totalSeconds) {
  const s = Math.max(0, Math.floor(totalSeconds));
  const hours = Math.floor(s / 3600);
  const minutes = Math.floor((s % 3600) / 60);
  const seconds = String(s % 60).padStart(2, '0');
  return hours ? `${hours}:${String(minutes).padStart(2, '0')}:${seconds}` : `${minutes}:${seconds}`;
}

export class SlaClocks {
  constructor() {
    this.clocks = [];
    this.list = h('ul', { class: 'sla-clocks', id: 'sla-clocks' });
    this.policy = h('span', { class: 'muted small sla-policy' });
    this.element = h('section', { class: 'sla-strip', 'aria-labelledby': 'sla-title' },
      h('h2', { class: 'sla-title', id: 'sla-title', text: t('sla.title') }), this.policy, this.list);
    this.timer = null;
  }

  dispose() {
    clearInterval(this.timer);
  }

  show(ticket) {
    const sla = ticket.sla || {};
    this.clocks = (sla.clocks || []).filter((clock) => clock.state !== 'cancelled');
    this.policy.textContent = sla.policy?.name ? t('sla.policy', { name: sla.policy.name }) : '';
    if (!this.clocks.length) {
      replace(this.list, h('li', { class: 'muted small', text: t('sla.noClocks') }));
    } else {
      replace(this.list, this.clocks.map((clock) => {
        const item = h('li', { class: 'sla-clock', dataset: { metric: clock.metric } },
          h('span', { class: 'sla-metric', text: say('metric', clock.metric) }),
          h('span', { class: 'sla-state' }),
          h('span', { class: 'sla-time' }));
        clock.element = item;
        return item;
      }));
    }
    clearInterval(this.timer);
    this.tick();
    if (this.clocks.some((clock) => ['running', 'at_risk'].includes(clock.state))) this.timer = setInterval(() => this.tick(), 1000);
  }

  tick(now = Date.now()) {
    for (const clock of this.clocks) {
      const state = liveState(clock, now);
      const item = clock.element;
      item.dataset.state = state;
      item.querySelector('.sla-state').textContent = say('slaState', state);
      item.querySelector('.sla-time').textContent = this.timeText(clock, state, now);
      item.title = clock.deadline ? t('sla.deadline', { time: fullTime(clock.deadline) }) : '';
    }
  }

  timeText(clock, state, now) {
    if (state === 'paused') {
      const left = (clock.targetSeconds ?? 0) - (clock.elapsedSeconds ?? 0);
      return left >= 0 ? t('sla.left', { time: clockText(left) }) : t('sla.late', { time: clockText(-left) });
    }
    if (state === 'met') return clock.stoppedAt ? t('sla.metAt', { time: fullTime(clock.stoppedAt) }) : '';
    if (!clock.deadline) return '';
    const seconds = (Date.parse(clock.deadline) - now) / 1000;
    if (clock.stoppedAt && state === 'breached') return t('sla.stoppedAt', { time: fullTime(clock.stoppedAt) });
    return seconds >= 0 ? t('sla.left', { time: clockText(seconds) }) : t('sla.late', { time: clockText(-seconds) });
  }
}
