// The wall's filter and pages: a team and a queue to show (kept in the address, #/wall?team=..&queue=..,
// so a reload shows the same), agents and queues a page at a time, and how many rows each page leaves out.
// The wall asks GET /v1/wall for the selected page only.

import { h, replace } from '../dom.js';
import { t } from '../i18n.js';
import { Pager } from './pager.js';

export const AGENT_PAGE = 50;
export const QUEUE_PAGE = 25;

export class WallFilter {
  /** {@code changed} runs after the user picked a filter or a page (the wall reloads). */
  constructor(changed) {
    this.changed = changed;
    this.agentOffset = 0;
    this.queueOffset = 0;
    this.team = h('select', { id: 'wall-team', on: { change: () => this.pick() } });
    this.queue = h('select', { id: 'wall-queue', on: { change: () => this.pick() } });
    this.hidden = h('p', { class: 'muted small', id: 'wall-hidden' });
    this.element = h('form', { class: 'wall-filters', id: 'wall-filters', 'aria-label': t('wall.filter.label'), on: { submit: (e) => e.preventDefault() } },
      h('div', { class: 'field' }, h('label', { htmlFor: 'wall-team', text: t('wall.filter.team') }), this.team),
      h('div', { class: 'field' }, h('label', { htmlFor: 'wall-queue', text: t('wall.filter.queue') }), this.queue),
      this.hidden);
    this.agentPager = new Pager('wall-agents', t('wall.page.agents'), AGENT_PAGE, (offset) => { this.agentOffset = offset; this.changed(); });
    this.queuePager = new Pager('wall-queues', t('wall.page.queues'), QUEUE_PAGE, (offset) => { this.queueOffset = offset; this.changed(); });
    this.readAddress();
  }

  /** Takes the team and queue from the address (on showing the wall, and after a reload). */
  readAddress() {
    const query = new URLSearchParams(location.hash.split('?')[1] || '');
    this.selected = { team: query.get('team') || '', queue: query.get('queue') || '' };
  }

  /** The query of the page to show. */
  query() {
    const params = new URLSearchParams({
      agentOffset: String(this.agentOffset), agentLimit: String(AGENT_PAGE),
      queueOffset: String(this.queueOffset), queueLimit: String(QUEUE_PAGE),
    });
    if (this.selected.team) params.set('team', this.selected.team);
    if (this.selected.queue) params.set('queue', this.selected.queue);
    return params;
  }

  /** A filter the wall refused (a team or queue no longer there): back to everything. */
  reset() {
    this.selected = { team: '', queue: '' };
    this.agentOffset = 0;
    this.queueOffset = 0;
    this.writeAddress();
  }

  pick() {
    this.selected = { team: this.team.value, queue: this.queue.value };
    this.agentOffset = 0;
    this.queueOffset = 0;
    this.writeAddress();
    this.changed();
  }

  writeAddress() {
    const params = new URLSearchParams();
    if (this.selected.team) params.set('team', this.selected.team);
    if (this.selected.queue) params.set('queue', this.selected.queue);
    const query = params.toString();
    history.replaceState(null, '', `#/wall${query ? `?${query}` : ''}`);
  }

  /** Updates the choices, the pagers and the count of what is left out from the wall's answer. */
  update(wall) {
    const filters = wall.filters || { teams: [], queues: [] };
    options(this.team, t('wall.filter.allTeams'), filters.teams, this.selected.team);
    options(this.queue, t('wall.filter.allQueues'), filters.queues, this.selected.queue);
    const agentsTotal = wall.agentsTotal ?? (wall.agents || []).length;
    const queuesTotal = wall.queuesTotal ?? (wall.queues || []).length;
    // Rows left since the page was chosen: go back to the last page there is.
    if (this.agentOffset > 0 && this.agentOffset >= agentsTotal) this.agentOffset = Math.max(0, Math.floor((agentsTotal - 1) / AGENT_PAGE) * AGENT_PAGE);
    if (this.queueOffset > 0 && this.queueOffset >= queuesTotal) this.queueOffset = Math.max(0, Math.floor((queuesTotal - 1) / QUEUE_PAGE) * QUEUE_PAGE);
    this.agentPager.update(this.agentOffset, (wall.agents || []).length, agentsTotal);
    this.queuePager.update(this.queueOffset, (wall.queues || []).length, queuesTotal);
    const hiddenAgents = agentsTotal - (wall.agents || []).length;
    const hiddenQueues = queuesTotal - (wall.queues || []).length;
    this.hidden.textContent = hiddenAgents || hiddenQueues
      ? t('wall.filter.hidden', { agents: hiddenAgents, queues: hiddenQueues }) : t('wall.filter.allShown');
  }
}

function options(select, allLabel, items, selected) {
  const wanted = [['', allLabel], ...items.map((item) => [item.id, item.name || item.id])];
  const current = [...select.options].map((o) => `${o.value}\u0000${o.textContent}`).join('\u0001');
  if (current !== wanted.map(([v, l]) => `${v}\u0000${l}`).join('\u0001')) {
    replace(select, ...wanted.map(([value, label]) => h('option', { value, text: label })));
  }
  select.value = selected;
}
