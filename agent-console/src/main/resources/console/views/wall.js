// The supervisor wall: queues, agents, the waiting conversations (each of which a supervisor can
// assign to an agent or move to another queue) and the live server nodes, refreshed from
// GET /v1/wall every 1.5 s: only the team or queue chosen and the page of agents and queues shown
// (wall-filter.js), with the summary over all of them.

import { h, replace } from '../dom.js';
import { duration, initials } from '../format.js';
import { avatarColour } from './conversation-list.js';
import { isMissing } from '../api.js';
import { t, language } from '../i18n.js';
import { WaitingPanel } from './wall-waiting.js';
import { LivePanel } from './wall-live.js';
import { AvailabilityPanel } from './wall-availability.js';
import { WallFilter } from './wall-filter.js';

const REFRESH_MS = 1500;

export class WallView {
  constructor(api) {
    this.api = api;
    this.timer = null;
    this.updated = h('span', { class: 'muted small', 'aria-live': 'off' });
    this.summary = h('div', { class: 'wall-summary' });
    this.queues = h('tbody');
    this.agents = h('tbody');
    this.nodes = h('tbody');
    this.nodeCount = h('span', { class: 'count-badge', id: 'wall-node-count' });
    this.error = h('p', { class: 'form-error', role: 'alert', hidden: true });
    this.waiting = new WaitingPanel(api, () => this.refresh());
    this.live = new LivePanel(api);
    this.availability = new AvailabilityPanel(api);
    this.filter = new WallFilter(() => this.refresh());
    this.element = h('div', { class: 'wall-page', lang: language() },
      h('div', { class: 'page-head' }, h('h1', { text: t('wall.title') }), this.updated),
      this.error, this.filter.element, this.summary, this.availability.element,
      h('div', { class: 'wall-grid' },
        h('section', { class: 'card', 'aria-labelledby': 'wall-queues' },
          h('h2', { id: 'wall-queues', text: t('wall.queues') }),
          h('table', { class: 'data-table', id: 'wall-queue-table' },
            h('thead', {}, h('tr', {}, ['queue', 'waiting', 'longest', 'online', 'away'].map((key) => h('th', { scope: 'col', text: t(`wall.col.${key}`) })))),
            this.queues),
          this.filter.queuePager.element),
        h('section', { class: 'card', 'aria-labelledby': 'wall-agents' },
          h('h2', { id: 'wall-agents', text: t('wall.agents') }),
          h('table', { class: 'data-table', id: 'wall-agent-table' },
            h('thead', {}, h('tr', {}, ['agent', 'role', 'status', 'load'].map((key) => h('th', { scope: 'col', text: t(`wall.col.${key}`) })))),
            this.agents),
          this.filter.agentPager.element)),
      this.waiting.element,
      this.live.element,
      h('section', { class: 'card', 'aria-labelledby': 'wall-nodes', lang: language() },
        h('div', { class: 'card-head' }, h('h2', { id: 'wall-nodes', text: t('nodes.title') }), this.nodeCount),
        h('table', { class: 'data-table', id: 'wall-node-table', 'aria-labelledby': 'wall-nodes' },
          h('thead', {}, h('tr', {}, ['nodes.col.node', 'nodes.col.address', 'nodes.col.beat', 'nodes.col.sessions', 'nodes.col.staff']
            .map((key) => h('th', { scope: 'col', text: t(key) })))),
          this.nodes)));
  }

  show() {
    this.filter.readAddress();
    this.refresh();
    this.timer = setInterval(() => this.refresh(), REFRESH_MS);
  }

  hide() {
    clearInterval(this.timer);
  }

  dispose() {
    this.hide();
  }

  async refresh() {
    this.live.refresh();
    this.availability.refresh();
    let wall;
    const asked = this.asked = (this.asked || 0) + 1;
    try {
      wall = await this.api.wall(this.filter.query());
    } catch (error) {
      if (error.status === 400 && (this.filter.selected.team || this.filter.selected.queue)) {
        this.filter.reset();
        return this.refresh();
      }
      this.error.textContent = isMissing(error) ? t('wall.unavailable')
        : error.status === 403 ? t('wall.forbidden') : t('wall.failed', { message: error.message });
      this.error.hidden = false;
      return;
    }
    // A later answer (another filter or page) is already on its way: this one is stale.
    if (asked !== this.asked) return;
    this.error.hidden = true;
    const queues = wall.queues || [];
    const agents = wall.agents || [];
    this.filter.update(wall);
    const totals = wall.totals || {};
    const totalWaiting = totals.waiting ?? queues.reduce((sum, q) => sum + (q.waiting || 0), 0);
    const longest = totals.longestWaitSeconds ?? queues.reduce((max, q) => Math.max(max, q.longestWaitSeconds || 0), 0);
    const online = totals.agentsOnline ?? agents.filter((a) => a.status === 'online').length;
    const away = totals.agentsAway ?? agents.filter((a) => a.status === 'away').length;
    const load = totals.load ?? agents.reduce((sum, a) => sum + (a.load || 0), 0);
    const capacity = totals.capacity ?? agents.filter((a) => a.status === 'online').reduce((sum, a) => sum + (a.capacity || 0), 0);
    replace(this.summary,
      stat(t('wall.stat.waiting'), String(totalWaiting), 'wall-waiting', totalWaiting > 0 ? 'warn' : ''),
      stat(t('wall.stat.longest'), totalWaiting ? duration(longest) : '—', 'wall-longest', longest > 120 ? 'bad' : ''),
      stat(t('wall.stat.online'), String(online), 'wall-online', ''),
      stat(t('wall.stat.away'), String(away), 'wall-away', ''),
      stat(t('wall.stat.load'), `${load} / ${capacity}`, 'wall-load', ''));
    replace(this.queues, queues.length ? queues.map((q) => h('tr', { dataset: { queue: q.id } },
      h('th', { scope: 'row', text: q.name || q.id }),
      h('td', { class: `num${q.waiting > 0 ? ' warn' : ''}`, dataset: { field: 'waiting' }, text: String(q.waiting ?? 0) }),
      h('td', { class: 'num', dataset: { field: 'longest' }, text: q.waiting ? duration(q.longestWaitSeconds) : '—' }),
      h('td', { class: 'num', dataset: { field: 'online' }, text: String(q.agentsOnline ?? 0) }),
      h('td', { class: 'num', dataset: { field: 'away' }, text: String(q.agentsAway ?? 0) })))
      : h('tr', {}, h('td', { colspan: '5', class: 'muted', text: t('wall.noQueues') })));
    const order = { online: 0, away: 1, offline: 2 };
    replace(this.agents, agents.length ? [...agents].sort((a, b) => (order[a.status] ?? 3) - (order[b.status] ?? 3) || a.name.localeCompare(b.name))
      .map((a) => {
        const avatar = h('span', { class: 'avatar small', 'aria-hidden': 'true', text: initials(a.name) });
        avatar.style.background = avatarColour(a.id);
        const ratio = a.capacity ? Math.min(1, (a.load || 0) / a.capacity) : 0;
        const bar = h('span', { class: 'load-bar-fill' });
        bar.style.width = `${Math.round(ratio * 100)}%`;
        return h('tr', { dataset: { agent: a.id } },
          h('th', { scope: 'row' }, h('span', { class: 'agent-cell' }, avatar, h('span', { text: a.name }))),
          h('td', { text: t(`role.name.${a.role}`) }),
          h('td', {}, h('span', { class: `status-pill ${a.status}`, text: t(`agentStatus.${a.status}`) })),
          h('td', {}, h('span', { class: 'load-cell-inner' },
            h('span', { class: `load-bar${ratio >= 1 ? ' full' : ''}`, role: 'img', 'aria-label': t('wall.loadLabel', { load: a.load ?? 0, capacity: a.capacity ?? 0 }) }, bar),
            h('span', { class: 'load-text', dataset: { field: 'load' }, text: `${a.load ?? 0}/${a.capacity ?? 0}` }))));
      }) : h('tr', {}, h('td', { colspan: '4', class: 'muted', text: t('wall.noAgents') })));
    renderNodes(this.nodes, this.nodeCount, wall.nodes);
    await this.waiting.update(queues);
    this.updated.textContent = t('wall.updated', { time: new Date(wall.at || Date.now()).toLocaleTimeString(language()) });
  }
}

/** The live server nodes: id, address, heartbeat age and connections; gone once their TTL ran out. */
function renderNodes(rows, count, nodes) {
  if (!Array.isArray(nodes)) {
    count.textContent = '';
    replace(rows, h('tr', {}, h('td', { colspan: '5', class: 'muted', text: t('nodes.unavailable') })));
    return;
  }
  count.textContent = t('nodes.count', { n: nodes.length });
  const dash = (value) => (value === undefined || value === null ? '—' : String(value));
  replace(rows, nodes.length ? nodes.map((node) => h('tr', { dataset: { node: node.id } },
    h('th', { scope: 'row' }, h('code', { text: node.id })),
    h('td', { dataset: { field: 'address' }, text: dash(node.address) }),
    h('td', { class: 'num', dataset: { field: 'beat' }, title: node.lastBeatAt || '',
      text: node.heartbeatAgeMillis === undefined ? '—' : t('nodes.ago', { s: (node.heartbeatAgeMillis / 1000).toFixed(1) }) }),
    h('td', { class: 'num', dataset: { field: 'sessions' }, text: dash(node.sessions) }),
    h('td', { class: 'num', dataset: { field: 'staff' }, text: dash(node.staff) })))
    : h('tr', {}, h('td', { colspan: '5', class: 'muted', text: t('nodes.empty') })));
}

function stat(label, value, id, tone) {
  return h('div', { class: `stat ${tone}` }, h('span', { class: 'stat-value', id, text: value }), h('span', { class: 'stat-label', text: label }));
}
