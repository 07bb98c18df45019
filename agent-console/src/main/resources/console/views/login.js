// The sign-in page. Failures show the server's reason.

import { h, replace } from '../dom.js';

export function renderLogin(root, { reason, onLogin }) {
  const email = h('input', { type: 'email', name: 'email', id: 'login-email', autocomplete: 'username', required: true });
  const password = h('input', { type: 'password', name: 'password', id: 'login-password', autocomplete: 'current-password', required: true });
  const error = h('p', { class: 'form-error', id: 'login-error', role: 'alert', hidden: !reason, text: reason || '' });
  const submit = h('button', { type: 'submit', class: 'button primary wide', text: 'Sign in' });
  const form = h('form', {
    class: 'login-card', 'aria-labelledby': 'login-title', novalidate: true,
    on: {
      submit: async (e) => {
        e.preventDefault();
        if (!email.value.trim() || !password.value) {
          showError('Enter your email and password.');
          return;
        }
        submit.disabled = true;
        submit.textContent = 'Signing in…';
        error.hidden = true;
        try {
          await onLogin(email.value.trim(), password.value);
        } catch (failure) {
          showError(failure.message || 'Sign-in failed.');
          password.select();
        } finally {
          submit.disabled = false;
          submit.textContent = 'Sign in';
        }
      },
    },
  },
  h('div', { class: 'login-brand' }, h('span', { class: 'brand-mark large', 'aria-hidden': 'true', text: 'S' })),
  h('h1', { id: 'login-title', text: 'Sign in to Switchboard' }),
  h('p', { class: 'muted', text: 'The agent console for live chat.' }),
  error,
  h('label', { htmlFor: 'login-email', text: 'Email' }), email,
  h('label', { htmlFor: 'login-password', text: 'Password' }), password,
  submit);

  function showError(message) {
    error.textContent = message;
    error.hidden = false;
  }
  replace(root, h('div', { class: 'login-page' }, form));
  email.focus();
}
