// The frame's shell: the header (title, "My requests", end and minimize buttons), the connection
// banner and the main area, the site's config (language, brand colour) and switching between views.

import { t, setLanguage, pickLanguage, language } from './i18n.js';
import { h, icon, ICONS, clear } from './dom.js';

export const DEFAULT_CONFIG = {
  siteName: '',
  brandColor: '#2563eb',
  greeting: {},
  language: 'auto',
  fields: { name: 'required', email: 'required', phone: 'optional' },
  queues: [],
  offlineAfterSeconds: 120,
};

/** Builds the shell into #app; returns its render functions and the main element. */
export function createShell(ctx) {
  const { state, model, embedded } = ctx;

  const root = document.getElementById('app');
  const avatar = h('div', { class: 'sb-avatar', 'aria-hidden': 'true' });
  const title = h('h1', { class: 'sb-title', id: 'sb-title' });
  const subtitle = h('p', { class: 'sb-subtitle' });
  const endButton = h('button', { type: 'button', class: 'sb-icon-btn', hidden: true, on: { click: () => ctx.confirmEnd() } },
    icon(ICONS.end));
  // "My requests", shown once the visitor has a ticket; the dot marks changes not seen yet.
  const ticketsDot = h('span', { class: 'sb-dot', hidden: true, 'aria-hidden': 'true' });
  const ticketsButton = h('button', { type: 'button', class: 'sb-icon-btn sb-tickets-btn', hidden: true,
    on: { click: () => ctx.openTickets() } }, icon(ICONS.inbox), ticketsDot);
  const minimizeButton = h('button', { type: 'button', class: 'sb-icon-btn', hidden: !embedded,
    on: { click: () => ctx.postToHost({ type: 'close' }) } }, icon(ICONS.minimize, { size: 22 }));
  const header = h('header', { class: 'sb-header' }, avatar, h('div', { class: 'sb-titles' }, title, subtitle),
    ticketsButton, endButton, minimizeButton);
  const banner = h('div', { class: 'sb-banner', role: 'status', 'aria-live': 'polite', hidden: true });
  const main = h('main', { class: 'sb-main', 'aria-labelledby': 'sb-title' });
  root.append(header, banner, main);

  document.addEventListener('keydown', (event) => {
    if (event.key === 'Escape' && embedded && !event.defaultPrevented) {
      event.preventDefault();
      ctx.postToHost({ type: 'close' });
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
    const tickets = state.tickets;
    ticketsButton.hidden = !(ctx.hasTickets && ctx.hasTickets())
      || ['loading', 'unavailable', 'signin', 'tickets', 'ticket'].includes(state.view);
    ticketsDot.hidden = !(tickets && tickets.unseen);
    const label = t(tickets && tickets.unseen ? 'tickets.menuNew' : 'tickets.menu');
    ticketsButton.setAttribute('aria-label', label);
    ticketsButton.title = label;
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
    } else if (view === 'signin') {
      main.append(h('div', { class: 'sb-center', id: 'sb-signin' }, icon(ICONS.alert, { size: 32 }),
        h('p', { text: t(state.signinFailed ? 'signin.failed' : 'signin.required') })));
    } else if (view === 'form') {
      ctx.renderForm();
    } else if (view === 'offlineThanks') {
      ctx.renderOfflineThanks();
    } else if (view === 'chat') {
      ctx.renderChat();
    } else if (view === 'tickets') {
      ctx.renderTickets();
    } else if (view === 'ticket') {
      ctx.renderTicket();
    }
    renderHeader();
    // The focused control may have been replaced: keep keyboard users inside the panel.
    if (state.open && (!document.activeElement || document.activeElement === document.body)) {
      requestAnimationFrame(focusFirst);
    }
  }

  function focusFirst() {
    if (!state.open) return;
    const target = main.querySelector('[data-focus]')
      || main.querySelector('#sb-input:not([disabled])')
      || main.querySelector('[aria-invalid="true"]')
      || main.querySelector('input:not([type=hidden]):not([disabled]), select, textarea, button');
    if (target) target.focus({ preventScroll: true });
  }

  return { main, applyConfig, greeting, renderHeader, renderBanner, show, focusFirst };
}
