// The wall's live conversations: who is being served by whom in the supervisor's teams' queues
// (an admin: all), from GET /v1/live-conversations, each with a link to monitor it.

import { h, replace, icon } from '../dom.js';
import { duration } from '../format.js';
import { t, language } from '../i18n.js';

export class LivePanel {
  constructor(api) {
    this.api = api;
    this.rows = h('tbody');
    this.element = h('section', { class: 'card', 'aria-labelledby': 'wall-live', lang: language() },
      h('h2', { id: 'wall-live', text: t('live.title') }),
      h('table', { class: 'data-table', id: 'wall-live-table', 'aria-labelledby': 'wall-live' },
        h('thead', {}, h('tr', {}, ['live.col.visitor', 'live.col.agent', 'live.col.queue', 'live.col.since']
          .map((key) => h('th', { scope: 'col', text: t(key) })), h('th', { scope: 'col' }, h('span', { class: 'sr-only', text: t('live.monitor') })))),
        this.rows));
  }

  /** Reloads the list; a refusal or failure leaves the last one (the wall shows its own error). */
  async refresh() {
    let live;
    try {
      live = await this.api.liveConversations();
    } catch {
      return;
    }
    const now = Date.now();
    replace(this.rows, live.length ? live.map((c) => {
      const name = c.contactName || t('live.anonymous');
      return h('tr', { dataset: { conversation: c.conversationId } },
        h('th', { scope: 'row', text: name }),
        h('td', {}, h('span', { text: c.agent?.name || '' }),
          c.participants?.length ? h('span', { class: 'muted small', text: ` · ${t('live.joined')}` }) : null),
        h('td', { text: c.queue }),
        h('td', { class: 'num', text: c.assignedAt ? duration(Math.max(0, Math.round((now - Date.parse(c.assignedAt)) / 1000))) : '—' }),
        h('td', { class: 'row-actions' }, h('a', {
          href: `#/monitor/${encodeURIComponent(c.conversationId)}`, class: 'button small',
          'aria-label': t('live.monitorLabel', { name }),
        }, icon('history'), h('span', { text: t('live.monitor') }))));
    }) : h('tr', {}, h('td', { colspan: '5', class: 'muted', text: t('live.none') })));
  }
}
