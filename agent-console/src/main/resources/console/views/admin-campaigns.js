// The admin page's campaigns tab: every campaign of every site with whether it is on, the chosen
// campaign's rule and messages (English and Chinese) in one form, and its results (shown, opened,
// chats started, leads created) for a date range. The server's validation message shows next to
// the field it names.

import { h, replace } from '../dom.js';
import { t } from '../i18n.js';
import { listPage, editCell, emptyRow, showLoadError, markSelected, saveRecord } from './admin-list.js';
import { FieldForm } from './field-form.js';

const VISITORS = ['any', 'new', 'returning'];
const STATS = ['shown', 'opened', 'chats', 'leads'];

/** The campaign form; one more rule is one more entry here. */
function campaignFields() {
  return [
    { key: 'name', label: t('campaign.name'), type: 'text', required: true, max: 120 },
    { key: 'siteId', label: t('campaign.site'), type: 'select', options: [] },
    { key: 'queueId', label: t('campaign.queue'), type: 'select', options: [] },
    { key: 'enabled', label: t('campaign.enabled'), type: 'checkbox' },
    { key: 'messageEn', label: t('campaign.messageEn'), type: 'textarea', required: true, max: 1000, aliases: ['message.en', 'message'] },
    { key: 'messageZh', label: t('campaign.messageZh'), type: 'textarea', required: true, max: 1000 },
    { key: 'senderId', label: t('campaign.sender'), type: 'select', options: [] },
    { key: 'urlPattern', label: t('campaign.urlPattern'), hint: t('campaign.urlPattern.hint'), type: 'text', max: 500 },
    { key: 'minSecondsOnPage', label: t('campaign.minSecondsOnPage'), type: 'number', min: 0, max: 86400 },
    { key: 'minVisits', label: t('campaign.minVisits'), type: 'number', min: 1, max: 10000 },
    { key: 'visitor', label: t('campaign.visitor'), type: 'select', options: VISITORS.map((v) => [v, t(`campaign.visitor.${v}`)]) },
    { key: 'referrerContains', label: t('campaign.referrerContains'), type: 'text', max: 200 },
    { key: 'languages', label: t('campaign.languages'), hint: t('campaign.languages.hint'), type: 'list' },
    { key: 'businessHoursOnly', label: t('campaign.businessHoursOnly'), type: 'checkbox' },
    { key: 'capDays', label: t('campaign.capDays'), hint: t('campaign.capDays.hint'), type: 'number', min: 0, max: 3650, optional: true },
    { key: 'priority', label: t('campaign.priority'), type: 'number', min: -1000, max: 1000 },
  ];
}

const NEW_CAMPAIGN = { enabled: true, minSecondsOnPage: 0, minVisits: 1, visitor: 'any', languages: [], priority: 0, capDays: 7, senderId: '' };

function isoDay(date) {
  return date.toISOString().slice(0, 10);
}

export class CampaignsView {
  constructor(api) {
    this.api = api;
    this.campaigns = [];
    this.sites = [];
    this.queues = [];
    this.agents = [];
    this.selected = null; // a campaign id, '' for a new one
    this.loading = Promise.resolve(); // the latest load: a new campaign waits for its lists
    this.form = new FieldForm('campaign', campaignFields());
    // The queue picker offers the chosen site's queues only.
    this.form.inputs.siteId.addEventListener('change', () => this.queueOptions(this.form.inputs.siteId.value));
    this.formTitle = h('h2', { id: 'campaign-form-title' });
    this.submit = h('button', { type: 'submit', class: 'button primary', text: t('campaigns.save') });
    this.editor = h('form', { class: 'card admin-form', id: 'campaign-form', 'aria-labelledby': 'campaign-form-title', novalidate: true,
      on: { submit: (e) => { e.preventDefault(); this.save(); } } },
    this.formTitle, this.form.element, this.form.formError, h('div', { class: 'dialog-actions' }, this.submit));
    this.stats = this.statsPanel();
    ({ element: this.element, rows: this.rows, error: this.error } = listPage({
      kind: 'campaign', strings: 'campaigns', onNew: () => this.loading.then(() => this.select('', true)),
      editor: h('div', { class: 'queue-editor' }, this.editor, this.stats),
      columns: ['campaigns.col.name', 'campaigns.col.site', 'campaigns.col.state'],
    }));
  }

  statsPanel() {
    const today = new Date();
    this.from = h('input', { type: 'date', id: 'stats-from', value: isoDay(new Date(today.getTime() - 29 * 86400000)) });
    this.to = h('input', { type: 'date', id: 'stats-to', value: isoDay(today) });
    this.numbers = h('dl', { class: 'stats-grid', id: 'campaign-stats', 'aria-live': 'polite' });
    this.statsError = h('p', { class: 'form-error', role: 'alert', hidden: true });
    return h('section', { class: 'card admin-form', 'aria-labelledby': 'stats-title' },
      h('h2', { id: 'stats-title', text: t('stats.title') }),
      h('form', { class: 'stats-range', on: { submit: (e) => { e.preventDefault(); this.loadStats(); } } },
        h('label', { htmlFor: 'stats-from', text: t('stats.from') }), this.from,
        h('label', { htmlFor: 'stats-to', text: t('stats.to') }), this.to,
        h('button', { type: 'submit', class: 'button', text: t('stats.show') })),
      this.statsError, this.numbers);
  }

  show() {
    this.loading = this.load(this.selected);
  }

  hide() {}

  async load(selectId) {
    try {
      [this.campaigns, this.sites, this.queues, this.agents] = await Promise.all([this.api.campaigns(),
        this.api.adminSites(), this.api.adminQueues(), this.api.agents()]);
    } catch (error) {
      return showLoadError(this.error, error);
    }
    this.error.hidden = true;
    const siteName = (id) => this.sites.find((s) => s.id === id)?.name || id;
    replace(this.rows, this.campaigns.length ? this.campaigns.map((c) => h('tr', { dataset: { campaign: c.id } },
      h('th', { scope: 'row', text: c.name }),
      h('td', { text: siteName(c.siteId) }),
      h('td', { text: t(c.enabled ? 'campaigns.enabled' : 'campaigns.disabled') }),
      editCell(t('campaigns.edit', { name: c.name }), 'campaign-form', () => this.select(c.id, true))))
      : emptyRow(4, t('campaigns.empty')));
    this.form.setOptions('siteId', this.sites.map((s) => [s.id, s.name]));
    this.form.setOptions('senderId', [['', t('campaign.sender.team')], ...this.agents.map((a) => [a.id, a.name])]);
    const keep = selectId === '' || this.campaigns.some((c) => c.id === selectId);
    this.select(keep ? selectId : (this.campaigns[0]?.id ?? ''), false);
  }

  select(id, focus) {
    this.selected = id;
    markSelected(this.rows, 'campaign', id);
    const campaign = this.campaigns.find((c) => c.id === id) || null;
    this.formTitle.textContent = campaign ? t('campaigns.form.edit', { name: campaign.name }) : t('campaigns.form.new');
    this.submit.textContent = campaign ? t('campaigns.save') : t('campaigns.create');
    this.form.showField('siteId', !campaign);
    const values = campaign ? { ...campaign, messageEn: campaign.message.en, messageZh: campaign.message['zh-CN'],
      senderId: campaign.senderId || '' } : { ...NEW_CAMPAIGN, siteId: this.sites[0]?.id };
    this.queueOptions(values.siteId);
    this.form.set(values);
    this.stats.hidden = !campaign;
    if (campaign) this.loadStats();
    if (focus) this.editor.querySelector('input, select, textarea')?.focus();
  }

  queueOptions(siteId) {
    const chosen = this.form.inputs.queueId.value;
    const queues = this.queues.filter((q) => q.siteId === siteId);
    this.form.setOptions('queueId', queues.map((q) => [q.id, q.name]));
    if (queues.some((q) => q.id === chosen)) this.form.inputs.queueId.value = chosen;
  }

  async loadStats() {
    const id = this.selected;
    if (!id) return;
    try {
      const stats = await this.api.campaignStats(id, this.from.value, this.to.value);
      this.statsError.hidden = true;
      replace(this.numbers, STATS.flatMap((key) => [h('dt', { text: t(`stats.${key}`) }),
        h('dd', { dataset: { stat: key }, text: String(stats[key]) })]));
    } catch (error) {
      this.statsError.textContent = t('stats.failed', { message: error.message });
      this.statsError.hidden = false;
    }
  }

  save() {
    const values = this.form.values();
    if (!values) return;
    const isNew = this.selected === '';
    const { messageEn, messageZh, ...rest } = values;
    const body = { ...rest, message: { en: messageEn, 'zh-CN': messageZh }, senderId: values.senderId || null };
    if (!isNew) body.siteId = undefined;
    return saveRecord({
      isNew, strings: 'campaigns', form: this.form, name: (saved) => saved.name,
      call: () => (isNew ? this.api.createCampaign(body) : this.api.updateCampaign(this.selected, body)),
      reload: (saved) => this.load(saved.id),
    });
  }
}
