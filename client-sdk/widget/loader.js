/*
 * Switchboard chat widget loader. Embed with:
 *   <script src="https://CHAT-HOST/widget.js" data-site="SITE_KEY" async></script>
 * Calls made before this script ran can be queued:
 *   window.Switchboard = window.Switchboard || {q: []};
 *   Switchboard.q.push(['identify', {name: 'Ada', email: 'ada@example.com'}]);
 * The chat itself runs in an iframe on the Switchboard origin; the page and the iframe talk only
 * through postMessage with exact target origins, and each side checks event.origin.
 * Served as one script with loader-light.js and loader-page.js (the page's address and title).
 * Light start (loader-light.js): a page view with no chat going shows the launcher and reports
 * the page with the visit pass (one request, every 30 s; the first view's report makes the
 * visitor and brings the pass); the frame starts when the visitor opens the chat, an invitation
 * comes or a chat starts, and takes over the first view's visitor with the pass.
 */
(function () {
  'use strict';

  var existing = window.Switchboard;
  if (existing && existing.__switchboard) return;

  var script = document.currentScript ||
    document.querySelector('script[data-site][src*="/widget.js"]');
  if (!script || !script.src) return;
  var siteKey = script.getAttribute('data-site') || '';
  var widgetOrigin;
  try {
    widgetOrigin = new URL(script.src, location.href).origin;
  } catch (e) {
    return;
  }
  var hostOrigin = location.origin;
  if (!siteKey || !/^https?:/.test(hostOrigin) || !/^https?:/.test(widgetOrigin)) {
    if (window.console) console.warn('Switchboard: the widget needs data-site and an http(s) page');
    return;
  }

  var Z = '2147483000';
  var NARROW = window.matchMedia('(max-width: 480px)');
  var labels = { open: 'Open chat', close: 'Close chat', unread: '{n} unread' };
  var ready = false;
  var available = true;
  var isOpen = false;
  // The height of an invitation bubble shown above the launcher while closed.
  var peekHeight = 0;
  var unread = 0;
  // Messages for the iframe before it is ready.
  var pending = [];
  var identity = null;
  var attributes = {};
  var savedOverflow = null;

  // The light start (loader-light.js): what this browser remembers, and the page report.
  var lite = switchboardLightStart(siteKey, widgetOrigin, frame, function (given) {
    look(given.labels, given.brandColor);
    looks = true;
    render();
  });
  // Whether the launcher's look is known.
  var looks = lite.light && !!lite.memory().look;
  var framed = false;
  var proofKey = null;

  function css(el, styles) {
    for (var name in styles) {
      if (Object.prototype.hasOwnProperty.call(styles, name)) {
        el.style.setProperty(name, styles[name], 'important');
      }
    }
  }

  function svg(paths) {
    var ns = 'http://www.w3.org/2000/svg';
    var el = document.createElementNS(ns, 'svg');
    el.setAttribute('viewBox', '0 0 24 24');
    el.setAttribute('width', '28');
    el.setAttribute('height', '28');
    el.setAttribute('fill', 'none');
    el.setAttribute('stroke', 'currentColor');
    el.setAttribute('stroke-width', '2');
    el.setAttribute('stroke-linecap', 'round');
    el.setAttribute('stroke-linejoin', 'round');
    el.setAttribute('aria-hidden', 'true');
    el.setAttribute('focusable', 'false');
    paths.forEach(function (d) {
      var p = document.createElementNS(ns, 'path');
      p.setAttribute('d', d);
      el.appendChild(p);
    });
    css(el, { display: 'block', 'pointer-events': 'none' });
    return el;
  }

  // ---- elements ----
  var frameId = 'switchboard-chat-frame';
  var iframe = document.createElement('iframe');
  iframe.id = frameId;
  iframe.title = 'Chat';
  iframe.setAttribute('referrerpolicy', 'no-referrer');

  var launcher = document.createElement('button');
  launcher.type = 'button';
  launcher.id = 'switchboard-launcher';
  launcher.setAttribute('aria-controls', frameId);
  launcher.setAttribute('aria-expanded', 'false');
  launcher.setAttribute('aria-haspopup', 'dialog');
  var chatIcon = svg(['M21 11.5a8.38 8.38 0 0 1-.9 3.8 8.5 8.5 0 0 1-7.6 4.7 8.38 8.38 0 0 1-3.8-.9L3 21l1.9-5.7a8.38 8.38 0 0 1-.9-3.8 8.5 8.5 0 0 1 4.7-7.6 8.38 8.38 0 0 1 3.8-.9h.5a8.48 8.48 0 0 1 8 8v.5z']);
  var closeIcon = svg(['M18 6 6 18', 'M6 6l12 12']);
  var badge = document.createElement('span');
  badge.setAttribute('aria-hidden', 'true');
  launcher.appendChild(chatIcon);
  launcher.appendChild(closeIcon);
  launcher.appendChild(badge);

  css(launcher, {
    position: 'fixed', right: '20px', bottom: '20px', 'z-index': Z, width: '60px', height: '60px',
    margin: '0', padding: '0', border: '0', 'border-radius': '50%', cursor: 'pointer',
    background: '#2563eb', color: '#fff', display: 'none', 'align-items': 'center',
    'justify-content': 'center', 'box-shadow': '0 6px 24px rgba(15,23,42,.28)',
    transition: 'transform .15s ease', 'box-sizing': 'border-box', outline: 'none'
  });
  css(badge, {
    position: 'absolute', top: '-2px', right: '-2px', 'min-width': '20px', height: '20px',
    padding: '0 6px', 'border-radius': '10px', background: '#dc2626', color: '#fff',
    font: '600 12px/20px system-ui, sans-serif', 'text-align': 'center', display: 'none',
    'box-sizing': 'border-box', border: '2px solid #fff'
  });
  css(iframe, {
    position: 'fixed', 'z-index': Z, border: '0', margin: '0', padding: '0', background: '#fff',
    'color-scheme': 'light', 'max-width': 'none', 'max-height': 'none', 'min-width': '0',
    opacity: '0', visibility: 'hidden', 'pointer-events': 'none',
    transition: 'opacity .18s ease, transform .18s ease, visibility 0s linear .18s',
    transform: 'translateY(12px)', 'box-sizing': 'border-box'
  });

  launcher.addEventListener('focus', function () { css(launcher, { 'box-shadow': '0 0 0 4px rgba(37,99,235,.45), 0 6px 24px rgba(15,23,42,.28)' }); });
  launcher.addEventListener('blur', function () { css(launcher, { 'box-shadow': '0 6px 24px rgba(15,23,42,.28)' }); });
  launcher.addEventListener('mouseenter', function () { css(launcher, { transform: 'scale(1.06)' }); });
  launcher.addEventListener('mouseleave', function () { css(launcher, { transform: 'none' }); });
  launcher.addEventListener('click', function () { if (isOpen) close(); else open(); });
  launcher.addEventListener('keydown', function (event) {
    if (event.key === 'Escape' && isOpen) close();
  });

  function layout() {
    var narrow = NARROW.matches;
    if (narrow) {
      css(iframe, { top: '0', left: '0', right: '0', bottom: '0', width: '100%', height: '100%',
        'border-radius': '0', 'box-shadow': 'none' });
    } else {
      css(iframe, { top: 'auto', left: 'auto', right: '20px', bottom: '92px', width: '380px',
        height: 'min(640px, calc(100% - 112px))', 'border-radius': '16px',
        'box-shadow': '0 12px 48px rgba(15,23,42,.22)' });
    }
    css(launcher, { display: looks && available && !(narrow && isOpen) ? 'flex' : 'none' });
    // Full-screen on a phone: the page behind must not scroll under the visitor's finger.
    var root = document.documentElement;
    if (narrow && isOpen) {
      if (savedOverflow === null) savedOverflow = root.style.getPropertyValue('overflow');
      css(root, { overflow: 'hidden' });
    } else if (savedOverflow !== null) {
      root.style.removeProperty('overflow');
      if (savedOverflow) root.style.setProperty('overflow', savedOverflow);
      savedOverflow = null;
    }
  }

  function render() {
    chatIcon.style.setProperty('display', isOpen ? 'none' : 'block', 'important');
    closeIcon.style.setProperty('display', isOpen ? 'block' : 'none', 'important');
    launcher.setAttribute('aria-expanded', isOpen ? 'true' : 'false');
    var label = isOpen ? labels.close : labels.open;
    if (!isOpen && unread > 0) label += ' (' + labels.unread.replace('{n}', String(unread)) + ')';
    launcher.setAttribute('aria-label', label);
    badge.textContent = unread > 9 ? '9+' : String(unread);
    css(badge, { display: !isOpen && unread > 0 ? 'block' : 'none' });
    if (isOpen) {
      css(iframe, { opacity: '1', visibility: 'visible', 'pointer-events': 'auto', transform: 'none',
        transition: 'opacity .18s ease, transform .18s ease, visibility 0s' });
    } else if (peekHeight > 0) {
      css(iframe, { opacity: '1', visibility: 'visible', 'pointer-events': 'auto', transform: 'none',
        top: 'auto', left: 'auto', right: '20px', bottom: '92px', width: 'min(340px, calc(100% - 40px))',
        height: peekHeight + 'px', 'border-radius': '16px', 'box-shadow': '0 12px 48px rgba(15,23,42,.22)',
        transition: 'opacity .18s ease, transform .18s ease, visibility 0s' });
      css(launcher, { display: looks && available ? 'flex' : 'none' });
      return;
    } else {
      css(iframe, { opacity: '0', visibility: 'hidden', 'pointer-events': 'none',
        transform: 'translateY(12px)',
        transition: 'opacity .18s ease, transform .18s ease, visibility 0s linear .18s' });
    }
    layout();
  }

  // ---- messaging ----
  function post(message) {
    message.switchboard = 1;
    if (!ready) {
      if (message.type === 'context') {
        pending = pending.filter(function (m) { return m.type !== 'context'; });
      }
      pending.push(message);
      return;
    }
    iframe.contentWindow.postMessage(message, widgetOrigin);
  }

  window.addEventListener('message', function (event) {
    if (event.origin !== widgetOrigin || event.source !== iframe.contentWindow) return;
    var data = event.data;
    if (!data || typeof data !== 'object' || data.switchboard !== 1) return;
    if (data.type === 'ready') {
      look(data.labels, data.brandColor);
      ready = looks = true;
      available = data.available !== false;
      lite.save({ look: available ? { labels: labels, brandColor: data.brandColor } : null });
      var queued = pending;
      pending = [];
      queued.forEach(function (m) { iframe.contentWindow.postMessage(m, widgetOrigin); });
      render();
    } else if (data.type === 'pass' && /^sbp1\./.test(data.pass)) {
      lite.save({ pass: data.pass, proof: proofKey });
    } else if (data.type === 'active') {
      lite.save({ active: data.active === true });
    } else if (data.type === 'close') {
      close();
    } else if (data.type === 'open') {
      open();
    } else if (data.type === 'peek' && typeof data.height === 'number') {
      peekHeight = Math.max(40, Math.min(320, Math.floor(data.height)));
      render();
    } else if (data.type === 'unpeek') {
      peekHeight = 0;
      render();
    } else if (data.type === 'unread' && typeof data.count === 'number') {
      unread = isOpen ? 0 : Math.max(0, Math.floor(data.count));
      render();
    }
  });

  function look(text, color) {
    if (text && typeof text === 'object') {
      ['open', 'close', 'unread', 'frame'].forEach(function (k) {
        if (typeof text[k] === 'string') labels[k] = text[k];
      });
      if (labels.frame) iframe.title = labels.frame;
    }
    if (typeof color === 'string' && /^#[0-9a-fA-F]{3,6}$/.test(color)) {
      css(launcher, { background: color });
    }
  }

  /** Starts the chat's frame, once: the light start ends. */
  function frame() {
    if (framed) return;
    lite.stop();
    // Called before the page's body exists: mount() starts it.
    if (!document.body) return;
    framed = true;
    // The pass in the fragment (never sent to a server): the frame takes its visitor over.
    var pass = lite.memory().pass;
    iframe.src = widgetOrigin + '/widget/frame.html?site=' + encodeURIComponent(siteKey) +
      '&host=' + encodeURIComponent(hostOrigin) + (pass ? '#pass=' + encodeURIComponent(pass) : '');
    document.body.appendChild(iframe);
  }

  function open() {
    if (isOpen) return;
    frame();
    isOpen = true;
    peekHeight = 0;
    unread = 0;
    render();
    post({ type: 'open' });
    try {
      iframe.focus();
    } catch (e) {}
  }

  function close() {
    if (!isOpen) return;
    var hadFocus = document.activeElement === iframe;
    isOpen = false;
    render();
    post({ type: 'close' });
    if (hadFocus || NARROW.matches) launcher.focus();
  }

  // With userId and signature (HMAC) or token (JWT) from the site's server, the visitor is
  // verified: the same contact, and the same chats, on every device.
  function identify(data) {
    if (!data || typeof data !== 'object') return;
    identity = {};
    ['name', 'email', 'phone'].forEach(function (k) {
      if (typeof data[k] === 'string') identity[k] = data[k];
    });
    var proof = null;
    if (typeof data.token === 'string') {
      proof = { token: data.token };
    } else if (typeof data.userId === 'string' && typeof data.signature === 'string') {
      proof = { userId: data.userId, signature: data.signature };
      if (identity.email) proof.email = identity.email;
      if (identity.name) proof.name = identity.name;
    }
    if (proof) {
      // The pass stands for the contact the frame had: another signed-in user needs the frame.
      proofKey = proof.userId || proof.token;
      if (proofKey !== lite.memory().proof) frame();
    }
    post({ type: 'identify', identity: identity, proof: proof });
  }

  // The site's user signed out: the widget forgets the visitor and their chat on this device.
  function reset() {
    identity = null;
    proofKey = null;
    lite.save({ pass: null, proof: null, active: false });
    frame();
    post({ type: 'reset' });
  }

  function setAttributes(data) {
    if (!data || typeof data !== 'object') return;
    var clean = {};
    for (var k in data) {
      if (Object.prototype.hasOwnProperty.call(data, k)) {
        var v = data[k];
        if (v === null || typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') {
          clean[k] = v === null ? null : String(v);
          attributes[k] = clean[k];
        }
      }
    }
    post({ type: 'attributes', attributes: clean });
  }

  // ---- host page context (loader-page.js): url and title, sent again when either changes ----
  var reportContext = switchboardWatchPage(function (context, moved) {
    if (moved) lite.moved();
    context.visits = lite.visits;
    context.since = lite.since();
    post({ type: 'context', context: context });
    lite.report();
  });

  // ---- public API ----
  var api = {
    __switchboard: true,
    open: open,
    close: close,
    toggle: function () { if (isOpen) close(); else open(); },
    identify: identify,
    reset: reset,
    setAttributes: setAttributes,
    isOpen: function () { return isOpen; }
  };
  var queue = existing && existing.q && typeof existing.q.length === 'number' ? existing.q : [];
  window.Switchboard = api;

  if (NARROW.addEventListener) NARROW.addEventListener('change', layout);

  function mount() {
    if (looks) look(lite.memory().look.labels, lite.memory().look.brandColor);
    if (!lite.light) frame();
    document.body.appendChild(launcher);
    render();
    reportContext();
    for (var i = 0; i < queue.length; i++) {
      var call = Array.prototype.slice.call(queue[i]);
      var method = api[call[0]];
      if (typeof method === 'function' && call[0] !== '__switchboard') method.apply(api, call.slice(1));
    }
  }
  if (document.body) mount();
  else document.addEventListener('DOMContentLoaded', mount);
})();
