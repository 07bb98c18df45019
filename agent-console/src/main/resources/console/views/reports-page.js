// The reports area, #/reports/<section>: the filter bar, the section links and the section shown
// (overview, trends, busy hours, agents, queues, satisfaction, SLA). Supervisors and admins see
// their teams' or everyone's figures; an agent's "My figures" shows only their own (the server
// enforces the scope either way). Built with DOM nodes only.

import { t } from '../i18n.js';
import { h, replace } from '../dom.js';
import { refusal } from './ticket-common.js';
import { ReportFilters } from './reports-filters.js';
import { OverviewSection } from './reports-overview.js';
import { TrendsSection, HeatmapSection } from './reports-trends.js';
import { AgentsSection, QueuesSection } from './reports-people.js';
import { CsatSection, SlaSection } from './reports-csat.js';

const ALL = ['overview', 'trends', 'heatmap', 'agents', 'queues', 'csat', 'sla'];
const MINE = ['overview', 'trends', 'agents', 'csat'];

export class ReportsPage {
  /** `mine`: the signed-in agent's own figures only. */
  constructor(api, { mine }) {
    this.api = api;
    this.mine = mine;
    this.names = mine ? MINE : ALL;
    const make = { overview: OverviewSection, trends: TrendsSection, heatmap: HeatmapSection, agents: AgentsSection,
      queues: QueuesSection, csat: CsatSection, sla: SlaSection };
    this.sections = Object.fromEntries(this.names.map((name) => [name, new make[name](api)]));
    this.filters = new ReportFilters(api, { mine, onApply: (params) => this.load(params) });
    this.links = h('nav', { class: 'report-tabs', 'aria-label': t('reports.sections') }, this.names.map((name) =>
      h('a', { href: `#/reports/${name}`, class: 'report-tab', dataset: { section: name }, text: t(`reports.section.${name}`) })));
    this.status = h('p', { class: 'muted report-status', role: 'status', 'aria-live': 'polite' });
    this.body = h('div', { class: 'report-body' });
    const title = t(mine ? 'reports.myTitle' : 'reports.title');
    this.element = h('section', { class: 'reports-page', 'aria-labelledby': 'reports-title' },
      h('h1', { id: 'reports-title', text: title }), this.filters.element, this.links, this.status, this.body);
    this.current = null;
  }

  /** Shows a section (the overview when the address names none or one this user has not). */
  show(section) {
    this.filters.loadChoices();
    const name = this.names.includes(section) ? section : 'overview';
    if (this.current && this.current !== name) this.sections[this.current].stop?.();
    this.current = name;
    for (const link of this.links.querySelectorAll('a')) {
      if (link.dataset.section === name) link.setAttribute('aria-current', 'page');
      else link.removeAttribute('aria-current');
    }
    replace(this.body, this.sections[name].element);
    const params = this.filters.query();
    if (params) this.load(params);
  }

  async load(params) {
    const name = this.current;
    const serial = (this.serial = (this.serial || 0) + 1);
    const fail = (error) => {
      if (serial === this.serial) this.status.textContent = t('reports.failed', { reason: refusal(error) });
    };
    this.status.textContent = t('reports.loading');
    this.element.setAttribute('aria-busy', 'true');
    try {
      await this.sections[name].load(params, fail);
      if (serial === this.serial) this.status.textContent = '';
    } catch (error) {
      fail(error);
    } finally {
      if (serial === this.serial) this.element.setAttribute('aria-busy', 'false');
    }
  }

  hide() {
    if (this.current) this.sections[this.current].stop?.();
  }

  dispose() {
    for (const section of Object.values(this.sections)) section.dispose?.();
  }
}
