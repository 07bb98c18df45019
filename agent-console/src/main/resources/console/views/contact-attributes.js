// A contact's custom attributes, typed by the site's contact fields (text, number, date, choice,
// boolean): read-only facts, and the inputs of the edit form with their own error lines. Values
// of fields the admin removed stay stored but are not shown.

import { h } from '../dom.js';
import { t, language } from '../i18n.js';

/** The field's label in the console's language. */
export function fieldLabel(field) {
  return (language() === 'en' ? field.labelEn : field.labelZh) || field.labelEn || field.key;
}

/** A stored value as text: yes/no for booleans, the value itself otherwise. */
export function attributeText(field, value) {
  if (value === undefined || value === null || value === '') return '—';
  if (field.kind === 'boolean') return value ? t('attr.yes') : t('attr.no');
  return String(value);
}

/** The facts (<div class=fact>) of the defined fields, in the admin's order. */
export function attributeFacts(fields, attributes) {
  return fields.map((field) => h('div', { class: 'fact', dataset: { attribute: field.key } },
    h('dt', { text: fieldLabel(field) }), h('dd', { text: attributeText(field, attributes?.[field.key]) })));
}

/** The inputs of the custom fields in the edit form. */
export class AttributeInputs {
  constructor(fields) {
    this.fields = fields;
    this.inputs = {};
    this.errors = {};
    this.element = h('div', { class: 'field-list attribute-inputs' }, fields.map((field) => this.build(field)));
  }

  build(field) {
    const id = `contact-attr-${field.key}`;
    const error = h('p', { class: 'field-error', id: `${id}-error`, hidden: true });
    let input;
    if (field.kind === 'choice') {
      input = h('select', { id, 'aria-describedby': `${id}-error` }, h('option', { value: '', text: t('attr.none') }),
        (field.choices || []).map((value) => h('option', { value, text: value })));
    } else if (field.kind === 'boolean') {
      input = h('select', { id, 'aria-describedby': `${id}-error` }, h('option', { value: '', text: t('attr.none') }),
        h('option', { value: 'true', text: t('attr.yes') }), h('option', { value: 'false', text: t('attr.no') }));
    } else {
      input = h('input', {
        id, 'aria-describedby': `${id}-error`, autocomplete: 'off',
        type: field.kind === 'date' ? 'date' : 'text', inputmode: field.kind === 'number' ? 'decimal' : undefined,
      });
    }
    input.dataset.kind = field.kind;
    input.addEventListener(input.tagName === 'SELECT' ? 'change' : 'input', () => this.clear(field.key));
    this.inputs[field.key] = input;
    this.errors[field.key] = error;
    return h('div', { class: 'field', dataset: { field: `attr-${field.key}` } }, h('label', { htmlFor: id, text: fieldLabel(field) }), input, error);
  }

  set(attributes) {
    for (const field of this.fields) {
      const value = attributes?.[field.key];
      this.inputs[field.key].value = value === undefined || value === null ? '' : String(value);
      this.clear(field.key);
    }
  }

  /** The typed values (null clears one), or null after showing what is wrong. */
  values() {
    const result = {};
    let ok = true;
    for (const field of this.fields) {
      const raw = this.inputs[field.key].value.trim();
      this.clear(field.key);
      if (!raw) {
        result[field.key] = null;
      } else if (field.kind === 'number') {
        const number = Number(raw.replace(',', '.'));
        if (!Number.isFinite(number)) ok = this.fail(field.key, t('attr.notNumber'));
        else result[field.key] = number;
      } else if (field.kind === 'boolean') {
        result[field.key] = raw === 'true';
      } else if (field.kind === 'date' && !/^\d{4}-\d{2}-\d{2}$/.test(raw)) {
        ok = this.fail(field.key, t('attr.notDate'));
      } else {
        result[field.key] = raw;
      }
    }
    return ok ? result : null;
  }

  /** Shows a server problem about "attributes.<key>" next to that input; false if none matches. */
  showServerError(message) {
    const key = /attributes\.(\w+)/.exec(String(message))?.[1];
    if (!key || !this.inputs[key]) return false;
    this.fail(key, String(message).replace(/^[\w.]+:\s*/, ''));
    this.inputs[key].focus();
    return true;
  }

  clear(key) {
    this.errors[key].hidden = true;
    this.inputs[key].removeAttribute('aria-invalid');
  }

  fail(key, message) {
    this.errors[key].textContent = message;
    this.errors[key].hidden = false;
    this.inputs[key].setAttribute('aria-invalid', 'true');
    return false;
  }
}
