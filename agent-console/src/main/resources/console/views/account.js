// The user's own account: their display name, and their password (which signs out their other
// sign-ins). The first-run passwords are changed here.

import { h } from '../dom.js';
import { t, language, LANGUAGE_KEY } from '../i18n.js';

export const MIN_PASSWORD = 12;

/** What to tell the user when a password form failed. */
export function passwordFailure(error) {
  if (error.status === 403) return t('account.password.wrongCurrent');
  if (error.status === 400) return t('account.password.tooShort', { n: MIN_PASSWORD });
  if (error.status === 404) return t('password.link.gone');
  if (error.status === 429) return t('login.lockedSeconds', { n: Math.ceil((error.retryAfterMs || 1000) / 1000) });
  return t('account.failed');
}

function field(id, label, attributes) {
  const input = h('input', { id, ...attributes });
  return [h('label', { htmlFor: id, text: label }), input];
}

/**
 * The console's language for this user, kept on the server so it follows them to every browser;
 * the page reloads in the chosen language.
 */
function languageForm(api) {
  const saved = localStorage.getItem(LANGUAGE_KEY) || '';
  const select = h('select', { id: 'account-language' },
    [['', t('account.language.browser')], ['en', 'English'], ['zh-CN', '简体中文']].map(([value, label]) =>
      h('option', { value, text: label, selected: value === saved, lang: value || undefined })));
  const status = h('p', { class: 'muted small', id: 'account-language-status', role: 'status' });
  return h('form', { class: 'card account-form', 'aria-labelledby': 'account-language-title', on: { submit: async (e) => {
    e.preventDefault();
    try {
      await api.setLanguage(select.value || null);
      if (select.value) localStorage.setItem(LANGUAGE_KEY, select.value);
      else localStorage.removeItem(LANGUAGE_KEY);
      location.reload();
    } catch {
      status.textContent = t('account.failed');
    }
  } } },
  h('h2', { id: 'account-language-title', text: t('account.language.title') }),
  h('label', { htmlFor: 'account-language', text: t('account.language') }), select, status,
  h('div', { class: 'dialog-actions' }, h('button', { type: 'submit', class: 'button primary', text: t('account.save') })));
}

export class AccountView {
  /** @param {{name: string}} me the signed-in user, renamed in place */
  constructor(api, me, onRenamed) {
    this.api = api;
    const [nameLabel, name] = field('account-name', t('account.name'), { type: 'text', maxLength: 100, autocomplete: 'name', required: true, value: me.name });
    const nameStatus = h('p', { class: 'muted small', id: 'account-name-status', role: 'status' });
    const nameForm = h('form', { class: 'card account-form', 'aria-labelledby': 'account-name-title', on: { submit: async (e) => {
      e.preventDefault();
      nameStatus.textContent = '';
      if (!name.value.trim()) {
        nameStatus.textContent = t('account.name.required');
        return;
      }
      try {
        const user = await api.rename(name.value.trim());
        me.name = user.name;
        onRenamed(user.name);
        nameStatus.textContent = t('account.name.saved');
      } catch (error) {
        nameStatus.textContent = t('account.failed');
      }
    } } },
    h('h2', { id: 'account-name-title', text: t('account.name.title') }), nameLabel, name, nameStatus,
    h('div', { class: 'dialog-actions' }, h('button', { type: 'submit', class: 'button primary', text: t('account.save') })));

    const [currentLabel, current] = field('account-current', t('account.password.current'), { type: 'password', autocomplete: 'current-password', required: true });
    const [nextLabel, next] = field('account-new', t('account.password.new'), { type: 'password', autocomplete: 'new-password', minLength: MIN_PASSWORD, required: true });
    const [repeatLabel, repeat] = field('account-repeat', t('account.password.repeat'), { type: 'password', autocomplete: 'new-password', required: true });
    const passwordStatus = h('p', { class: 'muted small', id: 'account-password-status', role: 'status' });
    const passwordForm = h('form', { class: 'card account-form', 'aria-labelledby': 'account-password-title', on: { submit: async (e) => {
      e.preventDefault();
      passwordStatus.textContent = '';
      if (next.value.length < MIN_PASSWORD) {
        passwordStatus.textContent = t('account.password.tooShort', { n: MIN_PASSWORD });
        return;
      }
      if (next.value !== repeat.value) {
        passwordStatus.textContent = t('account.password.mismatch');
        return;
      }
      try {
        await api.changePassword(current.value, next.value);
        for (const input of [current, next, repeat]) input.value = '';
        passwordStatus.textContent = t('account.password.changed');
      } catch (error) {
        passwordStatus.textContent = passwordFailure(error);
      }
    } } },
    h('h2', { id: 'account-password-title', text: t('account.password.title') }),
    h('p', { class: 'muted small', text: t('account.password.hint', { n: MIN_PASSWORD }) }),
    currentLabel, current, nextLabel, next, repeatLabel, repeat, passwordStatus,
    h('div', { class: 'dialog-actions' }, h('button', { type: 'submit', class: 'button primary', text: t('account.password.submit') })));

    this.element = h('div', { class: 'account-page', lang: language() },
      h('div', { class: 'page-head' }, h('h1', { text: t('account.title') })),
      h('div', { class: 'account-grid' }, nameForm, passwordForm, languageForm(api)));
  }

  show() {}

  hide() {}
}
