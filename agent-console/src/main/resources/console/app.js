// Entry point: login, the header with status and settings, and the pages (inbox, wall, canned
// replies, admin). Only the inbox is loaded with the app; every other page's module is fetched the
// first time it is shown (page-loader.js), by a specifier relative to this file so the console
// works under any path. Rendering never uses innerHTML with data: see dom.js.

import { api, session, onUnauthorized, isMissing } from './api.js';
import { Inbox } from './inbox.js';
import { h, replace, icon } from './dom.js';
import { initials } from './format.js';
import { avatarColour } from './views/conversation-list.js';
import { settings, unlockAudio, chime, updateTitle, allowDesktop, desktopAllowed, desktopSupported } from './notify.js';
import { renderLogin } from './views/login.js';
import { InboxView } from './views/inbox-view.js';
import { searchBox } from './views/search-box.js';
import { TicketFeed, SlaAlerts } from './ticket-feed.js';
import { PageLoader, pageLoading, pageFailed } from './page-loader.js';
import { t, language, LANGUAGE_KEY } from './i18n.js';
import { toast, openShortcuts } from './views/dialogs.js';

const root = document.getElementById('app');
const STATUSES = ['online', 'away', 'offline'];

let current = null; // the signed-in state

function statusKey(userId) {
  return `switchboard.console.status.${userId}`;
}

function showLogin(reason) {
  if (current) {
    current.connection.stop();
    current.dispose();
    current = null;
  }
  updateTitle(0, 0);
  root.setAttribute('aria-busy', 'false');
  renderLogin(root, {
    reason,
    onLogin: async (email, password) => {
      unlockAudio();
      const login = await api.login(email, password);
      session.save({ token: login.token, userId: login.userId, role: String(login.role || 'agent').toLowerCase(), name: login.name, expiresAt: login.expiresAt });
      start(session.load());
    },
  });
}

async function logout() {
  try {
    await api.logout();
  } catch {
    // The token may already be gone; the session ends either way.
  }
  session.clear();
  showLogin();
}

function endSession(message) {
  session.clear();
  showLogin(message);
}

onUnauthorized(() => {
  if (current) endSession(t('session.ended'));
});

/** The language the user chose on another browser (kept on the server) applies here too. */
function followLanguagePreference() {
  api.me().then((profile) => {
    if (!profile?.language || profile.language === localStorage.getItem(LANGUAGE_KEY)) return;
    localStorage.setItem(LANGUAGE_KEY, profile.language);
    if (profile.language !== language()) location.reload();
  }, () => {});
}

function start(me) {
  followLanguagePreference();
  me.role = String(me.role || 'agent').toLowerCase();
  const isSupervisor = me.role === 'supervisor' || me.role === 'admin';
  const isAdmin = me.role === 'admin';
  const state = { me, status: localStorage.getItem(statusKey(me.userId)) || 'offline', page: null, timers: [] };

  const inbox = new Inbox(me, {
    onAuthRevoked: () => endSession(t('session.revoked')),
    // A refused upgrade looks like any failed connection; ask the REST API whether the token still works.
    onAuthFailure: () => api.me().catch(() => {}),
    loadDetails: (id) => api.conversation(id),
  });
  const connection = inbox.connection;
  inbox.client.on('state', ({ state: s }) => renderConnection(s));
  inbox.client.on('welcome', ({ welcome }) => {
    state.welcome = welcome;
    syncStatus(welcome);
  });

  // ---- header -----------------------------------------------------------------------------
  const statusSelect = h('select', {
    class: 'status-select', 'aria-label': t('status.label'),
    on: { change: () => setStatus(statusSelect.value) },
  }, STATUSES.map((value) => h('option', { value, text: t(`status.${value}`) })));
  const statusDot = h('span', { class: 'status-dot', 'aria-hidden': 'true' });
  const connectionPill = h('span', { class: 'connection', role: 'status', 'aria-live': 'polite' });

  const navItems = [['inbox', t('nav.inbox'), 'inbox'], ['tickets', t('nav.tickets'), 'ticket'], ['contacts', t('nav.contacts'), 'user'],
    ['visitors', t('nav.visitors'), 'globe']];
  if (isSupervisor) navItems.push(['wall', t('nav.wall'), 'wall']);
  navItems.push(['reports', t(isSupervisor ? 'nav.reports' : 'nav.myFigures'), 'chart']);
  if (isAdmin) navItems.push(['canned', t('nav.canned'), 'canned'], ['admin', t('nav.admin'), 'admin']);
  const nav = h('nav', { class: 'nav', 'aria-label': t('nav.label') }, navItems.map(([page, label, iconName]) =>
    h('a', { href: `#/${page}`, class: 'nav-link', title: label, dataset: { page } }, icon(iconName), h('span', { text: label }))));

  const soundToggle = h('input', { type: 'checkbox', checked: settings.get().sound, on: { change: () => settings.set('sound', soundToggle.checked) } });
  const titleToggle = h('input', { type: 'checkbox', checked: settings.get().title, on: { change: () => { settings.set('title', titleToggle.checked); refreshTitle(); } } });
  const desktopToggle = h('input', {
    type: 'checkbox', id: 'desktop-toggle', checked: settings.get().desktop && desktopAllowed(), disabled: !desktopSupported(),
    on: { change: () => switchDesktop() },
  });
  const desktopHint = h('span', { class: 'menu-hint', id: 'desktop-hint', role: 'status' });
  async function switchDesktop() {
    desktopHint.textContent = '';
    if (!desktopToggle.checked) {
      settings.set('desktop', false);
      return;
    }
    const allowed = await allowDesktop();
    desktopToggle.checked = allowed;
    settings.set('desktop', allowed);
    if (!allowed) desktopHint.textContent = t('menu.desktopBlocked');
  }
  const settingsMenu = h('div', { class: 'menu', role: 'menu', hidden: true, id: 'settings-menu' },
    h('div', { class: 'menu-title', text: t('menu.notifications') }),
    h('label', { class: 'menu-item' }, soundToggle, h('span', { text: t('menu.sound') })),
    h('label', { class: 'menu-item' }, titleToggle, h('span', { text: t('menu.title') })),
    h('label', { class: 'menu-item' }, desktopToggle, h('span', { text: t('menu.desktop') }, desktopHint)),
    h('hr'),
    h('a', { href: '#/account', class: 'menu-item', role: 'menuitem', id: 'menu-account', on: { click: () => closeMenu() } },
      icon('settings'), h('span', { text: t('account.title') })),
    h('button', { type: 'button', class: 'menu-item', role: 'menuitem', on: { click: () => { closeMenu(); openShortcuts(); } } },
      icon('keyboard'), h('span', { text: t('menu.shortcuts') }), h('kbd', { text: '?' })),
    h('button', { type: 'button', class: 'menu-item', role: 'menuitem', on: { click: () => { closeMenu(); logout(); } } },
      icon('logout'), h('span', { text: t('menu.signOut') })));
  const settingsButton = h('button', {
    type: 'button', class: 'icon-button', 'aria-label': t('menu.settings'), 'aria-haspopup': 'true',
    'aria-expanded': 'false', 'aria-controls': 'settings-menu', title: t('menu.settings'),
    on: { click: (e) => { e.stopPropagation(); settingsMenu.hidden ? openMenu() : closeMenu(); } },
  }, icon('settings'));
  function openMenu() {
    settingsMenu.hidden = false;
    settingsButton.setAttribute('aria-expanded', 'true');
    soundToggle.focus();
  }
  function closeMenu() {
    settingsMenu.hidden = true;
    settingsButton.setAttribute('aria-expanded', 'false');
  }
  settingsMenu.addEventListener('keydown', (e) => {
    if (e.key === 'Escape') {
      e.preventDefault();
      closeMenu();
      settingsButton.focus();
    }
  });
  const onDocClick = (e) => { if (!settingsMenu.contains(e.target)) closeMenu(); };
  document.addEventListener('click', onDocClick);

  const header = h('header', { class: 'topbar' },
    h('div', { class: 'brand' }, h('span', { class: 'brand-mark', 'aria-hidden': 'true', text: 'S' }), h('span', { text: 'Switchboard' })),
    nav,
    searchBox(),
    h('div', { class: 'topbar-right' },
      connectionPill,
      h('label', { class: 'status-control', title: t('status.hint') }, statusDot, statusSelect),
      h('div', { class: 'menu-anchor' }, settingsButton, settingsMenu),
      h('div', { class: 'me', title: `${me.name} (${t(`role.name.${me.role}`)})` },
        h('span', { class: 'avatar small', 'aria-hidden': 'true', text: initials(me.name) }),
        h('span', { class: 'me-name' }, h('span', { class: 'me-label', text: me.name }), h('span', { class: 'me-role', text: t(`role.name.${me.role}`) }))),
      h('button', { type: 'button', class: 'button ghost', 'aria-label': t('menu.signOut'), on: { click: logout } }, icon('logout'), h('span', { text: t('menu.signOut') }))));
  header.querySelector('.me .avatar').style.background = avatarColour(me.userId);

  // The page scrolls inside <main>, which takes keyboard focus so the keys can scroll it too.
  const main = h('main', { class: 'page', id: 'main', tabIndex: 0 });
  replace(root, h('a', { href: '#main', class: 'skip-link', text: t('skip') }), header, main);
  root.setAttribute('aria-busy', 'false');

  const feed = new TicketFeed(inbox.client);
  const slaAlerts = new SlaAlerts(feed, nav.querySelector('[data-page=tickets]'));
  // Each page but the inbox is made from its module the first time it is shown.
  const pages = new PageLoader({ inbox: new InboxView(inbox, { me, isSupervisor, api, onToast: toast, feed }) }, {
    tickets: { module: () => import('./views/tickets-page.js'),
      make: (m) => new m.TicketsPage({ api, me, isSupervisor, feed, onShown: () => slaAlerts.seen() }) },
    search: { module: () => import('./views/search-page.js'), make: (m) => new m.SearchPage(api) },
    contacts: { module: () => import('./views/contacts-page.js'), make: (m) => new m.ContactsPage({ api, me }) },
    companies: { module: () => import('./views/companies-page.js'), make: (m) => new m.CompaniesPage({ api }) },
    visitors: { module: () => import('./views/visitors.js'), make: (m) => new m.VisitorsView(api) },
    reports: { module: () => import('./views/reports-page.js'), make: (m) => new m.ReportsPage(api, { mine: !isSupervisor }) },
    wall: isSupervisor && { module: () => import('./views/wall.js'), make: (m) => new m.WallView(api) },
    canned: isAdmin && { module: () => import('./views/canned.js'), make: (m) => new m.CannedView(api) },
    admin: isAdmin && { module: () => import('./views/admin-page.js'), make: (m) => new m.AdminPage(api) },
    monitor: isSupervisor && { module: () => import('./views/monitor.js'), make: (m) => new m.MonitorView(api, me) },
    account: { module: () => import('./views/account.js'), make: (m) => new m.AccountView(api, me, (name) => {
      header.querySelector('.me-label').textContent = name;
      header.querySelector('.me .avatar').textContent = initials(name);
      session.save({ ...session.load(), name });
    }) },
  });

  let navigation = 0; // counts the navigations: a page that finishes loading after another was chosen is not shown
  function route() {
    const [path, query = ''] = (location.hash.replace(/^#\/?/, '') || 'inbox').split('?');
    const [first, section = '', ...rest] = path.split('/');
    const page = pages.has(first) ? first : 'inbox';
    const serial = ++navigation;
    const view = pages.loaded(page);
    if (view) {
      open(page, view, section, rest, query);
      return;
    }
    showBusy(page, pageLoading());
    pages.load(page).then((loaded) => {
      if (serial === navigation && current?.pages === pages) open(page, loaded, section, rest, query);
    }, () => {
      if (serial === navigation && current?.pages === pages) showBusy(page, pageFailed(() => { main.focus(); route(); }), false);
    });
  }
  function open(page, view, section, rest, query) {
    main.setAttribute('aria-busy', 'false');
    if (page === 'search') {
      if (state.page !== page) show(page, view);
      view.show(new URLSearchParams(query));
      return;
    }
    if (state.page === page) {
      // Pages with sections (admin, monitor) follow a change of the rest of the address.
      if (['admin', 'monitor', 'tickets', 'contacts', 'companies', 'reports'].includes(page)) view.show(section, rest);
      return;
    }
    show(page, view);
    view.show(section, rest);
  }
  /** While `page` loads, or when it could not: the page shown before is hidden, `content` shows instead. */
  function showBusy(page, content, busy = true) {
    leave();
    markCurrent(page);
    main.setAttribute('aria-busy', String(busy));
    replace(main, content);
  }
  function show(page, view) {
    leave();
    state.page = page;
    markCurrent(page);
    replace(main, view.element);
  }
  function leave() {
    if (state.page) pages.loaded(state.page).hide();
    state.page = null;
  }
  function markCurrent(page) {
    for (const link of nav.querySelectorAll('.nav-link')) {
      if (link.dataset.page === (page === 'companies' ? 'contacts' : page)) link.setAttribute('aria-current', 'page');
      else link.removeAttribute('aria-current');
    }
  }
  window.addEventListener('hashchange', route);

  // ---- status -----------------------------------------------------------------------------
  function renderStatus(status) {
    state.status = status;
    statusSelect.value = status;
    statusDot.dataset.status = status;
  }
  async function setStatus(status) {
    const previous = state.status;
    renderStatus(status);
    try {
      await connection.request({ type: 'status', status });
      localStorage.setItem(statusKey(me.userId), status);
    } catch (error) {
      renderStatus(previous);
      toast(error.code === 'disconnected' ? t('status.notConnected') : t('status.failed', { code: error.code }), 'error');
    }
  }
  async function syncStatus(welcome) {
    if (typeof welcome.status === 'string') {
      renderStatus(welcome.status);
      localStorage.setItem(statusKey(me.userId), welcome.status);
      return;
    }
    // Feature level 1: the welcome does not say; ask /v1/me, else re-send the last choice.
    try {
      const profile = await api.me();
      if (profile?.status) {
        renderStatus(profile.status);
        return;
      }
    } catch (error) {
      if (!isMissing(error)) return;
    }
    const remembered = localStorage.getItem(statusKey(me.userId));
    if (remembered && remembered !== 'offline') setStatus(remembered);
    else renderStatus(remembered || 'offline');
  }
  renderStatus(state.status);

  function renderConnection(s) {
    const known = ['connecting', 'open', 'reconnecting', 'offline', 'failed', 'closed'];
    connectionPill.textContent = known.includes(s) ? t(`connection.${s}`) : s;
    connectionPill.dataset.state = s;
    root.dataset.connection = s;
  }

  // ---- events -----------------------------------------------------------------------------
  function refreshTitle() {
    const unread = inbox.list.filter((c) => c.unread > 0 && !c.isNew).length;
    updateTitle(inbox.newCount, unread);
  }
  inbox.addEventListener('change', refreshTitle);
  inbox.addEventListener('assigned', (e) => {
    if (!e.detail.existed) chime();
    refreshTitle();
  });
  inbox.addEventListener('removed', (e) => {
    if (['transferred', 'taken', 'gone'].includes(e.detail.reason)) toast(t(`removed.${e.detail.reason}`, { name: e.detail.name }));
  });
  const onVisibility = () => {
    if (!document.hidden && inbox.activeId) inbox.markRead(inbox.get(inbox.activeId));
    refreshTitle();
  };
  document.addEventListener('visibilitychange', onVisibility);
  const onKey = (e) => {
    if (e.key === '?' && !e.altKey && !e.ctrlKey && !e.metaKey && !isTyping(e.target)) {
      e.preventDefault();
      openShortcuts();
    } else if (e.key === '/' && !e.altKey && !e.ctrlKey && !e.metaKey && !isTyping(e.target)) {
      e.preventDefault();
      header.querySelector('#topbar-search').focus();
    }
  };
  document.addEventListener('keydown', onKey);
  const onGesture = () => unlockAudio();
  document.addEventListener('pointerdown', onGesture);

  current = {
    connection,
    pages,
    dispose() {
      document.removeEventListener('click', onDocClick);
      document.removeEventListener('visibilitychange', onVisibility);
      document.removeEventListener('keydown', onKey);
      document.removeEventListener('pointerdown', onGesture);
      window.removeEventListener('hashchange', route);
      pages.dispose();
      slaAlerts.dispose();
      feed.dispose();
    },
  };
  route();
  inbox.start();
}

function isTyping(target) {
  return target instanceof HTMLElement && (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName));
}

const link = location.hash.match(/^#\/password\/([^/]+)$/);
const saved = session.load();
if (link) {
  // A one-time password link: set the password, then sign in with it.
  session.clear();
  import('./views/password-link.js').then(({ renderPasswordLink }) => {
    renderPasswordLink(root, api, decodeURIComponent(link[1]), (message) => {
      history.replaceState(null, '', location.pathname);
      showLogin(message);
    });
  }, () => replace(root, pageFailed(() => location.reload())));
} else if (saved?.token && (!saved.expiresAt || new Date(saved.expiresAt) > new Date())) start(saved);
else {
  session.clear();
  showLogin();
}
