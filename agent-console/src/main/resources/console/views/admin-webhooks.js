// The admin page's webhooks tab: the webhooks of every site (endpoint, site, events, on/off), the
// editor of the chosen one (site, URL, description, enabled, the events as checkboxes; delete;
// a new secret), the secret shown once after creating or renewing it, and the chosen webhook's
// delivery log with its status filter and replay of one delivery or of every failed one. The
// server checks everything and records every change and replay in the audit log.

import { h, replace } from '../dom.js';
import { t, language } from '../i18n.js';
import { fullTime } from '../format.js';
import { listPage, editCell, emptyRow, showLoadError } from './admin-list.js';
import { FieldForm } from './field-form.js';
import { toast } from './dialogs.js';

export class WebhooksView {
  constructor(api) {
    this.api = api;
    this.hooks = [];
    this.events = [];
    this.selected = null; // a webhook id, '' for a new one
    this.form = new FieldForm('webhook', [
      { key: 'siteId', label: t('webhooks.site'), type: 'select', required: true },
      { key: 'url', label: t('webhooks.url'), hint: t('webhooks.url.hint'), required: true },
      { key: 'description', label: t('webhooks.description') },
      { key: 'enabled', label: t('webhooks.enabled'), type: 'checkbox' },
    ]);
    this.checks = h('div', { class: 'checkbox-grid', id: 'webhook-events' });
    this.eventsError = h('p', { class: 'field-error', id: 'webhook-events-error', hidden: true });
    this.secret = h('div', { class: 'card secret-box', id: 'webhook-secret', role: 'status', hidden: true });
    this.formTitle = h('h2', { id: 'webhook-form-title' });
    this.submit = h('button', { type: 'submit', class: 'button primary', id: 'webhook-save' });
    this.rotate = h('button', { type: 'button', class: 'button', id: 'webhook-rotate', text: t('webhooks.rotate'), on: { click: () => this.renewSecret() } });
    this.remove = h('button', { type: 'button', class: 'button danger', id: 'webhook-delete', text: t('webhooks.delete'), on: { click: () => this.delete() } });
    const editor = h('form', { class: 'card admin-form', id: 'webhook-form', 'aria-labelledby': 'webhook-form-title', novalidate: true,
      on: { submit: (event) => { event.preventDefault(); this.save(); } } },
      this.formTitle, this.form.element,
      h('fieldset', { class: 'field', 'aria-describedby': 'webhook-events-error' }, h('legend', { text: t('webhooks.events') }), this.checks, this.eventsError),
      this.form.formError,
      h('div', { class: 'dialog-actions' }, this.remove, this.rotate, this.submit));
    const page = listPage({ kind: 'webhook', strings: 'webhooks', editor,
      columns: ['webhooks.col.url', 'webhooks.col.site', 'webhooks.col.events', 'webhooks.col.state'],
      onNew: () => this.select('', true) });
    this.rows = page.rows;
    this.error = page.error;
    this.status = h('select', { id: 'webhook-log-status', on: { change: () => this.loadLog() } },
      ['', 'pending', 'delivered', 'failed'].map((value) => h('option', { value, text: value ? t(`webhooks.status.${value}`) : t('webhooks.log.all') })));
    this.replayFailed = h('button', { type: 'button', class: 'button', id: 'webhook-replay-failed', text: t('webhooks.log.replayFailed'), on: { click: () => this.replay(null) } });
    this.logRows = h('tbody');
    this.log = h('section', { class: 'card', id: 'webhook-log', 'aria-labelledby': 'webhook-log-title' },
      h('div', { class: 'card-head' }, h('h2', { id: 'webhook-log-title', text: t('webhooks.log.title') }),
        h('label', { htmlFor: 'webhook-log-status', class: 'inline-label', text: t('webhooks.log.status') }), this.status, this.replayFailed),
      h('div', { class: 'table-scroll', tabIndex: 0, role: 'region', 'aria-labelledby': 'webhook-log-title' },
        h('table', { class: 'data-table', id: 'webhook-log-table', 'aria-label': t('webhooks.log.label') },
          h('thead', {}, h('tr', {}, ['event', 'status', 'attempts', 'response', 'error', 'time'].map((key) => h('th', { scope: 'col', text: t(`webhooks.col.${key}`) })),
            h('th', { scope: 'col' }, h('span', { class: 'sr-only', text: t('webhooks.log.replay', { event: '' }) })))),
          this.logRows)));
    this.element = h('div', { lang: language() }, page.element, this.secret, this.log);
  }

  show() {
    this.load(this.selected);
  }

  hide() {}

  async load(selectId) {
    const before = this.selected;
    let reply;
    let sites;
    try {
      [reply, sites] = await Promise.all([this.api.webhooks(), this.api.adminSites()]);
    } catch (error) {
      return showLoadError(this.error, error);
    }
    // A choice made while the list loaded (say, "New webhook") wins over the one asked for.
    if (this.selected !== before) selectId = this.selected;
    this.error.hidden = true;
    this.hooks = reply.webhooks;
    this.events = reply.events;
    this.form.setOptions('siteId', (sites || []).map((site) => [site.id, site.name || site.id]));
    replace(this.checks, this.events.map((event) => h('label', { class: 'choice', htmlFor: `webhook-event-${event}` },
      h('input', { type: 'checkbox', id: `webhook-event-${event}`, value: event }),
      h('span', { text: t(`webhooks.event.${event}`) }), h('code', { class: 'muted small', text: event }))));
    replace(this.rows, this.hooks.length ? this.hooks.map((hook) => h('tr', { dataset: { webhook: hook.id }, class: hook.id === this.selected ? 'selected' : '' },
      h('th', { scope: 'row', class: 'wrap', text: hook.url }),
      h('td', { text: hook.siteId }),
      h('td', { text: t('webhooks.events.count', { n: hook.events.length }) }),
      h('td', {}, h('span', { class: `status-pill ${hook.enabled ? 'online' : 'offline'}`, text: t(hook.enabled ? 'webhooks.state.on' : 'webhooks.state.off') })),
      editCell(t('webhooks.edit', { name: hook.url }), 'webhook-form', () => this.select(hook.id, true))))
      : emptyRow(5, t('webhooks.empty')));
    const keep = selectId === '' || this.hooks.some((hook) => hook.id === selectId);
    this.select(keep ? selectId : (this.hooks[0]?.id ?? ''), false);
    return true;
  }

  select(id, focus) {
    this.selected = id;
    for (const row of this.rows.querySelectorAll('tr[data-webhook]')) row.classList.toggle('selected', row.dataset.webhook === id);
    const hook = this.hooks.find((candidate) => candidate.id === id);
    this.formTitle.textContent = t(hook ? 'webhooks.form.edit' : 'webhooks.form.new');
    this.submit.textContent = t(hook ? 'webhooks.save' : 'webhooks.create');
    this.rotate.hidden = !hook;
    this.remove.hidden = !hook;
    this.form.set(hook ? { ...hook, description: hook.description || '' } : { siteId: this.form.inputs.siteId.value, url: '', description: '', enabled: true });
    this.form.inputs.siteId.disabled = Boolean(hook);
    for (const box of this.checks.querySelectorAll('input')) box.checked = Boolean(hook?.events.includes(box.value));
    this.eventsError.hidden = true;
    this.log.hidden = !hook;
    if (hook) this.loadLog();
    if (focus) this.form.inputs[hook ? 'url' : 'siteId'].focus();
  }

  async save() {
    const values = this.form.values();
    const events = [...this.checks.querySelectorAll('input:checked')].map((box) => box.value);
    this.eventsError.hidden = events.length > 0;
    this.eventsError.textContent = t('webhooks.events.none');
    if (!values || !events.length) return;
    const body = { url: values.url, description: values.description || null, enabled: values.enabled, events };
    try {
      if (this.selected) {
        await this.api.updateWebhook(this.selected, body);
        toast(t('webhooks.saved'));
        await this.load(this.selected);
      } else {
        const created = await this.api.createWebhook({ ...body, siteId: values.siteId });
        toast(t('webhooks.created'));
        await this.load(created.id);
        this.showSecret(created.secret);
      }
    } catch (error) {
      this.form.showServerError(error);
    }
  }

  async renewSecret() {
    if (!globalThis.confirm(t('webhooks.confirmRotate'))) return;
    try {
      this.showSecret((await this.api.rotateWebhookSecret(this.selected)).secret);
    } catch (error) {
      this.form.showServerError(error);
    }
  }

  showSecret(secret) {
    replace(this.secret, h('h2', { text: t('webhooks.secret.title') }), h('p', { class: 'muted small', text: t('webhooks.secret.once') }),
      h('input', { type: 'text', id: 'webhook-secret-value', readOnly: true, value: secret, 'aria-label': t('webhooks.secret.title') }));
    this.secret.hidden = false;
    this.secret.querySelector('input').focus();
  }

  async delete() {
    if (!globalThis.confirm(t('webhooks.confirmDelete'))) return;
    try {
      await this.api.deleteWebhook(this.selected);
      toast(t('webhooks.deleted'));
      this.secret.hidden = true;
      await this.load(null);
    } catch (error) {
      this.form.showServerError(error);
    }
  }

  async loadLog() {
    if (!this.selected) return;
    let reply;
    try {
      reply = await this.api.webhookDeliveries(this.selected, this.status.value);
    } catch (error) {
      return showLoadError(this.error, error);
    }
    replace(this.logRows, reply.deliveries.length ? reply.deliveries.map((d) => {
      const name = t(`webhooks.event.${d.eventType}`);
      const label = t('webhooks.log.replay', { event: `${name} ${d.eventId}` });
      return h('tr', { dataset: { delivery: String(d.id), status: d.status } },
        h('th', { scope: 'row' }, h('span', { text: name }), h('code', { class: 'muted small', text: ` ${d.eventId}` })),
        h('td', {}, h('span', { class: `status-pill ${{ delivered: 'online', pending: 'away', failed: 'offline' }[d.status]}`, text: t(`webhooks.status.${d.status}`) }),
          d.nextAttemptAt ? h('span', { class: 'muted small', text: ` ${t('webhooks.nextAttempt', { time: fullTime(d.nextAttemptAt) })}` }) : null),
        h('td', { class: 'num', text: String(d.attempts) }),
        h('td', { class: 'num', text: d.responseCode == null ? '—' : String(d.responseCode) }),
        h('td', { class: 'wrap small' }, d.lastError ? h('code', { text: d.lastError }) : '—'),
        h('td', { text: fullTime(d.createdAt) }),
        h('td', { class: 'row-actions' }, d.status === 'pending' ? null : h('button', { type: 'button', class: 'button small', 'aria-label': label, title: label,
          text: '↻', on: { click: () => this.replay(d.id) } })));
    }) : emptyRow(7, t('webhooks.log.empty')));
    return true;
  }

  async replay(deliveryId) {
    try {
      const reply = deliveryId == null ? await this.api.replayFailedWebhooks(this.selected)
        : await this.api.replayWebhookDelivery(this.selected, deliveryId);
      toast(t('webhooks.log.replayed', { n: reply.replayed }));
    } catch (error) {
      this.error.textContent = error.message;
      this.error.hidden = false;
    }
    await this.loadLog();
  }
}
