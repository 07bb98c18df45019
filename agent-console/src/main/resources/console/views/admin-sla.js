// The admin page's SLA policies tab: the policies in the order they are tried (the first whose
// conditions a ticket meets applies), moved up and down by their position, and the chosen
// policy's editor (sla-editor.js) to create, change or delete one.

import { h, replace, icon } from '../dom.js';
import { t } from '../i18n.js';
import { listPage, editCell, emptyRow, showLoadError, markSelected, keepInput } from './admin-list.js';
import { toast } from './dialogs.js';
import { SlaEditor } from './sla-editor.js';
import { say } from './ticket-common.js';

export class SlaPoliciesView {
  constructor(api) {
    this.api = api;
    this.policies = [];
    this.queues = [];
    this.selected = null; // a policy id, '' for a new policy
    this.editorForm = new SlaEditor();
    this.formTitle = h('h2', { id: 'sla-form-title' });
    this.submit = h('button', { type: 'submit', class: 'button primary', id: 'sla-save', text: t('slaAdmin.save') });
    this.remove = h('button', { type: 'button', class: 'button danger', id: 'sla-delete', on: { click: () => this.delete() } }, icon('trash'), h('span', { text: t('slaAdmin.delete') }));
    this.editor = h('form', { class: 'card admin-form', id: 'sla-form', 'aria-labelledby': 'sla-form-title', novalidate: true, on: { submit: (e) => { e.preventDefault(); this.save(); } } },
      this.formTitle, this.editorForm.element, h('div', { class: 'dialog-actions' }, this.remove, this.submit));
    ({ element: this.element, rows: this.rows, error: this.error } = listPage({
      kind: 'sla', strings: 'slaAdmin', editor: this.editor, onNew: () => this.select('', true),
      columns: ['slaAdmin.col.order', 'slaAdmin.col.name', 'slaAdmin.col.applies', 'slaAdmin.col.calendar'],
    }));
  }

  show() {
    this.load(this.selected);
  }

  hide() {}

  async load(selectId) {
    const picks = this.picks;
    try {
      [this.policies, this.queues] = await Promise.all([this.api.slaPolicies(), this.api.adminQueues()]);
    } catch (error) {
      return showLoadError(this.error, error);
    }
    this.error.hidden = true;
    // The admin chose a record (or New) while the list was loading: that choice stays, and so
    // does what they have typed into it since.
    const picked = this.picks !== picks;
    if (picked) selectId = this.selected;
    this.policies = [...(this.policies || [])].sort((a, b) => a.position - b.position);
    this.editorForm.setQueues(this.queues);
    const queueName = (id) => this.queues.find((q) => q.id === id)?.name || id;
    replace(this.rows, this.policies.length ? this.policies.map((policy, index) => h('tr', { dataset: { policy: String(policy.id) } },
      h('td', { class: 'num order-cell' },
        h('span', { text: String(index + 1) }),
        this.moveButton(policy, index, -1), this.moveButton(policy, index, 1)),
      h('th', { scope: 'row', class: 'wrap', text: policy.name }),
      h('td', { class: 'wrap', text: this.applies(policy, queueName) }),
      h('td', { class: 'wrap', text: policy.calendarQueue ? queueName(policy.calendarQueue) : t('slaAdmin.always') }),
      editCell(t('slaAdmin.edit', { name: policy.name }), 'sla-form', () => this.select(policy.id, true))))
      : emptyRow(5, t('slaAdmin.empty')));
    const keep = selectId === '' || this.policies.some((p) => p.id === selectId);
    const restore = picked ? keepInput(this.editor) : null;
    this.select(keep ? selectId : (this.policies[0]?.id ?? ''), false);
    restore?.();
    return true;
  }

  moveButton(policy, index, delta) {
    const neighbour = this.policies[index + delta];
    const label = t(delta < 0 ? 'slaAdmin.up' : 'slaAdmin.down', { name: policy.name });
    return h('button', {
      type: 'button', class: 'icon-button move-button', 'aria-label': label, title: label, disabled: !neighbour,
      dataset: { move: delta < 0 ? 'up' : 'down' },
      on: { click: () => this.move(policy, neighbour) },
    }, h('span', { 'aria-hidden': 'true', text: delta < 0 ? '↑' : '↓' }));
  }

  /** "Urgent, High · Phone" or "Every ticket". */
  applies(policy, queueName) {
    const c = policy.conditions || {};
    const parts = [
      (c.priorities || []).map((p) => say('priority', p)).join(', '),
      (c.types || []).map((p) => say('type', p)).join(', '),
      (c.queues || []).map(queueName).join(', '),
      (c.channels || []).map((p) => say('channel', p)).join(', '),
      (c.contactTags || []).join(', '),
    ].filter(Boolean);
    return parts.length ? parts.join(' · ') : t('slaAdmin.everyTicket');
  }

  select(id, focus) {
    if (focus) this.picks = (this.picks || 0) + 1;
    this.selected = id;
    markSelected(this.rows, 'policy', String(id));
    const policy = this.policies.find((p) => p.id === id) || null;
    this.formTitle.textContent = policy ? t('slaAdmin.form.edit', { name: policy.name }) : t('slaAdmin.form.new');
    this.submit.textContent = policy ? t('slaAdmin.save') : t('slaAdmin.create');
    this.remove.hidden = !policy;
    this.editorForm.set(policy);
    if (focus) document.getElementById('sla-name')?.focus();
  }

  async save() {
    const body = this.editorForm.values();
    if (!body) return;
    const isNew = this.selected === '';
    try {
      const policy = isNew ? await this.api.createSlaPolicy(body) : await this.api.updateSlaPolicy(this.selected, body);
      toast(t(isNew ? 'slaAdmin.created' : 'slaAdmin.saved', { name: policy?.name || body.name }));
      await this.load(policy?.id ?? this.selected);
    } catch (error) {
      this.editorForm.showServerError(error);
    }
  }

  async move(policy, neighbour) {
    try {
      await this.api.updateSlaPolicy(policy.id, { position: neighbour.position });
      await this.load(policy.id);
    } catch (error) {
      this.editorForm.showServerError(error);
    }
  }

  async delete() {
    const policy = this.policies.find((p) => p.id === this.selected);
    if (!policy || !window.confirm(t('slaAdmin.confirmDelete', { name: policy.name }))) return;
    try {
      await this.api.deleteSlaPolicy(policy.id);
      toast(t('slaAdmin.deleted', { name: policy.name }));
      await this.load(null);
    } catch (error) {
      this.editorForm.showServerError(error.status === 409 ? t('slaAdmin.lastPolicy') : error);
    }
  }
}
