// The sign-in page, in the user's language. A refusal shows the server's reason, and a lockout
// says when to try again.

import { h, replace } from '../dom.js';
import { t } from '../i18n.js';

/** What to tell the user for a failed sign-in. */
export function loginFailure(failure) {
  if (failure.status === 429 || failure.code === 'rate_limited') {
    const seconds = Math.max(1, Math.ceil((failure.retryAfterMs || 1000) / 1000));
    return seconds < 120 ? t('login.lockedSeconds', { n: seconds })
      : t('login.lockedMinutes', { n: Math.ceil(seconds / 60) });
  }
  if (failure.status === 401) return t('login.wrong');
  if (failure.code === 'network') return t('login.network');
  return t('login.failed');
}

export function renderLogin(root, { reason, onLogin }) {
  const email = h('input', { type: 'email', name: 'email', id: 'login-email', autocomplete: 'username', required: true });
  const password = h('input', { type: 'password', name: 'password', id: 'login-password', autocomplete: 'current-password', required: true });
  const error = h('p', { class: 'form-error', id: 'login-error', role: 'alert', hidden: !reason, text: reason || '' });
  const submit = h('button', { type: 'submit', class: 'button primary wide', text: t('login.submit') });
  const form = h('form', {
    class: 'login-card', 'aria-labelledby': 'login-title', novalidate: true,
    on: {
      submit: async (e) => {
        e.preventDefault();
        if (!email.value.trim() || !password.value) {
          showError(t('login.missing'));
          return;
        }
        submit.disabled = true;
        submit.textContent = t('login.submitting');
        error.hidden = true;
        try {
          await onLogin(email.value.trim(), password.value);
        } catch (failure) {
          showError(loginFailure(failure));
          password.select();
        } finally {
          submit.disabled = false;
          submit.textContent = t('login.submit');
        }
      },
    },
  },
  h('div', { class: 'login-brand' }, h('span', { class: 'brand-mark large', 'aria-hidden': 'true', text: 'S' })),
  h('h1', { id: 'login-title', text: t('login.title') }),
  h('p', { class: 'muted', text: t('login.subtitle') }),
  error,
  h('label', { htmlFor: 'login-email', text: t('login.email') }), email,
  h('label', { htmlFor: 'login-password', text: t('login.password') }), password,
  submit);

  function showError(message) {
    error.textContent = message;
    error.hidden = false;
  }
  replace(root, h('div', { class: 'login-page' }, form));
  email.focus();
}
