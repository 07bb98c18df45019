// The widget's iframe app: loads the site's widget config, shows the pre-chat form, the queue,
// the conversation, the offline form and the rating, and talks to the host page only through
// postMessage with an exact origin.

import { t, setLanguage, pickLanguage, language } from './i18n.js';
import { h, icon, ICONS, linkify, clear } from './dom.js';
import { ChatModel, HttpError, fetchJson, fieldOf } from './chat.js';
import { SiteStorage } from './storage.js';

const DEFAULT_CONFIG = {
  siteName: '',
  brandColor: '#2563eb',
  greeting: {},
  language: 'auto',
  fields: { name: 'required', email: 'required', phone: 'optional' },
  queues: [],
  offlineAfterSeconds: 120,
};

const params = new URLSearchParams(location.search);
const siteKey = params.get('site') || '';
const hostOrigin = parseOrigin(params.get('host'));
const embedded = window.parent !== window && hostOrigin !== null;
const baseUrl = location.origin;
const userLocale = (navigator.languages && navigator.languages[0]) || navigator.language || 'en';
const timeFormat = new Intl.DateTimeFormat(userLocale, { hour: 'numeric', minute: '2-digit' });
const fullFormat = new Intl.DateTimeFormat(userLocale, { dateStyle: 'medium', timeStyle: 'short' });
const dayFormat = new Intl.DateTimeFormat(userLocale, { dateStyle: 'medium' });

/** The exact origin of a URL given by the loader, or null when it is not a plain http(s) origin. */
function parseOrigin(value) {
  if (!value) return null;
  try {
    const url = new URL(value);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
    return url.origin === value ? url.origin : null;
  } catch {
    return null;
  }
}

const state = {
  config: DEFAULT_CONFIG,
  view: 'loading',
  open: !embedded,
  identity: {},
  attributes: {},
  queueInfo: null,
  joinedShown: new Set(),
  unread: 0,
  readySent: false,
  connection: 'connecting',
  waitTimer: null,
  typingTimer: null,
  ending: false,
  formValues: {},
};

const storage = new SiteStorage(siteKey);
const model = new ChatModel({ baseUrl, siteKey, storage });

// ---- host page bridge ------------------------------------------------------------------------

function postToHost(message) {
  if (!embedded) return;
  window.parent.postMessage({ switchboard: 1, ...message }, hostOrigin);
}

window.addEventListener('message', (event) => {
  if (!embedded || event.origin !== hostOrigin || event.source !== window.parent) return;
  const data = event.data;
  if (!data || typeof data !== 'object' || data.switchboard !== 1) return;
  switch (data.type) {
    case 'open':
      setOpen(true);
      break;
    case 'close':
      setOpen(false);
      break;
    case 'context':
      if (data.context && typeof data.context === 'object') {
        model.setContext({ url: String(data.context.url || ''), title: String(data.context.title || '') });
      }
      break;
    case 'identify':
      identify(data.identity);
      break;
    case 'attributes':
      setAttributes(data.attributes);
      break;
    default:
      break;
  }
});

function setOpen(open) {
  state.open = open;
  updateVisibility();
  if (open) {
    state.unread = 0;
    postToHost({ type: 'unread', count: 0 });
    if (state.view === 'form' && !model.conversation) refreshConfig();
    scrollToBottom(true);
    requestAnimationFrame(focusFirst);
  }
}

function updateVisibility() {
  model.setVisible(state.open && document.visibilityState === 'visible');
}

document.addEventListener('visibilitychange', updateVisibility);

function identify(identity) {
  if (!identity || typeof identity !== 'object') return;
  for (const name of ['name', 'email', 'phone']) {
    if (typeof identity[name] === 'string' && identity[name].trim()) state.identity[name] = identity[name].trim();
  }
  for (const name of ['name', 'email', 'phone']) {
    const input = document.getElementById('sb-f-' + name);
    if (input && !input.value && state.identity[name]) input.value = state.identity[name];
  }
  if (model.conversation) model.profile(state.identity).catch(() => {});
}

function setAttributes(attributes) {
  if (!attributes || typeof attributes !== 'object') return;
  for (const [key, value] of Object.entries(attributes)) {
    if (!/^[\w.-]{1,64}$/.test(key) || ['name', 'email', 'phone'].includes(key)) continue;
    if (value === null || value === undefined || value === '') {
      delete state.attributes[key];
    } else {
      state.attributes[key] = String(value).slice(0, 1024);
    }
  }
}

// ---- shell -----------------------------------------------------------------------------------

const root = document.getElementById('app');
const avatar = h('div', { class: 'sb-avatar', 'aria-hidden': 'true' });
const title = h('h1', { class: 'sb-title', id: 'sb-title' });
const subtitle = h('p', { class: 'sb-subtitle' });
const endButton = h('button', { type: 'button', class: 'sb-icon-btn', hidden: true, on: { click: confirmEnd } },
  icon(ICONS.end));
const minimizeButton = h('button', { type: 'button', class: 'sb-icon-btn', hidden: !embedded,
  on: { click: () => postToHost({ type: 'close' }) } }, icon(ICONS.minimize, { size: 22 }));
const header = h('header', { class: 'sb-header' }, avatar, h('div', { class: 'sb-titles' }, title, subtitle),
  endButton, minimizeButton);
const banner = h('div', { class: 'sb-banner', role: 'status', 'aria-live': 'polite', hidden: true });
const main = h('main', { class: 'sb-main', 'aria-labelledby': 'sb-title' });
root.append(header, banner, main);

document.addEventListener('keydown', (event) => {
  if (event.key === 'Escape' && embedded && !event.defaultPrevented) {
    event.preventDefault();
    postToHost({ type: 'close' });
  }
});

function applyConfig(config) {
  state.config = { ...DEFAULT_CONFIG, ...config,
    fields: { ...DEFAULT_CONFIG.fields, ...(config && config.fields) } };
  setLanguage(pickLanguage(state.config.language, navigator.languages || [navigator.language]));
  document.documentElement.lang = language();
  document.title = t('title.default');
  const color = /^#(?:[0-9a-f]{3}|[0-9a-f]{6})$/i.test(state.config.brandColor || '') ? state.config.brandColor : DEFAULT_CONFIG.brandColor;
  document.documentElement.style.setProperty('--sb-brand', color);
  document.documentElement.style.setProperty('--sb-on-brand', contrastText(color));
  endButton.setAttribute('aria-label', t('header.end'));
  endButton.title = t('header.end');
  minimizeButton.setAttribute('aria-label', t('header.minimize'));
  minimizeButton.title = t('header.minimize');
  renderHeader();
}

function contrastText(hex) {
  let value = hex.slice(1);
  if (value.length === 3) value = [...value].map((c) => c + c).join('');
  const [r, g, b] = [0, 2, 4].map((i) => parseInt(value.slice(i, i + 2), 16) / 255)
    .map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
  const luminance = 0.2126 * r + 0.7152 * g + 0.0722 * b;
  return luminance > 0.4 ? '#111827' : '#ffffff';
}

function greeting() {
  const configured = state.config.greeting || {};
  return configured[language()] || configured.en || t('greeting.default');
}

function renderHeader() {
  const conv = model.conversation;
  const agent = conv && conv.status !== 'closed' && conv.agent;
  title.textContent = agent ? agent.name || t('chat.agentFallback') : state.config.siteName || t('title.default');
  subtitle.textContent = agent ? (state.config.siteName ? t('header.agentAt', { site: state.config.siteName }) : t('header.agent'))
    : t('header.online');
  avatar.textContent = ((agent && agent.name) || state.config.siteName || 'S').trim().charAt(0).toUpperCase() || 'S';
  endButton.hidden = !(conv && conv.status !== 'closed' && state.view === 'chat');
}

function renderBanner() {
  const s = state.connection;
  const disconnected = s === 'reconnecting' || s === 'offline';
  clear(banner);
  if (disconnected) {
    banner.append(h('span', { class: 'sb-spinner', 'aria-hidden': 'true' }), h('span', { text: t('status.reconnecting') }));
    if (s === 'offline') banner.append(h('span', { class: 'sb-banner-detail', text: t('status.offline') }));
  } else if (s === 'failed') {
    banner.append(h('span', { text: t('error.generic') }));
  }
  banner.hidden = !(disconnected || s === 'failed');
  root.classList.toggle('sb-disconnected', disconnected);
}

function show(view) {
  state.view = view;
  clear(main);
  clearInterval(state.waitTimer);
  root.setAttribute('aria-busy', view === 'loading' ? 'true' : 'false');
  if (view === 'loading') {
    main.append(h('div', { class: 'sb-center' }, h('span', { class: 'sb-spinner sb-spinner--big', 'aria-hidden': 'true' }),
      h('p', { text: t('status.connecting') })));
  } else if (view === 'unavailable') {
    main.append(h('div', { class: 'sb-center' }, icon(ICONS.alert, { size: 32 }), h('p', { text: t('error.unavailable') })));
  } else if (view === 'form') {
    renderForm();
  } else if (view === 'offlineThanks') {
    renderOfflineThanks();
  } else if (view === 'chat') {
    renderChat();
  }
  renderHeader();
  // The focused control may have been replaced: keep keyboard users inside the panel.
  if (state.open && (!document.activeElement || document.activeElement === document.body)) {
    requestAnimationFrame(focusFirst);
  }
}

function focusFirst() {
  if (!state.open) return;
  const target = main.querySelector('#sb-input:not([disabled])')
    || main.querySelector('[aria-invalid="true"]')
    || main.querySelector('input:not([type=hidden]):not([disabled]), select, textarea, button');
  if (target) target.focus({ preventScroll: true });
}

// ---- forms -----------------------------------------------------------------------------------

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

function renderForm() {
  const mode = formMode();
  const fieldsConfig = state.config.fields;
  const queues = state.config.queues || [];
  const children = [];
  if (mode === 'prechat') {
    children.push(h('div', { class: 'sb-intro' },
      h('p', { class: 'sb-greeting', text: greeting() }),
      h('p', { class: 'sb-muted', text: t('prechat.intro') })));
  } else {
    children.push(h('div', { class: 'sb-intro' },
      h('h2', { class: 'sb-heading' }, icon(ICONS.mail, { size: 20 }), t('offline.title')),
      h('p', { class: 'sb-muted', text: t('offline.intro') })));
  }
  const shown = [];
  const fieldSpec = {
    name: { label: t('field.name'), autocomplete: 'name' },
    email: { label: t('field.email'), type: 'email', autocomplete: 'email' },
    phone: { label: t('field.phone'), type: 'tel', autocomplete: 'tel' },
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
        show('form');
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
      on: { click: () => { state.forceOffline = false; show('chat'); } } }));
  }
  const form = h('form', { class: 'sb-form', novalidate: true, 'data-mode': mode },
    children, formError, h('div', { class: 'sb-actions' }, actions));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    submitForm(form, mode, shown, submit, formError);
  });
  main.append(h('div', { class: 'sb-scroll' }, form));
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
      show('form');
      focusFirst();
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
  await model.start({ queue, fields });
  // A later chat in this page starts with the same details filled in.
  for (const name of ['name', 'email', 'phone']) if (values[name]) state.identity[name] = values[name];
  state.formValues = {};
  show('chat');
  requestAnimationFrame(focusFirst);
}

async function sendTicket(values) {
  const queue = values.queue || (selectedQueue() && selectedQueue().id) || undefined;
  await model.leaveMessage({ name: values.name, email: values.email, message: values.message, queue });
  state.ticketEmail = values.email;
  state.formValues = {};
  if (model.conversation && model.conversation.status !== 'closed') {
    // The visitor chose a message over waiting: the live chat is no longer needed.
    model.end().catch(() => {});
  }
  state.forceOffline = false;
  show('offlineThanks');
}

function renderOfflineThanks() {
  const newChat = h('button', { type: 'button', class: 'sb-secondary', text: t('newChat'),
    on: { click: () => { model.newChat(); show('form'); focusFirst(); } } });
  main.append(h('div', { class: 'sb-center sb-thanks', role: 'status' },
    h('div', { class: 'sb-thanks-icon', 'aria-hidden': 'true' }, icon(ICONS.check, { size: 28 })),
    h('h2', { class: 'sb-heading', text: t('offline.thanks.title') }),
    h('p', { text: t('offline.thanks.body', { email: state.ticketEmail || '' }) }),
    newChat));
  requestAnimationFrame(() => newChat.focus({ preventScroll: true }));
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
    const before = JSON.stringify(state.config.queues);
    applyConfig(config);
    if (state.view === 'form' && JSON.stringify(state.config.queues) !== before) {
      const focused = document.activeElement && document.activeElement.id;
      show('form');
      if (focused) document.getElementById(focused)?.focus();
    }
  } catch {
    // Keep what we have.
  }
}

// ---- chat view -------------------------------------------------------------------------------

const chat = {
  scroll: null,
  log: null,
  waiting: null,
  typing: null,
  footer: null,
  nodes: new Map(),
  lastDay: null,
};

function renderChat() {
  const conv = model.conversation;
  chat.nodes = new Map();
  chat.lastDay = null;
  chat.log = h('ol', { class: 'sb-log', role: 'log', 'aria-live': 'polite', 'aria-relevant': 'additions',
    'aria-label': t('chat.log') });
  chat.waiting = h('div', { class: 'sb-waiting', role: 'status', 'aria-live': 'polite', hidden: true });
  chat.typing = h('div', { class: 'sb-typing', 'aria-live': 'polite' });
  chat.scroll = h('div', { class: 'sb-scroll sb-chat-scroll' },
    h('div', { class: 'sb-bubble-row sb-msg sb-msg--agent sb-greeting-msg' },
      h('div', { class: 'sb-bubble', dir: 'auto', text: greeting() })),
    chat.log, chat.waiting, chat.typing);
  chat.footer = h('div', { class: 'sb-footer' });
  main.append(h('div', { class: 'sb-chat' }, chat.scroll, chat.footer));
  if (conv) {
    for (const message of conv.messages) placeCommitted(message);
    for (const entry of model.pendingEntries()) renderOutboxEntry(entry);
  }
  renderFooter();
  renderWaiting();
  updateSeen();
  scrollToBottom(true);
  state.waitTimer = setInterval(renderWaiting, 5000);
}

function isNearBottom() {
  const s = chat.scroll;
  return !s || s.scrollHeight - s.scrollTop - s.clientHeight < 80;
}

function scrollToBottom(force) {
  if (!chat.scroll) return;
  if (force || state.stickToBottom) chat.scroll.scrollTop = chat.scroll.scrollHeight;
}

function firstPendingNode() {
  return chat.log.querySelector('.sb-msg--pending, .sb-msg--failed, .sb-msg--unplaced');
}

function dayOf(at) {
  const date = new Date(at);
  return Number.isNaN(date.getTime()) ? null : date.toDateString();
}

function timeElement(at) {
  const date = new Date(at);
  if (Number.isNaN(date.getTime())) return h('time', {});
  return h('time', { datetime: date.toISOString(), title: fullFormat.format(date), text: timeFormat.format(date) });
}

function messageNode(message, own) {
  const li = h('li', { class: 'sb-msg ' + (own ? 'sb-msg--own' : 'sb-msg--agent') });
  if (!own) {
    li.append(h('span', { class: 'sb-msg-author', text: senderName(message.sender) }));
  } else {
    li.append(h('span', { class: 'sb-visually-hidden', text: t('chat.you') + ':' }));
  }
  li.append(h('div', { class: 'sb-bubble', dir: 'auto' }, linkify(message.text || '')));
  li.append(h('div', { class: 'sb-msg-meta' }, timeElement(message.at || message.createdAt), h('span', { class: 'sb-msg-state' })));
  return li;
}

function senderName(sender) {
  if (sender && sender.name) return sender.name;
  const agent = model.conversation && model.conversation.agent;
  if (sender && agent && agent.id === sender.id && agent.name) return agent.name;
  return t('chat.agentFallback');
}

function placeCommitted(message) {
  const own = message.sender && message.sender.role === 'visitor';
  let li = own && chat.nodes.get(message.clientMsgId);
  if (li) {
    li.querySelector('time').replaceWith(timeElement(message.at));
  } else {
    li = messageNode(message, own);
    if (own) chat.nodes.set(message.clientMsgId, li);
  }
  li.dataset.seq = String(message.seq);
  li.classList.remove('sb-msg--pending', 'sb-msg--failed', 'sb-msg--unplaced');
  if (own) setOwnState(li, 'sent');
  const anchor = firstPendingNode();
  const day = dayOf(message.at);
  if (day && day !== chat.lastDay) {
    const label = day === new Date().toDateString() ? t('day.today') : dayFormat.format(new Date(message.at));
    const separator = h('li', { class: 'sb-day', 'aria-hidden': chat.lastDay ? undefined : 'true' },
      h('span', { text: label }));
    chat.log.insertBefore(separator, anchor);
    chat.lastDay = day;
  }
  if (anchor !== li) chat.log.insertBefore(li, anchor);
  const previous = li.previousElementSibling;
  li.classList.toggle('sb-msg--cont', Boolean(previous && previous.classList.contains('sb-msg')
    && previous.classList.contains(own ? 'sb-msg--own' : 'sb-msg--agent')
    && (own || previous.querySelector('.sb-msg-author')?.textContent === li.querySelector('.sb-msg-author')?.textContent)));
}

function setOwnState(li, status) {
  const slot = li.querySelector('.sb-msg-state');
  clear(slot);
  li.classList.toggle('sb-msg--pending', status === 'pending');
  li.classList.toggle('sb-msg--failed', status === 'failed');
  li.classList.toggle('sb-msg--sent', status === 'sent' || status === 'seen');
  li.dataset.state = status;
  if (status === 'pending') {
    slot.append(icon(ICONS.clock, { size: 12, label: t('chat.sending') }));
  } else if (status === 'sent') {
    slot.append(icon(ICONS.check, { size: 12, label: t('chat.sent') }));
  } else if (status === 'seen') {
    slot.append(h('span', { class: 'sb-seen', text: t('chat.seen') }));
  } else if (status === 'failed') {
    const clientMsgId = li.dataset.cid;
    slot.append(icon(ICONS.alert, { size: 12 }), h('span', { text: t('chat.failed') }));
    if (model.conversation && model.conversation.status !== 'closed') {
      slot.append(h('button', { type: 'button', class: 'sb-link sb-retry', text: t('chat.retry'),
        on: { click: () => model.retry(clientMsgId) } }));
    }
  }
}

function renderOutboxEntry(entry) {
  if (!chat.log) return;
  let li = chat.nodes.get(entry.clientMsgId);
  if (entry.state === 'sent') {
    // Acknowledged; the message event puts it in seq order (it may already have).
    if (li && !li.dataset.seq) {
      setOwnState(li, 'sent');
      li.classList.add('sb-msg--unplaced');
    }
    updateSeen();
    return;
  }
  if (!li) {
    li = messageNode({ text: entry.text, createdAt: entry.createdAt, sender: { role: 'visitor' } }, true);
    li.dataset.cid = entry.clientMsgId;
    chat.nodes.set(entry.clientMsgId, li);
    chat.log.append(li);
  }
  li.dataset.cid = entry.clientMsgId;
  setOwnState(li, entry.state === 'failed' ? 'failed' : 'pending');
}

function updateSeen() {
  if (!chat.log || !model.conversation) return;
  const readSeq = model.conversation.agentReadSeq;
  const own = [...chat.log.querySelectorAll('.sb-msg--own[data-seq]')];
  own.forEach((li, index) => {
    const isLast = index === own.length - 1;
    const wanted = isLast && Number(li.dataset.seq) <= readSeq ? 'seen' : 'sent';
    if (li.dataset.state !== wanted) setOwnState(li, wanted);
  });
}

function addSystemLine(text, quiet) {
  if (!chat.log) return;
  const li = h('li', { class: 'sb-system', text });
  if (quiet) li.setAttribute('aria-hidden', 'true');
  chat.log.insertBefore(li, firstPendingNode());
}

function renderWaiting() {
  const conv = model.conversation;
  if (!chat.waiting) return;
  const waiting = conv && conv.status === 'queued';
  chat.waiting.hidden = !waiting;
  if (!waiting) return;
  clear(chat.waiting);
  const info = state.queueInfo;
  const lines = [h('p', { class: 'sb-waiting-title' }, h('span', { class: 'sb-dots', 'aria-hidden': 'true' }, h('i'), h('i'), h('i')), t('waiting.title'))];
  if (info && info.position > 0) {
    lines.push(h('p', { class: 'sb-position', text: t('waiting.position', { position: info.position, ahead: info.position - 1 }) }));
  } else {
    lines.push(h('p', { class: 'sb-position', text: t('waiting.positionUnknown') }));
  }
  const eta = info ? info.estimatedWaitSeconds : -1;
  lines.push(h('p', { class: 'sb-eta', text: eta >= 0 ? t('waiting.eta', { eta: formatEta(eta) }) : t('waiting.etaUnknown') }));
  const startedAt = storage.load().startedAt || Date.now();
  const queueLimit = Number(selectedQueue()?.maxWaitSeconds);
  const limit = queueLimit > 0 ? queueLimit
    : Number(state.config.offlineAfterSeconds) > 0 ? Number(state.config.offlineAfterSeconds) : 120;
  const tooLong = Date.now() - startedAt > limit * 1000;
  const noAgents = info && info.estimatedWaitSeconds === -1;
  if (tooLong || noAgents) {
    lines.push(h('p', { class: 'sb-muted', text: t(noAgents ? 'waiting.noAgents' : 'waiting.long') }));
    lines.push(h('button', { type: 'button', class: 'sb-secondary sb-leave', text: t('waiting.leaveMessage'),
      on: { click: () => { state.forceOffline = true; show('form'); focusFirst(); } } }));
  }
  chat.waiting.append(...lines);
}

function formatEta(seconds) {
  if (seconds < 60) return t('eta.lessThanMinute');
  return t('eta.minutes', { n: Math.ceil(seconds / 60) });
}

function renderFooter() {
  if (!chat.footer) return;
  clear(chat.footer);
  const conv = model.conversation;
  if (!conv || conv.status !== 'closed') {
    if (state.ending) {
      const yes = h('button', { type: 'button', class: 'sb-primary sb-danger', text: t('chat.endYes'),
        on: { click: () => { state.ending = false; model.end().catch(() => {}).finally(renderFooter); } } });
      const no = h('button', { type: 'button', class: 'sb-secondary', text: t('chat.endNo'),
        on: { click: () => { state.ending = false; renderFooter(); focusFirst(); } } });
      chat.footer.append(h('div', { class: 'sb-confirm', role: 'alertdialog', 'aria-label': t('chat.endConfirm') },
        h('p', { text: t('chat.endConfirm') }), h('div', { class: 'sb-actions' }, yes, no)));
      requestAnimationFrame(() => no.focus());
      return;
    }
    chat.footer.append(composer());
    return;
  }
  const stored = storage.load();
  if (state.rated || stored.rated) {
    const newChat = h('button', { type: 'button', class: 'sb-primary', text: t('newChat'),
      on: { click: startNewChat } });
    chat.footer.append(h('div', { class: 'sb-after', role: 'status' },
      state.rated === 'thanks' ? h('p', { class: 'sb-thanks-line' }, icon(ICONS.check, { size: 16 }), t('rating.thanks')) : null,
      newChat));
    return;
  }
  chat.footer.append(ratingForm());
}

function startNewChat() {
  state.rated = false;
  state.queueInfo = null;
  model.newChat();
  show('form');
  focusFirst();
}

function composer() {
  const input = h('textarea', { id: 'sb-input', rows: '1', maxlength: '8000', placeholder: t('chat.placeholder'),
    'aria-label': t('chat.inputLabel'), dir: 'auto' });
  const send = h('button', { type: 'submit', class: 'sb-send', 'aria-label': t('chat.send'), title: t('chat.send') },
    icon(ICONS.send, { size: 18 }));
  const form = h('form', { class: 'sb-composer' }, input, send);
  const resize = () => {
    input.style.height = 'auto';
    input.style.height = Math.min(input.scrollHeight, 120) + 'px';
  };
  input.value = state.draft || '';
  input.addEventListener('input', () => {
    state.draft = input.value;
    model.typing(input.value.trim().length > 0);
    resize();
  });
  input.addEventListener('keydown', (event) => {
    if (event.key === 'Enter' && !event.shiftKey && !event.isComposing && event.keyCode !== 229) {
      event.preventDefault();
      form.requestSubmit();
    }
  });
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const text = input.value.trim();
    if (!text) return;
    state.stickToBottom = true;
    model.send(text);
    input.value = '';
    state.draft = '';
    resize();
    input.focus();
  });
  return form;
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
    on: { click: () => { model.markRated(); state.rated = true; renderFooter(); focusFirst(); } } });
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
      renderFooter();
      chat.footer.querySelector('button')?.focus();
    } catch {
      error.textContent = t('error.generic');
      submit.disabled = false;
    }
  });
  return form;
}

function confirmEnd() {
  state.ending = true;
  if (state.view === 'chat') renderFooter();
}

function showTyping(active) {
  if (!chat.typing) return;
  clearTimeout(state.typingTimer);
  clear(chat.typing);
  if (active) {
    const conv = model.conversation;
    const name = (conv && conv.agent && conv.agent.name) || t('chat.agentFallback');
    chat.typing.append(h('span', { class: 'sb-dots', 'aria-hidden': 'true' }, h('i'), h('i'), h('i')),
      h('span', { text: t('chat.typing', { name }) }));
    // The other side may vanish without saying it stopped.
    state.typingTimer = setTimeout(() => showTyping(false), 10000);
    const stick = isNearBottom();
    if (stick) scrollToBottom(true);
  }
  chat.typing.classList.toggle('sb-active', active);
}

// ---- model events ----------------------------------------------------------------------------

model.on('connection', ({ state: connectionState }) => {
  state.connection = connectionState;
  renderBanner();
  if (connectionState === 'failed' && state.view === 'loading') show('unavailable');
});

model.on('ready', ({ conversation }) => {
  if (conversation) {
    if (state.view !== 'chat' && !state.forceOffline && state.view !== 'offlineThanks') show('chat');
  } else if (state.view === 'loading' || (state.view === 'chat' && !model.conversation)) {
    show('form');
  }
  renderHeader();
});

model.on('conversation', (conversation) => {
  if (conversation && state.view === 'chat') {
    show('chat');
  } else if (conversation && state.view === 'loading') {
    show('chat');
  } else if (!conversation && state.view === 'chat') {
    show('form');
  }
});

model.on('message', ({ message, own }) => {
  if (state.view !== 'chat' || !chat.log) return;
  const stick = own || isNearBottom();
  placeCommitted(message);
  updateSeen();
  if (!own && !state.open) {
    state.unread++;
    postToHost({ type: 'unread', count: state.unread });
  }
  state.stickToBottom = stick;
  scrollToBottom(stick);
  model.markRead();
});

model.on('outbox', ({ entry }) => {
  if (state.view !== 'chat') return;
  renderOutboxEntry(entry);
  if (entry.state === 'pending') scrollToBottom(true);
});

model.on('queue', (info) => {
  state.queueInfo = info;
  renderWaiting();
  renderHeader();
});

model.on('joined', ({ agent }) => {
  state.queueInfo = null;
  renderWaiting();
  renderHeader();
  addSystemLine(t('chat.joined', { name: (agent && agent.name) || t('chat.agentFallback') }));
  scrollToBottom(isNearBottom());
});

model.on('transferred', () => {
  renderWaiting();
  renderHeader();
});

model.on('typing', ({ active }) => showTyping(active));

model.on('read', () => updateSeen());

model.on('resumed', () => {
  renderWaiting();
  renderHeader();
  updateSeen();
});

model.on('closed', ({ by }) => {
  showTyping(false);
  state.ending = false;
  if (state.view !== 'chat') return;
  addSystemLine(t(by === 'visitor' ? 'chat.closedByYou' : 'chat.closed'));
  renderWaiting();
  renderHeader();
  renderFooter();
  scrollToBottom(true);
  if (state.open) requestAnimationFrame(focusFirst);
});

// ---- boot ------------------------------------------------------------------------------------

async function boot() {
  applyConfig({});
  show('loading');
  renderBanner();
  if (!siteKey) {
    show('unavailable');
    return;
  }
  try {
    applyConfig(await fetchJson(new URL('/v1/widget/config?siteKey=' + encodeURIComponent(siteKey), baseUrl)));
  } catch (e) {
    if (e instanceof HttpError && e.status === 404 && e.code === 'not_found' && !/endpoint/.test(e.message)) {
      show('unavailable');
      postReady(false);
      return;
    }
    // An older server without the config endpoint: the defaults work.
  }
  try {
    await model.refreshToken();
  } catch (e) {
    if (e instanceof HttpError && e.status === 404) {
      show('unavailable');
      postReady(false);
      return;
    }
    // Offline or the server is down: the connection keeps trying.
  }
  postReady();
  show(model.conversation ? 'chat' : 'form');
  model.connect();
}

function postReady(available = true) {
  if (state.readySent) return;
  state.readySent = true;
  postToHost({ type: 'ready', available,
    labels: { open: t('launcher.open'), close: t('launcher.close'), unread: t('unread'), frame: t('title.default') },
    brandColor: getComputedStyle(document.documentElement).getPropertyValue('--sb-brand').trim() });
}

boot();
