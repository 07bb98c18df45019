// The admin page's queue editor: the queue's settings (a new queue or an existing one, with the
// skills and languages it requires), its business hours (time zone and weekly slots) and its
// dated holidays. Each part saves through the admin REST API and shows the server's validation
// messages next to its own form.

import { h, replace, icon } from '../dom.js';
import { t } from '../i18n.js';
import { FieldForm, joinList } from './field-form.js';
import { toast } from './dialogs.js';

/** The queue settings form; one more setting is one more entry here (and in save()). */
function queueFields() {
  return [
    { key: 'id', label: t('queue.id'), hint: t('queue.id.hint'), type: 'text', required: true },
    { key: 'siteId', label: t('queue.site'), type: 'text', required: true, list: 'admin-sites' },
    { key: 'name', label: t('queue.name'), type: 'text', required: true },
    { key: 'priority', label: t('queue.priority'), hint: t('queue.priority.hint'), type: 'number', min: 0, max: 100, required: true },
    { key: 'maxWaitSeconds', label: t('queue.maxWait'), hint: t('queue.maxWait.hint'), type: 'number', min: 1, max: 86400 },
    { key: 'acceptTimeoutSeconds', label: t('queue.acceptTimeout'), hint: t('queue.acceptTimeout.hint'), type: 'number', min: 5, max: 3600, required: true },
    { key: 'strategy', label: t('queue.strategy'), type: 'select', options: ['least_loaded', 'round_robin'].map((s) => [s, t(`queue.strategy.${s}`)]) },
    { key: 'skills', label: t('queue.skills'), hint: t('queue.skills.hint'), type: 'list' },
    { key: 'languages', label: t('queue.languages'), hint: t('queue.languages.hint'), type: 'list' },
    { key: 'paused', label: t('queue.paused'), type: 'checkbox' },
  ];
}

const NEW_QUEUE = { priority: 0, acceptTimeoutSeconds: 30, strategy: 'least_loaded', paused: false, maxWaitSeconds: null, skills: [], languages: [] };

export class QueueEditor {
  constructor(api, onChanged) {
    this.api = api;
    this.onChanged = onChanged;
    this.queue = null;
    this.sites = h('datalist', { id: 'admin-sites' });

    this.form = new FieldForm('queue', queueFields());
    this.formTitle = h('h2', { id: 'queue-form-title' });
    this.submit = h('button', { type: 'submit', class: 'button primary', text: t('queue.save') });
    this.settings = h('form', { class: 'card admin-form', id: 'queue-form', 'aria-labelledby': 'queue-form-title', novalidate: true, on: { submit: (e) => { e.preventDefault(); this.save(); } } },
      this.formTitle, this.sites, this.form.element, this.form.formError,
      h('div', { class: 'dialog-actions' }, this.submit));

    this.zone = new FieldForm('hours', [
      { key: 'timeZone', label: t('hours.timeZone'), hint: t('hours.timeZone.hint'), type: 'text', required: true, list: 'admin-time-zones', aliases: ['timeZone or hours'] },
    ]);
    this.slotList = h('ol', { class: 'slot-list', 'aria-label': t('hours.slots') });
    this.hoursTitle = h('h2', { id: 'hours-form-title' });
    this.hours = h('form', { class: 'card admin-form', id: 'hours-form', 'aria-labelledby': 'hours-form-title', novalidate: true, on: { submit: (e) => { e.preventDefault(); this.saveHours(); } } },
      this.hoursTitle, timeZoneList(), this.zone.element,
      h('fieldset', { class: 'choices' }, h('legend', { text: t('hours.slots') }), this.slotList,
        h('div', {}, h('button', { type: 'button', class: 'button', on: { click: () => this.addSlot({ weekday: 1, opens: '09:00', closes: '17:00' }, true) } }, h('span', { text: t('hours.addSlot') })))),
      this.zone.formError,
      h('div', { class: 'dialog-actions' }, h('button', { type: 'submit', class: 'button primary', text: t('hours.save') })));

    this.holidayForm = new FieldForm('holiday', [
      { key: 'day', label: t('holidays.day'), type: 'date', required: true },
      { key: 'name', label: t('holidays.name'), type: 'text' },
    ]);
    this.holidayList = h('ul', { class: 'holiday-list', 'aria-labelledby': 'holidays-title' });
    this.holidays = h('form', { class: 'card admin-form', id: 'holiday-form', 'aria-labelledby': 'holidays-title', novalidate: true, on: { submit: (e) => { e.preventDefault(); this.addHoliday(); } } },
      h('h2', { id: 'holidays-title', text: t('holidays.title') }), this.holidayList,
      h('div', { class: 'inline-fields' }, this.holidayForm.element), this.holidayForm.formError,
      h('div', { class: 'dialog-actions' }, h('button', { type: 'submit', class: 'button', text: t('holidays.add') })));

    this.element = h('div', { class: 'queue-editor' }, this.settings, this.hours, this.holidays);
  }

  /** Shows the editor for `queue`, or for a new queue when it is null. */
  edit(queue, siteIds) {
    this.queue = queue;
    replace(this.sites, siteIds.map((id) => h('option', { value: id })));
    const isNew = !queue;
    this.formTitle.textContent = isNew ? t('queue.form.new') : t('queue.form.edit', { name: queue.name });
    this.submit.textContent = isNew ? t('queue.create') : t('queue.save');
    this.form.showField('id', isNew);
    this.form.showField('siteId', isNew);
    this.form.set(isNew ? { ...NEW_QUEUE, siteId: siteIds[0] || '' } : queue);
    this.hours.hidden = isNew;
    this.holidays.hidden = isNew;
    if (isNew) return;
    this.hoursTitle.textContent = t('hours.title', { name: queue.name });
    this.zone.set({ timeZone: queue.timeZone });
    replace(this.slotList);
    (queue.hours || []).forEach((slot) => this.addSlot(slot, false));
    this.renderSlotsEmpty();
    this.holidayForm.set({});
    replace(this.holidayList, (queue.holidays || []).length
      ? queue.holidays.map((day) => h('li', { class: 'holiday', dataset: { day: day.day } },
        h('span', { class: 'holiday-day', text: day.day }), h('span', { class: 'muted', text: day.name || '' }),
        h('button', { type: 'button', class: 'icon-button danger', 'aria-label': t('holidays.remove', { day: day.day }), title: t('holidays.remove', { day: day.day }), on: { click: () => this.removeHoliday(day.day) } }, icon('trash'))))
      : h('li', { class: 'muted', text: t('holidays.none') }));
  }

  focus() {
    const first = [...this.settings.querySelectorAll('input, select')].find((el) => !el.closest('[hidden]'));
    first?.focus();
  }

  addSlot(slot, focus) {
    this.slotList.querySelector('.slots-empty')?.remove();
    const weekday = h('select', {}, [1, 2, 3, 4, 5, 6, 7].map((d) => h('option', { value: String(d), text: t(`weekday.${d}`) })));
    weekday.value = String(slot.weekday);
    const opens = h('input', { type: 'time', value: slot.opens.slice(0, 5), required: true });
    const closes = h('input', { type: 'time', value: slot.closes.slice(0, 5), required: true });
    const item = h('li', { class: 'slot' },
      h('label', {}, h('span', { class: 'sr-only', text: t('hours.weekday') }), weekday),
      h('label', {}, h('span', { class: 'slot-label', text: t('hours.opens') }), opens),
      h('label', {}, h('span', { class: 'slot-label', text: t('hours.closes') }), closes),
      h('button', { type: 'button', class: 'icon-button danger remove-slot', on: { click: () => { item.remove(); this.renumberSlots(); this.renderSlotsEmpty(); } } }, icon('trash')));
    item.slotInputs = { weekday, opens, closes };
    this.slotList.append(item);
    this.renumberSlots();
    if (focus) weekday.focus();
  }

  renumberSlots() {
    [...this.slotList.querySelectorAll('.slot')].forEach((item, i) => {
      const n = i + 1;
      item.slotInputs.weekday.setAttribute('aria-label', `${t('hours.weekday')} ${n}`);
      item.slotInputs.opens.setAttribute('aria-label', `${t('hours.opens')} ${n}`);
      item.slotInputs.closes.setAttribute('aria-label', `${t('hours.closes')} ${n}`);
      item.querySelector('.remove-slot').setAttribute('aria-label', t('hours.removeSlot', { n }));
    });
  }

  renderSlotsEmpty() {
    if (!this.slotList.querySelector('.slot')) replace(this.slotList, h('li', { class: 'slots-empty muted', text: t('hours.slots.none') }));
  }

  async save() {
    const values = this.form.values();
    if (!values) return;
    const isNew = !this.queue;
    const id = isNew ? values.id : this.queue.id;
    const before = this.queue || NEW_QUEUE;
    try {
      if (isNew) {
        await this.api.createQueue({ id, siteId: values.siteId, name: values.name, priority: values.priority,
          skills: values.skills, languages: values.languages });
      } else if (joinList(values.skills) !== joinList(before.skills) || joinList(values.languages) !== joinList(before.languages)) {
        await this.api.setSkills(id, { skills: values.skills, languages: values.languages });
      }
      await this.api.updateQueue(id, {
        name: values.name, priority: values.priority,
        acceptTimeoutSeconds: values.acceptTimeoutSeconds, maxWaitSeconds: values.maxWaitSeconds,
      });
      if (values.strategy !== before.strategy) await this.api.setStrategy(id, values.strategy);
      if (values.paused !== before.paused) await this.api.setPaused(id, values.paused);
      toast(t(isNew ? 'queue.created' : 'queue.saved', { name: values.name }));
      await this.onChanged(id);
    } catch (error) {
      this.form.showServerError(error);
      // A new queue may exist even though a later step failed: show it as it is now.
      if (isNew) await this.onChanged(null);
    }
  }

  async saveHours() {
    const values = this.zone.values();
    if (!values) return;
    const hours = [...this.slotList.querySelectorAll('.slot')].map(({ slotInputs: slot }) => ({
      weekday: Number(slot.weekday.value), opens: slot.opens.value, closes: slot.closes.value,
    }));
    try {
      await this.api.setHours(this.queue.id, { timeZone: values.timeZone, hours, maxWaitSeconds: this.queue.maxWaitSeconds ?? null });
      toast(t('hours.saved', { name: this.queue.name }));
      await this.onChanged(this.queue.id);
    } catch (error) {
      this.zone.showServerError(error);
    }
  }

  async addHoliday() {
    const values = this.holidayForm.values();
    if (!values) return;
    try {
      await this.api.addHoliday(this.queue.id, values.day, values.name || undefined);
      toast(t('holidays.added', { day: values.day }));
      await this.onChanged(this.queue.id);
    } catch (error) {
      this.holidayForm.showServerError(error);
    }
  }

  async removeHoliday(day) {
    try {
      await this.api.removeHoliday(this.queue.id, day);
      await this.onChanged(this.queue.id);
    } catch (error) {
      this.holidayForm.showServerError(error);
    }
  }
}

let zones = null;

/** A datalist of the browser's IANA time zones, to pick from while typing. */
function timeZoneList() {
  if (!zones) {
    const names = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];
    zones = h('datalist', { id: 'admin-time-zones' }, ['UTC', ...names].map((name) => h('option', { value: name })));
  }
  return zones;
}
