// The SLA policy editor: name, the conditions a ticket must meet (priorities, types, queues,
// channels, contact tags; none chosen means any), the targets per metric and priority entered
// as hours:minutes and sent in seconds, the live chat targets in seconds, the calendar (a queue's business hours or around the
// clock), the warning share and the actions. The server's refusals ("warnPercent: ...") are
// shown next to the part they name.

import { h, replace } from '../dom.js';
import { t, language } from '../i18n.js';
import { FieldForm } from './field-form.js';
import { localProblem } from '../server-messages.js';
import { PRIORITIES, TYPES, CHANNELS, METRICS, say } from './ticket-common.js';

/** 5400 → "1:30"; nothing for no target. */
export function hoursMinutes(seconds) {
  if (typeof seconds !== 'number') return '';
  const minutes = Math.round(seconds / 60);
  return `${Math.floor(minutes / 60)}:${String(minutes % 60).padStart(2, '0')}`;
}

/** "1:30", "2" (hours) or "0:45" → seconds; null when empty; NaN when not a duration. */
export function parseHoursMinutes(text) {
  const value = String(text || '').trim();
  if (!value) return null;
  const match = /^(\d{1,4})(?::([0-5]?\d))?$/.exec(value);
  return match ? (Number(match[1]) * 60 + Number(match[2] || 0)) * 60 : NaN;
}

export class SlaEditor {
  constructor() {
    this.form = new FieldForm('sla', [
      { key: 'name', label: t('slaAdmin.name'), type: 'text', required: true, max: 120 },
      { key: 'contactTags', label: t('slaAdmin.contactTags'), hint: t('slaAdmin.contactTags.hint'), type: 'list', aliases: ['conditions.contactTags'] },
      { key: 'chatFirst', label: t('slaAdmin.chatFirst'), hint: t('slaAdmin.chatTargets.hint'), type: 'number', min: 1, max: 86400, optional: true, aliases: ['chatTargets.first_response'] },
      { key: 'chatNext', label: t('slaAdmin.chatNext'), type: 'number', min: 1, max: 86400, optional: true, aliases: ['chatTargets.next_response'] },
      { key: 'calendarQueue', label: t('slaAdmin.calendar'), type: 'select', options: [] },
      { key: 'warnPercent', label: t('slaAdmin.warnPercent'), hint: t('slaAdmin.warnPercent.hint'), type: 'number', min: 1, max: 99, required: true },
      { key: 'notify', label: t('slaAdmin.notify'), type: 'checkbox', aliases: ['actions.notify'] },
      { key: 'raisePriority', label: t('slaAdmin.raisePriority'), type: 'checkbox', aliases: ['actions.raisePriority'] },
      { key: 'escalationQueue', label: t('slaAdmin.escalationQueue'), type: 'select', options: [], aliases: ['actions.escalationQueue'] },
    ]);
    this.groups = {};
    this.conditionsError = h('p', { class: 'field-error', id: 'sla-conditions-error', hidden: true });
    this.conditions = h('fieldset', { class: 'choices-group sla-conditions', 'aria-describedby': 'sla-conditions-error' },
      h('legend', { text: t('slaAdmin.conditions') }), h('p', { class: 'field-hint', text: t('slaAdmin.conditions.hint') }),
      this.group('priorities', PRIORITIES.map((p) => [p, say('priority', p)])),
      this.group('types', TYPES.map((p) => [p, say('type', p)])),
      this.group('queues', []),
      this.group('channels', CHANNELS.map((p) => [p, say('channel', p)])),
      this.conditionsError);
    this.targetInputs = {};
    this.targetsError = h('p', { class: 'field-error', id: 'sla-targets-error', hidden: true });
    this.targets = h('fieldset', { class: 'choices-group sla-targets', 'aria-describedby': 'sla-targets-error' },
      h('legend', { text: t('slaAdmin.targets') }), h('p', { class: 'field-hint', text: t('slaAdmin.targets.hint') }),
      h('div', { class: 'table-scroll' }, h('table', { class: 'data-table target-table' },
        h('thead', {}, h('tr', {}, h('td'), PRIORITIES.map((p) => h('th', { scope: 'col', text: say('priority', p) })))),
        h('tbody', {}, METRICS.map((metric) => h('tr', {},
          h('th', { scope: 'row', text: say('metric', metric) }),
          PRIORITIES.map((priority) => h('td', {}, this.targetInput(metric, priority)))))))),
      this.targetsError);
    this.element = h('div', { class: 'sla-editor' }, this.form.element, this.conditions, this.targets, this.form.formError);
    // The form's own fields first, conditions and targets between name and calendar.
    this.form.element.insertBefore(this.conditions, this.form.rows.calendarQueue);
    this.form.element.insertBefore(this.targets, this.form.rows.calendarQueue);
  }

  group(key, choices) {
    const box = h('div', { class: 'choices wrap', id: `sla-${key}` });
    this.groups[key] = box;
    this.setChoices(key, choices);
    return h('div', { class: 'sla-group' }, h('span', { class: 'sla-group-label', id: `sla-${key}-label`, text: t(`slaAdmin.${key}`) }), box);
  }

  setChoices(key, choices, checked = []) {
    const box = this.groups[key];
    box.setAttribute('role', 'group');
    box.setAttribute('aria-labelledby', `sla-${key}-label`);
    replace(box, choices.map(([value, label]) => h('label', { class: 'choice' },
      h('input', { type: 'checkbox', name: key, value, checked: checked.includes(value) }), h('span', { text: label }))));
  }

  targetInput(metric, priority) {
    const input = h('input', {
      type: 'text', class: 'target-input', id: `sla-target-${metric}-${priority}`, inputmode: 'numeric', placeholder: '0:00', autocomplete: 'off',
      'aria-label': t('slaAdmin.targetLabel', { metric: say('metric', metric), priority: say('priority', priority) }),
    });
    input.addEventListener('input', () => { input.removeAttribute('aria-invalid'); this.targetsError.hidden = true; });
    this.targetInputs[`${metric}.${priority}`] = input;
    return input;
  }

  /** Fills the queue choices (conditions, calendar, escalation). */
  setQueues(queues) {
    this.queues = queues.map((q) => [q.id, q.name]);
    this.form.setOptions('calendarQueue', [['', t('slaAdmin.always')], ...this.queues]);
    this.form.setOptions('escalationQueue', [['', t('slaAdmin.noEscalation')], ...this.queues]);
  }

  set(policy) {
    const p = policy || { warnPercent: 25, actions: { notify: true } };
    const c = p.conditions || {};
    this.form.set({
      name: p.name, contactTags: c.contactTags || [],
      chatFirst: p.chatTargets?.first_response ?? '', chatNext: p.chatTargets?.next_response ?? '', calendarQueue: p.calendarQueue || '', warnPercent: p.warnPercent,
      notify: p.actions?.notify, raisePriority: p.actions?.raisePriority, escalationQueue: p.actions?.escalationQueue || '',
    });
    for (const key of ['priorities', 'types', 'channels']) {
      for (const box of this.groups[key].querySelectorAll('input')) box.checked = (c[key] || []).includes(box.value);
    }
    this.setChoices('queues', this.queues || [], c.queues || []);
    for (const [key, input] of Object.entries(this.targetInputs)) {
      const [metric, priority] = key.split('.');
      input.value = hoursMinutes(p.targets?.[metric]?.[priority]);
      input.removeAttribute('aria-invalid');
    }
    this.conditionsError.hidden = true;
    this.targetsError.hidden = true;
  }

  /** The policy as the server takes it, or null after showing what is wrong. */
  values() {
    const values = this.form.values();
    const targets = {};
    let ok = Boolean(values);
    this.targetsError.hidden = true;
    for (const [key, input] of Object.entries(this.targetInputs)) {
      const [metric, priority] = key.split('.');
      const seconds = parseHoursMinutes(input.value);
      if (Number.isNaN(seconds)) {
        input.setAttribute('aria-invalid', 'true');
        this.show(this.targetsError, t('slaAdmin.targetInvalid'));
        ok = false;
      } else if (seconds !== null) {
        (targets[metric] ||= {})[priority] = seconds;
      }
    }
    if (!ok) return null;
    const checked = (key) => [...this.groups[key].querySelectorAll('input:checked')].map((box) => box.value);
    return {
      name: values.name,
      conditions: { priorities: checked('priorities'), types: checked('types'), queues: checked('queues'), channels: checked('channels'), contactTags: values.contactTags },
      targets,
      chatTargets: Object.fromEntries([['first_response', values.chatFirst], ['next_response', values.chatNext]].filter(([, v]) => v !== null)),
      calendarQueue: values.calendarQueue || null,
      warnPercent: values.warnPercent,
      actions: { notify: values.notify, raisePriority: values.raisePriority, escalationQueue: values.escalationQueue || null },
    };
  }

  show(line, text) {
    line.textContent = text;
    line.hidden = false;
  }

  /** A refusal next to what it names: targets, conditions, a field, else under the form. */
  showServerError(error) {
    const message = String(error?.message || error);
    const named = /^([\w.]+):\s*(.*)$/.exec(message);
    const key = named?.[1] || '';
    const said = named ? (language() === 'en' ? message : (localProblem(named[2]) || named[2])) : message;
    if (key.startsWith('targets')) {
      this.targetInputs[key.split('.').slice(1).join('.')]?.setAttribute('aria-invalid', 'true');
      return this.show(this.targetsError, said);
    }
    const last = key.split('.').pop();
    if (key.startsWith('conditions') && !['contactTags'].includes(last)) return this.show(this.conditionsError, said);
    if (key && this.form.fields.some((f) => f.key === last || f.key === key || (f.aliases || []).includes(key))) {
      return this.form.showServerError({ message: `${this.form.fields.find((f) => f.key === last || f.key === key || (f.aliases || []).includes(key)).key}:${message.slice(key.length + 1)}` });
    }
    return this.form.showServerError(error);
  }
}
