// The reports' tables per agent and per queue, sortable by any column, each with its CSV. The
// agents' table adds online, away and offline time, concurrency and occupancy from
// /v1/reports/agent-time when the server has it.

import { t } from '../i18n.js';
import { h, replace } from '../dom.js';
import { isMissing } from '../api.js';
import { count, rate, decimal, seconds } from './reports-format.js';
import { dataTable, csvLink } from './reports-tables.js';

/** A column of a plain figure (`format` turns the number into text; sorting uses the number). */
const plain = (key, format) => ({ key, label: t(`reports.col.${key}`), text: (row) => format(row[key]) });
/** A column of one statistic (median, p90, average) of a distribution figure. */
const stat = (key, figure, which, label) => ({
  key, label: t(`reports.col.${label}`), value: (row) => row[figure]?.[which] ?? null, text: (row) => seconds(row[figure]?.[which]),
});

const AGENT_COLUMNS = () => [
  { key: 'name', label: t('reports.col.agent') },
  plain('chats', count), plain('tickets', count), plain('ticketsSolved', count),
  stat('frAverage', 'firstResponse', 'average', 'firstResponseAverage'),
  stat('frMedian', 'firstResponse', 'median', 'firstResponseMedian'),
  stat('frP90', 'firstResponse', 'p90', 'firstResponseP90'),
  stat('handleAverage', 'handle', 'average', 'handleAverage'),
  stat('handleMedian', 'handle', 'median', 'handleMedian'),
  plain('transfersOut', count), plain('ratings', count), plain('satisfiedRate', rate), plain('csatAverage', decimal),
];
const TIME_COLUMNS = () => [plain('onlineSeconds', seconds), plain('awaySeconds', seconds), plain('offlineSeconds', seconds),
  plain('maxConcurrency', count), plain('averageConcurrency', decimal), plain('occupancy', rate)];
const QUEUE_COLUMNS = () => [
  { key: 'queueName', label: t('reports.col.queue') },
  plain('started', count), plain('answered', count), plain('missed', count),
  stat('waitMedian', 'queueWait', 'median', 'queueWaitMedian'),
  stat('waitP90', 'queueWait', 'p90', 'queueWaitP90'),
  stat('abandonedMedian', 'abandonedWait', 'median', 'abandonedWaitMedian'),
  stat('frMedian', 'firstResponse', 'median', 'firstResponseMedian'),
  stat('frP90', 'firstResponse', 'p90', 'firstResponseP90'),
  stat('handleMedian', 'handle', 'median', 'handleMedian'),
  plain('transfers', count), plain('ratings', count), plain('satisfiedRate', rate),
  plain('ticketsCreated', count), plain('ticketsSolved', count),
];

function tableSection(api, view, title, table, note) {
  return h('section', { class: 'report-table-section', 'aria-label': title },
    h('div', { class: 'report-section-head' }, h('h2', { text: title }), csvLink(api, view, table.params, title)),
    note ? h('p', { class: 'muted small', text: note }) : null,
    table.rows.length ? table.element : h('p', { class: 'muted', text: t('reports.none') }));
}

export class AgentsSection {
  constructor(api) {
    this.api = api;
    this.element = h('div', { class: 'report-agents' });
  }

  async load(params) {
    const query = params.toString();
    const [agents, time] = await Promise.all([
      this.api.report('agents', query),
      // Agent time comes with the status timeline; without it the table has the other columns.
      this.api.report('agent-time', query).catch((error) => {
        if (isMissing(error)) return null;
        throw error;
      }),
    ]);
    const byAgent = new Map((time?.rows || []).map((row) => [row.agentId, row]));
    const rows = (agents.rows || []).map((row) => ({ ...byAgent.get(row.agentId), ...row }));
    const columns = time ? [...AGENT_COLUMNS(), ...TIME_COLUMNS()] : AGENT_COLUMNS();
    const title = t('reports.agentsTable');
    const element = dataTable({ caption: title, columns, rows, sortable: true, className: 'report-agents-table' });
    replace(this.element, tableSection(this.api, 'agents', title, { params, rows, element },
      time ? null : t('reports.agentTimeMissing')));
    if (time) this.element.querySelector('.report-section-head').append(csvLink(this.api, 'agent-time', params, t('reports.agentTime'), t('reports.csvAgentTime')));
  }
}

export class QueuesSection {
  constructor(api) {
    this.api = api;
    this.element = h('div', { class: 'report-queues' });
  }

  async load(params) {
    const queues = await this.api.report('queues', params.toString());
    const rows = queues.rows || [];
    const title = t('reports.queuesTable');
    const element = dataTable({ caption: title, columns: QUEUE_COLUMNS(), rows, sortable: true, className: 'report-queues-table' });
    replace(this.element, tableSection(this.api, 'queues', title, { params, rows, element }));
  }
}
