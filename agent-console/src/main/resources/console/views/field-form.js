// A form built from a list of field descriptions, so that adding a setting is one more entry in
// the list. Each field gets a label, an optional hint and its own error line (linked with
// aria-describedby); an error from the server ("priority: a whole number from 0 to 100") is shown
// next to the field it names, anything else in the form's own error line.
//
// A field: { key, label, hint?, type: 'text' | 'textarea' | 'number' | 'date' | 'datetime-local' | 'email' | 'password' | 'select' | 'checkbox' | 'list',
//   options?: [[value, label]], required?, min?, max?, optional? (an empty number is null),
//   aliases?: [server field names that mean this field], list? (a datalist id) }
// A 'list' field is a text input of comma-separated words: set() takes an array, values() gives one.

import { h } from '../dom.js';
import { t, language } from '../i18n.js';
import { localProblem, localMessage } from '../server-messages.js';

export class FieldForm {
  constructor(idPrefix, fields) {
    this.fields = fields;
    this.inputs = {};
    this.errors = {};
    this.rows = {};
    this.formError = h('p', { class: 'form-error', role: 'alert', hidden: true });
    this.element = h('div', { class: 'field-list' }, fields.map((field) => this.build(idPrefix, field)));
  }

  build(idPrefix, field) {
    const id = `${idPrefix}-${field.key}`;
    const hint = field.hint ? h('p', { class: 'field-hint', id: `${id}-hint`, text: field.hint }) : null;
    const error = h('p', { class: 'field-error', id: `${id}-error`, hidden: true });
    const described = [hint ? `${id}-hint` : null, `${id}-error`].filter(Boolean).join(' ');
    let input;
    if (field.type === 'select') {
      input = h('select', { id, 'aria-describedby': described },
        (field.options || []).map(([value, label]) => h('option', { value, text: label })));
    } else if (field.type === 'textarea') {
      input = h('textarea', { id, 'aria-describedby': described, rows: '2', maxlength: field.max });
    } else if (field.type === 'checkbox') {
      input = h('input', { type: 'checkbox', id, 'aria-describedby': described });
    } else {
      input = h('input', {
        type: ['number', 'date', 'datetime-local', 'email', 'password'].includes(field.type) ? field.type : 'text', id, 'aria-describedby': described,
        autocomplete: field.type === 'password' ? 'new-password' : 'off', min: field.min, max: field.max, list: field.list,
        inputmode: field.type === 'number' ? 'numeric' : undefined,
      });
    }
    if (field.required) input.setAttribute('aria-required', 'true');
    input.addEventListener(field.type === 'checkbox' || field.type === 'select' ? 'change' : 'input', () => this.clear(field.key));
    this.inputs[field.key] = input;
    this.errors[field.key] = error;
    const row = field.type === 'checkbox'
      ? h('div', { class: 'field checkbox-field', dataset: { field: field.key } },
        h('label', { class: 'choice', htmlFor: id }, input, h('span', { text: field.label })), hint, error)
      : h('div', { class: 'field', dataset: { field: field.key } },
        h('label', { htmlFor: id, text: field.label }), input, hint, error);
    this.rows[field.key] = row;
    return row;
  }

  /** Shows or hides a field (for example the id, which only a new queue has). */
  showField(key, visible) {
    this.rows[key].hidden = !visible;
  }

  /** Replaces a select's choices, keeping what was chosen when it is still one of them. */
  setOptions(key, options) {
    const input = this.inputs[key];
    const chosen = input.value;
    input.replaceChildren(...options.map(([value, label]) => h('option', { value, text: label })));
    if (options.some(([value]) => value === chosen)) input.value = chosen;
  }

  set(values) {
    for (const field of this.fields) {
      const input = this.inputs[field.key];
      const value = values[field.key];
      if (field.type === 'checkbox') input.checked = Boolean(value);
      else if (field.type === 'list') input.value = joinList(value);
      else input.value = value === undefined || value === null ? '' : String(value);
    }
    this.clearErrors();
  }

  /** The values, or null after showing what is wrong with them. Hidden fields are left out. */
  values() {
    this.clearErrors();
    const result = {};
    let ok = true;
    for (const field of this.fields) {
      if (this.rows[field.key].hidden) continue;
      const input = this.inputs[field.key];
      if (field.type === 'checkbox') {
        result[field.key] = input.checked;
        continue;
      }
      if (field.type === 'list') {
        result[field.key] = splitList(input.value);
        continue;
      }
      const raw = input.value.trim();
      if (!raw) {
        if (field.required) ok = this.fail(field.key, t('error.required'));
        result[field.key] = field.type === 'number' ? null : '';
        continue;
      }
      if (field.type === 'number') {
        const number = Number(raw);
        if (!Number.isInteger(number) || number < field.min || number > field.max) {
          ok = this.fail(field.key, t('error.number', { min: field.min, max: field.max }));
          continue;
        }
        result[field.key] = number;
      } else {
        result[field.key] = raw;
      }
    }
    return ok ? result : null;
  }

  clearErrors() {
    this.formError.hidden = true;
    Object.keys(this.errors).forEach((key) => this.clear(key));
  }

  clear(key) {
    this.errors[key].hidden = true;
    this.errors[key].textContent = '';
    this.inputs[key].removeAttribute('aria-invalid');
  }

  fail(key, message) {
    const error = this.errors[key];
    error.textContent = message;
    error.hidden = false;
    this.inputs[key].setAttribute('aria-invalid', 'true');
    return false;
  }

  /**
   * Shows a server error next to the field its message names (in Chinese the problem alone, in
   * Chinese words where the kind is known), else under the form.
   */
  showServerError(error) {
    const message = String(error?.message || error);
    const named = /^([\w. ]+):/.exec(message)?.[1];
    const field = named && this.fields.find((f) => f.key === named || (f.aliases || []).includes(named));
    if (field && !this.rows[field.key].hidden) {
      const problem = message.slice(named.length + 1).trim();
      this.fail(field.key, language() === 'en' ? message : (localProblem(problem) || problem));
      this.inputs[field.key].focus();
    } else {
      this.formError.textContent = localMessage(message);
      this.formError.hidden = false;
    }
  }
}

/** "billing, Refunds ,," → ['billing', 'Refunds']: the words between commas, trimmed. */
export function splitList(text) {
  return String(text || '').split(',').map((word) => word.trim()).filter(Boolean);
}

/** ['billing', 'refunds'] → "billing, refunds". */
export function joinList(words) {
  return Array.isArray(words) ? words.join(', ') : '';
}
