// The widget's forms: the pre-chat form, the offline form (a ticket when nobody can chat) and its
// thank-you view, and the rating form shown after a chat ends.

import { t, language } from './i18n.js';
import { h, icon, ICONS } from './dom.js';
import { fetchJson, fieldOf } from './http.js';

/** Returns the form views and helpers; they read and write ctx.state. */
export function createForms(ctx) {
  const { state, model, siteKey, baseUrl } = ctx;

  const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
  const PHONE = /^[0-9 +\-()]{5,32}$/;

  const VALIDATORS = {
    name: (v, required) => (v ? (v.length <= 100 ? null : 'error.name') : (required ? 'error.name' : null)),
    email: (v, required) => (v ? (v.length <= 254 && EMAIL.test(v) ? null : 'error.email') : (required ? 'error.email' : null)),
    phone: (v, required) => (v ? (PHONE.test(v) && /\d/.test(v) ? null : 'error.phone') : (required ? 'error.phone' : null)),
    message: (v) => (v && v.length <= 8000 ? null : 'error.message'),
    queue: (v, required) => (!v && required ? 'error.department' : null),
  };

  function selectedQueue() {
    const queues = state.config.queues || [];
    const chosen = state.formValues.queue || state.config.defaultQueue;
    return queues.find((q) => q.id === chosen) || queues[0] || null;
  }

  /**
   * The offline form replaces the pre-chat form when the chosen department is closed (business
   * hours, holiday) or has nobody online.
   */
  function formMode() {
    if (state.forceOffline) return 'offline';
    const queue = selectedQueue();
    if (queue && queue.open === false) return 'offline';
    return queue && typeof queue.agentsOnline === 'number' && queue.agentsOnline <= 0 ? 'offline' : 'prechat';
  }

  function field(name, { label, required, type = 'text', autocomplete, multiline, options }) {
    const id = 'sb-f-' + name;
    const errorId = id + '-error';
    const labelEl = h('label', { for: id }, label, required ? null : h('span', { class: 'sb-optional', text: ' ' + t('field.optional') }));
    let control;
    const value = state.formValues[name] ?? state.identity[name] ?? '';
    if (options) {
      control = h('select', { id, name, 'aria-describedby': errorId, required: required || undefined },
        options.map((o) => h('option', { value: o.value, text: o.label })));
      control.value = value || (name === 'queue' && selectedQueue() ? selectedQueue().id : '')
        || (options[0] && options[0].value) || '';
    } else if (multiline) {
      control = h('textarea', { id, name, rows: '4', maxlength: '8000', 'aria-describedby': errorId,
        'aria-required': required ? 'true' : undefined, value });
    } else {
      control = h('input', { id, name, type, autocomplete, 'aria-describedby': errorId,
        'aria-required': required ? 'true' : undefined, value, spellcheck: type === 'email' ? 'false' : undefined });
    }
    control.addEventListener('input', () => {
      state.formValues[name] = control.value;
      if (control.getAttribute('aria-invalid') === 'true') setFieldError(name, null);
    });
    const error = h('p', { id: errorId, class: 'sb-field-error' });
    return h('div', { class: 'sb-field', 'data-field': name }, labelEl, control, error);
  }

  function setFieldError(name, message) {
    const control = document.getElementById('sb-f-' + name);
    const error = document.getElementById('sb-f-' + name + '-error');
    if (!control || !error) return false;
    error.textContent = message || '';
    if (message) {
      control.setAttribute('aria-invalid', 'true');
      error.prepend(icon(ICONS.alert, { size: 14 }));
    } else {
      control.removeAttribute('aria-invalid');
    }
    return true;
  }

  /** The site's own text in the widget's language ({ en, 'zh-CN' }), or null for the widget's. */
  function siteText(texts) {
    return (texts && texts[language()]) || null;
  }

  function fieldLabel(name) {
    return siteText((state.config.labels || {})[name]) || t(`field.${name}`);
  }

  function renderForm() {
    const mode = formMode();
    const fieldsConfig = state.config.fields;
    const queues = state.config.queues || [];
    const children = [];
    if (mode === 'prechat') {
      const invitation = state.invitation;
      children.push(h('div', { class: 'sb-intro' },
        invitation ? h('p', { class: 'sb-muted', text: invitation.sender || t('invite.team') }) : null,
        h('p', { class: 'sb-greeting', text: invitation ? invitation.text : ctx.greeting() }),
        h('p', { class: 'sb-muted', text: t('prechat.intro') })));
    } else {
      children.push(h('div', { class: 'sb-intro' },
        h('h2', { class: 'sb-heading' }, icon(ICONS.mail, { size: 20 }), t('offline.title')),
        h('p', { class: 'sb-muted', text: siteText(state.config.offlineText) || t('offline.intro') })));
    }
    const shown = [];
    const fieldSpec = {
      name: { label: fieldLabel('name'), autocomplete: 'name' },
      email: { label: fieldLabel('email'), type: 'email', autocomplete: 'email' },
      phone: { label: fieldLabel('phone'), type: 'tel', autocomplete: 'tel' },
    };
    for (const name of ['name', 'email', 'phone']) {
      let mode_ = fieldsConfig[name] || 'hidden';
      if (mode === 'offline') {
        // A ticket needs a name and an email to answer; the phone is not part of it.
        mode_ = name === 'phone' ? 'hidden' : 'required';
      }
      if (mode_ === 'hidden') continue;
      shown.push({ name, required: mode_ === 'required' });
      children.push(field(name, { ...fieldSpec[name], required: mode_ === 'required' }));
    }
    if (queues.length > 1) {
      shown.push({ name: 'queue', required: true });
      const select = field('queue', { label: t('field.department'), required: true,
        options: queues.map((q) => ({ value: q.id, label: q.name })) });
      select.querySelector('select').addEventListener('change', (event) => {
        state.formValues.queue = event.target.value;
        if (formMode() !== mode) {
          ctx.show('form');
          document.getElementById('sb-f-queue')?.focus();
        }
      });
      children.push(select);
    }
    if (mode === 'offline') {
      shown.push({ name: 'message', required: true });
      children.push(field('message', { label: t('field.message'), required: true, multiline: true }));
    }
    const formError = h('p', { class: 'sb-form-error', role: 'alert' });
    const submit = h('button', { type: 'submit', class: 'sb-primary', text: t(mode === 'prechat' ? 'prechat.submit' : 'offline.submit') });
    const actions = [submit];
    if (state.forceOffline && model.conversation) {
      actions.push(h('button', { type: 'button', class: 'sb-link', text: t('offline.back'),
        on: { click: () => { state.forceOffline = false; ctx.show('chat'); } } }));
    }
    const form = h('form', { class: 'sb-form', novalidate: true, 'data-mode': mode },
      children, formError, h('div', { class: 'sb-actions' }, actions));
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      submitForm(form, mode, shown, submit, formError);
    });
    ctx.main.append(h('div', { class: 'sb-scroll' }, form));
  }

  function validate(form, shown) {
    const values = {};
    let firstInvalid = null;
    for (const { name, required } of shown) {
      const control = form.elements.namedItem(name);
      const value = control.value.trim();
      values[name] = value;
      const error = VALIDATORS[name](value, required);
      setFieldError(name, error ? t(error) : null);
      if (error && !firstInvalid) firstInvalid = control;
    }
    if (firstInvalid) firstInvalid.focus();
    return firstInvalid ? null : values;
  }

  async function submitForm(form, mode, shown, submit, formError) {
    formError.textContent = '';
    const values = validate(form, shown);
    if (!values) return;
    const label = submit.textContent;
    submit.disabled = true;
    submit.textContent = t(mode === 'prechat' ? 'prechat.starting' : 'offline.sending');
    try {
      if (mode === 'prechat') {
        await startChat(values);
      } else {
        await sendTicket(values);
      }
    } catch (e) {
      if (e && e.code === 'queue_closed') {
        // The department closed while the form was open: leave a message instead.
        state.forceOffline = true;
        ctx.show('form');
        ctx.focusFirst();
        return;
      }
      const name = e && e.code === 'invalid_field' ? fieldOf(e.message) : null;
      if (!(name && setFieldError(name, t('error.' + name) !== 'error.' + name ? t('error.' + name) : t('error.server')))) {
        formError.textContent = t('error.generic');
      } else {
        document.getElementById('sb-f-' + name)?.focus();
      }
    } finally {
      if (submit.isConnected) {
        submit.disabled = false;
        submit.textContent = label;
      }
    }
  }

  async function startChat(values) {
    const fields = { ...state.attributes };
    for (const name of ['name', 'email', 'phone']) {
      if (values[name]) fields[name] = values[name];
      else delete fields[name];
    }
    const queue = values.queue || (selectedQueue() && selectedQueue().id) || undefined;
    await whenConnected();
    // The widget's language (en or zh-CN) lets routing prefer an agent who speaks it.
    const invitation = state.invitation ? state.invitation.id : undefined;
    try {
      await model.start({ queue, fields, language: language(), invitation });
    } catch (e) {
      // The invitation is not this visitor's (they signed in as someone else since it was
      // shown): the chat starts all the same, as a chat of its own.
      if (!invitation || e.code !== 'not_found') throw e;
      await model.start({ queue, fields, language: language() });
    }
    if (invitation) ctx.invitationAnswered();
    // A later chat in this page starts with the same details filled in.
    for (const name of ['name', 'email', 'phone']) if (values[name]) state.identity[name] = values[name];
    state.formValues = {};
    ctx.show('chat');
    requestAnimationFrame(ctx.focusFirst);
  }

  async function sendTicket(values) {
    const queue = values.queue || (selectedQueue() && selectedQueue().id) || undefined;
    const created = await model.leaveMessage({ name: values.name, email: values.email, message: values.message, queue });
    state.ticketEmail = values.email;
    // Feature level 7 answers the ticket's number, which "My requests" shows.
    state.lastTicket = created && created.number !== undefined ? created : null;
    state.formValues = {};
    if (model.conversation && model.conversation.status !== 'closed') {
      // The visitor chose a message over waiting: the live chat is no longer needed.
      model.end().catch(() => {});
    }
    state.forceOffline = false;
    ctx.show('offlineThanks');
    ctx.loadTickets(true);
  }

  function renderOfflineThanks() {
    const newChat = h('button', { type: 'button', class: 'sb-secondary', text: t('newChat'),
      on: { click: () => { model.newChat(); ctx.show('form'); ctx.focusFirst(); } } });
    const ticket = state.lastTicket;
    const viewMine = ticket ? h('button', { type: 'button', class: 'sb-primary', text: t('tickets.viewMine'),
      on: { click: () => ctx.openTickets() } }) : null;
    ctx.main.append(h('div', { class: 'sb-center sb-thanks', role: 'status' },
      h('div', { class: 'sb-thanks-icon', 'aria-hidden': 'true' }, icon(ICONS.check, { size: 28 })),
      h('h2', { class: 'sb-heading', text: t('offline.thanks.title') }),
      ticket ? h('div', { class: 'sb-thanks-number', text: t('tickets.recorded', { number: ticket.number }) }) : null,
      h('p', { text: t('offline.thanks.body', { email: state.ticketEmail || '' }) }),
      h('div', { class: 'sb-actions sb-thanks-actions' }, viewMine, newChat)));
    requestAnimationFrame(() => (viewMine || newChat).focus({ preventScroll: true }));
  }

  function whenConnected() {
    if (model.connection.isOpen) return Promise.resolve();
    return new Promise((resolve) => {
      const check = setInterval(() => {
        if (model.connection.isOpen) {
          clearInterval(check);
          resolve();
        }
      }, 100);
    });
  }

  async function refreshConfig() {
    try {
      const config = await fetchJson(new URL('/v1/widget/config?siteKey=' + encodeURIComponent(siteKey), baseUrl));
      state.configAt = Date.now();
      const before = JSON.stringify(state.config.queues);
      ctx.applyConfig(config);
      if (state.view === 'form' && JSON.stringify(state.config.queues) !== before) {
        const focused = document.activeElement && document.activeElement.id;
        ctx.show('form');
        if (focused) document.getElementById(focused)?.focus();
      }
    } catch {
      // Keep what we have.
    }
  }

  function ratingForm() {
    const legendId = 'sb-rating-legend';
    const errorId = 'sb-rating-error';
    const stars = h('div', { class: 'sb-stars', role: 'radiogroup', 'aria-labelledby': legendId, 'aria-describedby': errorId });
    const labels = [];
    const paint = (value) => labels.forEach((label, i) => label.classList.toggle('sb-on', i < value));
    for (let n = 1; n <= 5; n++) {
      const input = h('input', { type: 'radio', name: 'score', value: String(n), id: 'sb-star-' + n, class: 'sb-visually-hidden' });
      const label = h('label', { for: 'sb-star-' + n, class: 'sb-star', title: t('rating.star', { n }) },
        icon(ICONS.star, { size: 30 }), h('span', { class: 'sb-visually-hidden', text: t('rating.star', { n }) }));
      input.addEventListener('change', () => { paint(n); error.textContent = ''; });
      label.addEventListener('mouseenter', () => paint(n));
      label.addEventListener('mouseleave', () => paint(Number(stars.querySelector('input:checked')?.value || 0)));
      labels.push(label);
      stars.append(input, label);
    }
    const comment = h('textarea', { id: 'sb-rating-comment', name: 'comment', rows: '2', maxlength: '2000' });
    const error = h('p', { id: errorId, class: 'sb-field-error', role: 'alert' });
    const submit = h('button', { type: 'submit', class: 'sb-primary', text: t('rating.submit') });
    const skip = h('button', { type: 'button', class: 'sb-link', text: t('rating.skip'),
      on: { click: () => { model.markRated(); state.rated = true; ctx.renderFooter(); ctx.focusFirst(); } } });
    const form = h('form', { class: 'sb-rating', novalidate: true },
      h('fieldset', {}, h('legend', { id: legendId, class: 'sb-heading', text: t('rating.title') }), stars),
      h('div', { class: 'sb-field' }, h('label', { for: 'sb-rating-comment' }, t('rating.comment'),
        h('span', { class: 'sb-optional', text: ' ' + t('field.optional') })), comment),
      error, h('div', { class: 'sb-actions' }, submit, skip));
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      const checked = stars.querySelector('input:checked');
      if (!checked) {
        error.textContent = t('rating.required');
        stars.querySelector('input').focus();
        return;
      }
      submit.disabled = true;
      try {
        await whenConnected();
        await model.rate(Number(checked.value), comment.value.trim());
        state.rated = 'thanks';
        ctx.renderFooter();
        ctx.chat.footer.querySelector('button')?.focus();
      } catch {
        error.textContent = t('error.generic');
        submit.disabled = false;
      }
    });
    return form;
  }

  return { renderForm, renderOfflineThanks, selectedQueue, ratingForm, refreshConfig };
}
