// The page a one-time link opens (/console#/password/<token>): an invited user chooses their
// password, or a user sets a new one after an admin reset it. The link works once.

import { h, replace } from '../dom.js';
import { t } from '../i18n.js';
import { MIN_PASSWORD, passwordFailure } from './account.js';

export async function renderPasswordLink(root, api, token, onDone) {
  const status = h('p', { class: 'form-error', id: 'password-link-status', role: 'alert', hidden: true });
  let owner;
  try {
    owner = await api.passwordLink(token);
  } catch (error) {
    replace(root, h('div', { class: 'login-page' }, h('div', { class: 'login-card' },
      h('h1', { id: 'password-link-title', text: t('password.link.title') }),
      h('p', { class: 'form-error', id: 'password-link-status', role: 'alert', text: passwordFailure(error) }),
      h('a', { href: '#/', class: 'button wide', text: t('password.link.toLogin'), on: { click: () => onDone() } }))));
    return;
  }
  const next = h('input', { type: 'password', id: 'password-link-new', autocomplete: 'new-password', minLength: MIN_PASSWORD, required: true });
  const repeat = h('input', { type: 'password', id: 'password-link-repeat', autocomplete: 'new-password', required: true });
  const submit = h('button', { type: 'submit', class: 'button primary wide', text: t('password.link.submit') });
  const form = h('form', { class: 'login-card', 'aria-labelledby': 'password-link-title', novalidate: true, on: { submit: async (e) => {
    e.preventDefault();
    status.hidden = false;
    if (next.value.length < MIN_PASSWORD) {
      status.textContent = t('account.password.tooShort', { n: MIN_PASSWORD });
      return;
    }
    if (next.value !== repeat.value) {
      status.textContent = t('account.password.mismatch');
      return;
    }
    submit.disabled = true;
    try {
      await api.usePasswordLink(token, next.value);
      onDone(t('password.link.done'));
    } catch (error) {
      status.textContent = passwordFailure(error);
    } finally {
      submit.disabled = false;
    }
  } } },
  h('h1', { id: 'password-link-title', text: t('password.link.title') }),
  h('p', { class: 'muted', text: t('password.link.for', { name: owner.name, email: owner.email }) }),
  h('p', { class: 'muted small', text: t('account.password.hint', { n: MIN_PASSWORD }) }),
  status,
  h('label', { htmlFor: 'password-link-new', text: t('account.password.new') }), next,
  h('label', { htmlFor: 'password-link-repeat', text: t('account.password.repeat') }), repeat,
  submit);
  replace(root, h('div', { class: 'login-page' }, form));
  next.focus();
}
