// The admin page's teams tab: every team with its members and queues, and the chosen team's
// editor (name, members, the queues it owns). A supervisor sees and acts on their teams' queues,
// chats and agents only, so this is where an admin draws those lines.

import { h, replace, icon } from '../dom.js';
import { t } from '../i18n.js';
import { listPage, editCell, showLoadError, markSelected, keepInput, saveRecord, deleteRecord, PagedRows } from './admin-list.js';
import { FieldForm } from './field-form.js';

export class TeamsView {
  constructor(api) {
    this.api = api;
    this.teams = [];
    this.users = [];
    this.queues = [];
    this.selected = null; // a team id, '' for a new team
    this.form = new FieldForm('team', [
      { key: 'id', label: t('team.id'), hint: t('team.id.hint'), type: 'text', required: true },
      { key: 'name', label: t('team.name'), type: 'text', required: true },
    ]);
    this.members = h('div', { class: 'choices wrap', id: 'team-members' });
    this.ownedQueues = h('div', { class: 'choices wrap', id: 'team-queues' });
    this.formTitle = h('h2', { id: 'team-form-title' });
    this.submit = h('button', { type: 'submit', class: 'button primary', text: t('teams.save') });
    this.remove = h('button', { type: 'button', class: 'button danger', id: 'team-delete', on: { click: () => this.delete() } }, icon('trash'), h('span', { text: t('teams.delete') }));
    this.editor = h('form', { class: 'card admin-form', id: 'team-form', 'aria-labelledby': 'team-form-title', novalidate: true, on: { submit: (e) => { e.preventDefault(); this.save(); } } },
      this.formTitle, this.form.element,
      h('fieldset', { class: 'choices-group' }, h('legend', { text: t('team.members') }), this.members),
      h('fieldset', { class: 'choices-group' }, h('legend', { text: t('team.queues') }), this.ownedQueues),
      this.form.formError, h('div', { class: 'dialog-actions' }, this.remove, this.submit));
    this.rows = h('tbody');
    this.paged = new PagedRows({ kind: 'team', strings: 'teams', rows: this.rows, columns: 4,
      draw: (teams) => teams.map((team) => this.row(team)),
      matches: (team, words) => `${team.name}\n${team.id}`.toLowerCase().includes(words) });
    ({ element: this.element, error: this.error } = listPage({
      kind: 'team', strings: 'teams', editor: this.editor, onNew: () => this.select('', true), rows: this.rows, paged: this.paged,
      columns: ['teams.col.team', 'teams.col.members', 'teams.col.queues'],
    }));
  }

  show() {
    this.load(this.selected);
  }

  hide() {}

  async load(selectId) {
    const picks = this.picks;
    try {
      [this.teams, this.users, this.queues] = await Promise.all([this.api.teams(), this.api.adminUsers(), this.api.adminQueues()]);
    } catch (error) {
      return showLoadError(this.error, error);
    }
    this.error.hidden = true;
    // The admin chose a record (or New) while the list was loading: that choice stays, and so
    // does what they have typed into it since.
    const picked = this.picks !== picks;
    if (picked) selectId = this.selected;
    const keep = selectId === '' || this.teams.some((team) => team.id === selectId);
    const restore = picked ? keepInput(this.editor) : null;
    const id = keep ? selectId : (this.teams[0]?.id ?? '');
    this.paged.show(this.teams, id);
    this.select(id, false);
    restore?.();
  }

  row(team) {
    const queueName = (id) => this.queues.find((q) => q.id === id)?.name || id;
    return h('tr', { dataset: { team: team.id }, class: team.id === this.selected ? 'selected' : '' },
      h('th', { scope: 'row' }, h('span', { text: team.name }), h('span', { class: 'muted small queue-id', text: team.id })),
      h('td', { class: 'num', text: String(team.members.length) }),
      h('td', { class: 'wrap', text: team.queues.map(queueName).join(', ') || '—' }),
      editCell(t('teams.edit', { name: team.name }), 'team-form', () => this.select(team.id, true)));
  }

  select(id, focus) {
    if (focus) this.picks = (this.picks || 0) + 1;
    this.selected = id;
    markSelected(this.rows, 'team', id);
    const team = this.teams.find((candidate) => candidate.id === id) || null;
    const isNew = !team;
    this.formTitle.textContent = isNew ? t('teams.form.new') : t('teams.form.edit', { name: team.name });
    this.submit.textContent = isNew ? t('teams.create') : t('teams.save');
    this.remove.hidden = isNew;
    this.form.showField('id', isNew);
    this.form.set(team || {});
    const box = (group, value, label, checked) => h('label', { class: 'choice' },
      h('input', { type: 'checkbox', name: group, value, checked }), h('span', { text: label }));
    // Disabled users are listed too: leaving them out would drop them from the team on save.
    replace(this.members, this.users.map((user) => box('member', user.id,
      `${user.name} (${t(`role.${user.role}`)}${user.disabled ? `, ${t('users.disabled')}` : ''})`, Boolean(team?.members.includes(user.id)))));
    replace(this.ownedQueues, this.queues.length ? this.queues.map((queue) =>
      box('queue', queue.id, queue.name, Boolean(team?.queues.includes(queue.id)))) : h('span', { class: 'muted', text: t('team.none') }));
    if (focus) [...this.editor.querySelectorAll('input')].find((el) => !el.closest('[hidden]'))?.focus();
  }

  checked(container) {
    return [...container.querySelectorAll('input:checked')].map((input) => input.value);
  }

  async save() {
    const values = this.form.values();
    if (!values) return;
    const body = { name: values.name, members: this.checked(this.members), queues: this.checked(this.ownedQueues) };
    const isNew = this.selected === '';
    await saveRecord({
      isNew, strings: 'teams', form: this.form, name: (team) => team.name, reload: (team) => this.load(team.id),
      call: () => (isNew ? this.api.createTeam({ id: values.id, ...body }) : this.api.updateTeam(this.selected, body)),
    });
  }

  async delete() {
    const team = this.teams.find((candidate) => candidate.id === this.selected);
    if (!team) return;
    await deleteRecord({
      label: team.name, strings: 'teams', form: this.form,
      call: () => this.api.deleteTeam(team.id), reload: () => this.load(null),
    });
  }
}
