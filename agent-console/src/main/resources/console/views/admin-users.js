// The admin page's users tab: everyone with their role, teams and state, and the chosen user's
// editor. A new user gets a password, or an invitation link when none is given; an existing one
// is renamed, moved to another role, sent a password link, disabled (signed out everywhere),
// enabled, or freed from a sign-in lock. The server's validation shows next to the field it names.

import { h, icon } from '../dom.js';
import { t } from '../i18n.js';
import { listPage, editCell, showLoadError, markSelected, keepInput, PagedRows } from './admin-list.js';
import { FieldForm } from './field-form.js';
import { toast } from './dialogs.js';

const ROLES = ['agent', 'supervisor', 'admin'];

function userFields() {
  return [
    { key: 'email', label: t('user.email'), type: 'text', required: true },
    { key: 'name', label: t('user.name'), type: 'text', required: true },
    { key: 'role', label: t('user.role'), type: 'select', options: ROLES.map((r) => [r, t(`role.${r}`)]) },
    { key: 'capacity', label: t('user.capacity'), type: 'number', min: 1, max: 100, required: true },
    { key: 'password', label: t('user.password'), hint: t('user.password.hint'), type: 'text' },
  ];
}

export class UsersView {
  constructor(api) {
    this.api = api;
    this.users = [];
    this.teams = [];
    this.selected = null; // a user id, '' for a new user
    this.form = new FieldForm('user', userFields());
    this.formTitle = h('h2', { id: 'user-form-title' });
    this.submit = h('button', { type: 'submit', class: 'button primary', text: t('users.save') });
    this.linkText = h('p', { class: 'small', id: 'user-link-text' });
    this.link = h('input', { type: 'text', readonly: true, class: 'code', id: 'user-link', 'aria-labelledby': 'user-link-text' });
    this.linkBox = h('div', { class: 'field', hidden: true }, this.linkText, this.link);
    this.actionButtons = {
      reset: h('button', { type: 'button', class: 'button', id: 'user-reset', on: { click: () => this.resetPassword() } }, icon('key'), h('span', { text: t('users.reset') })),
      disable: h('button', { type: 'button', class: 'button danger', id: 'user-disable', on: { click: () => this.setDisabled(true) } }, h('span', { text: t('users.disable') })),
      enable: h('button', { type: 'button', class: 'button', id: 'user-enable', on: { click: () => this.setDisabled(false) } }, h('span', { text: t('users.enable') })),
      unlock: h('button', { type: 'button', class: 'button', id: 'user-unlock', on: { click: () => this.unlock() } }, h('span', { text: t('users.unlock') })),
    };
    this.actions = h('div', { class: 'user-actions', role: 'group', 'aria-label': t('users.actions') }, Object.values(this.actionButtons));
    this.editor = h('form', { class: 'card admin-form', id: 'user-form', 'aria-labelledby': 'user-form-title', novalidate: true, on: { submit: (e) => { e.preventDefault(); this.save(); } } },
      this.formTitle, this.form.element, this.form.formError, h('div', { class: 'dialog-actions' }, this.submit),
      this.actions, this.linkBox);
    this.rows = h('tbody');
    this.paged = new PagedRows({ kind: 'user', strings: 'users', rows: this.rows, columns: 5,
      draw: (users) => users.map((user) => this.row(user)),
      matches: (user, words) => `${user.name}\n${user.email}`.toLowerCase().includes(words) });
    ({ element: this.element, error: this.error } = listPage({
      kind: 'user', strings: 'users', editor: this.editor, onNew: () => this.select('', true), rows: this.rows, paged: this.paged,
      columns: ['users.col.user', 'users.col.role', 'users.col.teams', 'users.col.state'],
    }));
  }

  show() {
    this.load(this.selected);
  }

  hide() {}

  async load(selectId) {
    const picks = this.picks;
    try {
      [this.users, this.teams] = await Promise.all([this.api.adminUsers(), this.api.teams()]);
    } catch (error) {
      return showLoadError(this.error, error);
    }
    this.error.hidden = true;
    // The admin chose a record (or New) while the list was loading: that choice stays, and so
    // does what they have typed into it since.
    const picked = this.picks !== picks;
    if (picked) selectId = this.selected;
    const keep = selectId === '' || this.users.some((u) => u.id === selectId);
    const restore = picked ? keepInput(this.editor) : null;
    const id = keep ? selectId : (this.users[0]?.id ?? '');
    this.paged.show(this.users, id);
    this.select(id, false, selectId === this.selected);
    restore?.();
  }

  row(user) {
    return h('tr', { dataset: { user: user.id }, class: user.id === this.selected ? 'selected' : '' },
      h('th', { scope: 'row', class: 'wrap' }, h('span', { text: user.name }), h('span', { class: 'muted small queue-id', text: user.email })),
      h('td', { text: t(`role.${user.role}`) }),
      h('td', { class: 'wrap', text: this.teams.filter((team) => team.members.includes(user.id)).map((team) => team.name).join(', ') || '—' }),
      h('td', {}, h('span', { class: `status-pill ${user.disabled ? 'offline' : 'online'}`, text: t(user.disabled ? 'users.disabled' : 'users.active') })),
      editCell(t('users.edit', { name: user.name }), 'user-form', () => this.select(user.id, true)));
  }

  /** Shows user `id` ('' for a new one) in the editor; `keepLink` leaves a link just made visible. */
  select(id, focus, keepLink = false) {
    if (focus) this.picks = (this.picks || 0) + 1;
    this.selected = id;
    markSelected(this.rows, 'user', id);
    const user = this.users.find((u) => u.id === id) || null;
    const isNew = !user;
    this.formTitle.textContent = isNew ? t('users.form.new') : t('users.form.edit', { name: user.name });
    this.submit.textContent = isNew ? t('users.create') : t('users.save');
    this.form.showField('capacity', isNew);
    this.form.showField('password', isNew);
    this.form.set(isNew ? { role: 'agent', capacity: 3 } : user);
    this.actions.hidden = isNew;
    if (!isNew) {
      this.actionButtons.disable.hidden = user.disabled;
      this.actionButtons.enable.hidden = !user.disabled;
    }
    if (!keepLink) this.linkBox.hidden = true;
    if (focus) this.editor.querySelector('input')?.focus();
  }

  async save() {
    const values = this.form.values();
    if (!values) return;
    const isNew = this.selected === '';
    try {
      if (isNew) {
        if (!values.password) delete values.password;
        const created = await this.api.createUser(values);
        toast(t('users.created', { name: created.name }));
        this.selected = created.id;
        await this.load(created.id);
        if (created.invitePath) this.showLink('users.link.invite', created.name, created.invitePath, created.inviteExpiresAt);
      } else {
        const { email, name, role } = values;
        const saved = await this.api.updateUser(this.selected, { email, name, role });
        toast(t('users.saved', { name: saved.name }));
        await this.load(saved.id);
      }
    } catch (error) {
      this.form.showServerError(error);
    }
  }

  showLink(key, name, path, expiresAt) {
    this.linkText.textContent = `${t(key, { name })} ${t('users.link.expires', { when: new Date(expiresAt).toLocaleString() })}`;
    this.link.value = location.origin + path;
    this.linkBox.hidden = false;
    this.link.focus();
    this.link.select();
  }

  current() {
    return this.users.find((u) => u.id === this.selected);
  }

  async resetPassword() {
    const user = this.current();
    try {
      const link = await this.api.resetPassword(user.id);
      this.showLink('users.link.reset', user.name, link.resetPath, link.expiresAt);
    } catch (error) {
      this.form.showServerError(error);
    }
  }

  async setDisabled(disabled) {
    const user = this.current();
    if (disabled && !window.confirm(t('users.confirmDisable', { name: user.name }))) return;
    try {
      await (disabled ? this.api.disableUser(user.id) : this.api.enableUser(user.id));
      toast(t(disabled ? 'users.disabledDone' : 'users.enabledDone', { name: user.name }));
      await this.load(user.id);
      this.actionButtons[disabled ? 'enable' : 'disable'].focus();
    } catch (error) {
      this.form.showServerError(error);
    }
  }

  async unlock() {
    const user = this.current();
    try {
      await this.api.unlockUser(user.id);
      toast(t('users.unlocked', { name: user.name }));
    } catch (error) {
      this.form.showServerError(error);
    }
  }
}
