// The admin page's Contact fields tab: per site, the custom fields contacts carry (key, English
// and Chinese labels, kind, the choices of a choice field), in display order. The whole ordered
// list is saved at once (PUT .../contact-fields); a removed field's stored values stay but are
// hidden.

import { h, replace, icon } from '../dom.js';
import { t, language } from '../i18n.js';
import { toast } from './dialogs.js';
import { splitList, joinList } from './field-form.js';
import { FIELD_KINDS, contactProblem } from './contact-common.js';
import { localMessage } from '../server-messages.js';

const KEY = /^[a-z][a-z0-9_]{0,39}$/;

export class ContactFieldsView {
  constructor(api) {
    this.api = api;
    this.fields = [];
    this.site = h('select', { id: 'cfields-site' });
    this.rows = h('ol', { class: 'cfield-rows', id: 'cfield-rows', 'aria-labelledby': 'cfields-title' });
    this.error = h('p', { class: 'form-error', role: 'alert', hidden: true });
    this.element = h('div', { class: 'admin-page', lang: language() },
      h('div', { class: 'page-head' }, h('h1', { id: 'cfields-title', text: t('cfields.title') }), h('span', { class: 'muted small', text: t('cfields.subtitle') })),
      h('div', { class: 'field' }, h('label', { htmlFor: 'cfields-site', text: t('contact.site') }), this.site),
      h('form', { class: 'card cfield-form', id: 'cfields-form', novalidate: true, 'aria-labelledby': 'cfields-title', on: { submit: (e) => { e.preventDefault(); this.save(); } } },
        this.rows, this.error,
        h('div', { class: 'dialog-actions' },
          h('button', { type: 'button', class: 'button', id: 'cfields-add', on: { click: () => this.add() } },
            h('span', { 'aria-hidden': 'true', text: '+' }), h('span', { text: t('cfields.add') })),
          h('button', { type: 'submit', class: 'button primary', id: 'cfields-save', text: t('cfields.save') }))));
    this.site.addEventListener('change', () => this.load());
  }

  async show() {
    if (!this.site.options.length) {
      try {
        const sites = (await this.api.adminSites()) || [];
        replace(this.site, sites.map((s) => h('option', { value: s.id, text: s.name ? `${s.name} (${s.id})` : s.id })));
      } catch (error) {
        this.fail(contactProblem(error));
        return;
      }
    }
    this.load();
  }

  hide() {}

  async load() {
    if (!this.site.value) return;
    try {
      const answer = await this.api.contactFields(this.site.value);
      this.fields = (Array.isArray(answer) ? answer : answer?.fields || []).map((f) => ({ ...f, choices: f.choices || [] }));
      this.error.hidden = true;
    } catch (error) {
      this.fields = [];
      this.fail(contactProblem(error));
    }
    this.render();
  }

  fail(message) {
    this.error.textContent = message;
    this.error.hidden = false;
  }

  add() {
    this.collect();
    this.fields.push({ key: '', labelEn: '', labelZh: '', kind: 'text', choices: [] });
    this.render();
    this.rows.lastElementChild?.querySelector('input')?.focus();
  }

  move(index, by) {
    this.collect();
    const [field] = this.fields.splice(index, 1);
    this.fields.splice(index + by, 0, field);
    this.render();
    this.rows.children[index + by]?.querySelector(`[data-move="${by}"]`)?.focus();
  }

  remove(index) {
    this.collect();
    this.fields.splice(index, 1);
    this.render();
    (this.rows.children[Math.min(index, this.fields.length - 1)]?.querySelector('input') || this.element.querySelector('#cfields-add')).focus();
  }

  render() {
    replace(this.rows, this.fields.length ? this.fields.map((field, index) => this.row(field, index))
      : h('li', { class: 'muted', text: t('cfields.empty') }));
  }

  row(field, index) {
    const id = (name) => `cfield-${index}-${name}`;
    const input = (name, value, extra = {}) => h('div', { class: 'field' },
      h('label', { htmlFor: id(name), text: t(`cfields.${name}`) }),
      h('input', { type: 'text', id: id(name), value: value || '', autocomplete: 'off', dataset: { name }, 'aria-describedby': `${id('error')}`, ...extra }));
    const kind = h('select', { id: id('kind'), dataset: { name: 'kind' } }, FIELD_KINDS.map((k) => h('option', { value: k, text: t(`cfields.kind.${k}`) })));
    kind.value = field.kind;
    const choices = input('choices', joinList(field.choices));
    choices.hidden = field.kind !== 'choice';
    kind.addEventListener('change', () => { choices.hidden = kind.value !== 'choice'; });
    const label = (language() === 'en' ? field.labelEn : field.labelZh) || field.key || t('cfields.newField');
    return h('li', { class: 'cfield-row', dataset: { index: String(index) } },
      input('key', field.key, { pattern: KEY.source, maxlength: 40 }),
      input('labelEn', field.labelEn, { maxlength: 80 }),
      input('labelZh', field.labelZh, { maxlength: 80, lang: 'zh-CN' }),
      h('div', { class: 'field' }, h('label', { htmlFor: id('kind'), text: t('cfields.kind') }), kind),
      choices,
      h('div', { class: 'row-actions cfield-actions' },
        h('button', { type: 'button', class: 'icon-button', dataset: { move: '-1' }, disabled: index === 0, 'aria-label': t('cfields.up', { name: label }), title: t('cfields.up', { name: label }), on: { click: () => this.move(index, -1) } }, h('span', { 'aria-hidden': 'true', text: '↑' })),
        h('button', { type: 'button', class: 'icon-button', dataset: { move: '1' }, disabled: index === this.fields.length - 1, 'aria-label': t('cfields.down', { name: label }), title: t('cfields.down', { name: label }), on: { click: () => this.move(index, 1) } }, h('span', { 'aria-hidden': 'true', text: '↓' })),
        h('button', { type: 'button', class: 'icon-button', 'aria-label': t('cfields.remove', { name: label }), title: t('cfields.remove', { name: label }), on: { click: () => this.remove(index) } }, icon('trash'))),
      h('p', { class: 'field-error', id: id('error'), hidden: true }));
  }

  /** Reads the inputs back into this.fields (before a move, an add or a save). */
  collect() {
    [...this.rows.querySelectorAll('.cfield-row')].forEach((row, index) => {
      const value = (name) => row.querySelector(`[data-name="${name}"]`).value.trim();
      this.fields[index] = { key: value('key'), labelEn: value('labelEn'), labelZh: value('labelZh'), kind: value('kind'), choices: value('kind') === 'choice' ? splitList(value('choices')) : [] };
    });
  }

  /** The problem with a field, or null. */
  problem(field, index) {
    if (!KEY.test(field.key)) return t('cfields.badKey');
    if (this.fields.findIndex((f) => f.key === field.key) !== index) return t('cfields.sameKey', { key: field.key });
    if (!field.labelEn || !field.labelZh) return t('cfields.needLabels');
    if (field.kind === 'choice' && !field.choices.length) return t('cfields.needChoices');
    return null;
  }

  async save() {
    this.collect();
    this.error.hidden = true;
    let first = null;
    [...this.rows.querySelectorAll('.cfield-row')].forEach((row, index) => {
      const problem = this.problem(this.fields[index], index);
      const line = row.querySelector('.field-error');
      line.textContent = problem || '';
      line.hidden = !problem;
      row.querySelector('[data-name="key"]').toggleAttribute('aria-invalid', Boolean(problem));
      if (problem && !first) first = row.querySelector('input');
    });
    if (first) {
      first.focus();
      return;
    }
    try {
      const list = this.fields.map((f, position) => ({ key: f.key, labelEn: f.labelEn, labelZh: f.labelZh, kind: f.kind, choices: f.choices, position }));
      await this.api.setContactFields(this.site.value, list);
      toast(t('cfields.saved'));
      this.load();
    } catch (error) {
      // "fields[2].key: ..." goes under that row, anything else under the list.
      const named = /^fields\[(\d+)\]\.(\w+): (.*)$/.exec(String(error?.message || ''));
      const row = named && this.rows.querySelectorAll('.cfield-row')[Number(named[1])];
      if (error?.status === 400 && row) {
        const line = row.querySelector('.field-error');
        line.textContent = localMessage(`${named[2]}: ${named[3]}`);
        line.hidden = false;
        (row.querySelector(`[data-name="${named[2]}"]`) || row.querySelector('input')).focus();
      } else {
        this.fail(error?.status === 400 ? localMessage(String(error.message || error.code)) : contactProblem(error));
      }
    }
  }
}
