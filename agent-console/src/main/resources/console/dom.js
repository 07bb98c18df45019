// Safe DOM helpers. User data only ever becomes text nodes or checked attributes: nothing in
// the console assigns innerHTML.

/**
 * Creates an element. `props` keys: `class`, `text` (textContent), `dataset`, `on` (event
 * listeners), `aria-*`/other attributes (set with setAttribute), and boolean DOM properties
 * such as `hidden` or `disabled`. Children may be nodes, strings (as text nodes) or arrays.
 */
export function h(tag, props = {}, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(props || {})) {
    if (value === undefined || value === null || value === false) continue;
    if (key === 'class') el.className = value;
    else if (key === 'text') el.textContent = String(value);
    else if (key === 'dataset') Object.assign(el.dataset, value);
    else if (key === 'on') for (const [type, fn] of Object.entries(value)) el.addEventListener(type, fn);
    else if (key === 'hidden' || key === 'disabled' || key === 'checked' || key === 'selected'
      || key === 'value' || key === 'type' || key === 'name' || key === 'placeholder'
      || key === 'required' || key === 'autocomplete' || key === 'tabIndex' || key === 'htmlFor') {
      el[key] = value;
    } else if (key === 'href') {
      // In-page links ("#/wall") or absolute http(s) URLs; anything else is dropped.
      const safe = /^#[\w/-]*$/.test(value) ? value : safeUrl(value);
      if (safe) el.setAttribute('href', safe);
    } else el.setAttribute(key, value === true ? '' : String(value));
  }
  append(el, children);
  return el;
}

export function append(el, children) {
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return el;
}

/** Replaces every child of `el`. */
export function replace(el, ...children) {
  el.replaceChildren();
  return append(el, children);
}

/** The URL as a string when it is an absolute http(s) URL, otherwise null. */
export function safeUrl(value) {
  if (typeof value !== 'string') return null;
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
  } catch {
    return null;
  }
}

/** An anchor that opens an http(s) URL in a new tab, or plain text for anything else. */
export function externalLink(url, label = url) {
  const safe = safeUrl(url);
  if (!safe) return document.createTextNode(String(label ?? ''));
  const a = h('a', { href: safe, target: '_blank', rel: 'noopener noreferrer' });
  a.textContent = String(label ?? url);
  return a;
}

const URL_PATTERN = /\bhttps?:\/\/[^\s<>"']+/gi;

/** Text with http(s) URLs turned into safe links; everything else stays text. */
export function linkify(text) {
  const fragment = document.createDocumentFragment();
  let last = 0;
  for (const match of String(text).matchAll(URL_PATTERN)) {
    let url = match[0];
    // Trailing punctuation usually ends the sentence, not the URL.
    const trail = /[.,;:!?)\]]+$/.exec(url);
    if (trail) url = url.slice(0, -trail[0].length);
    fragment.append(document.createTextNode(text.slice(last, match.index)));
    fragment.append(externalLink(url));
    last = match.index + url.length;
  }
  fragment.append(document.createTextNode(String(text).slice(last)));
  return fragment;
}

/** A small inline SVG icon from a fixed set (no user data). */
export function icon(name) {
  const paths = ICONS[name] || '';
  const svg = document.createElementNS('http://www.w3.org/2000/svg', 'svg');
  svg.setAttribute('viewBox', '0 0 24 24');
  svg.setAttribute('aria-hidden', 'true');
  svg.setAttribute('class', 'icon');
  for (const d of paths.split('|')) {
    const path = document.createElementNS('http://www.w3.org/2000/svg', 'path');
    path.setAttribute('d', d);
    svg.append(path);
  }
  return svg;
}

const ICONS = {
  inbox: 'M4 4h16v10h-5l-1.5 3h-3L9 14H4z|M4 14v6h16v-6',
  wall: 'M4 20V10|M10 20V4|M16 20v-7|M22 20H2',
  settings: 'M12 15.5a3.5 3.5 0 1 0 0-7 3.5 3.5 0 0 0 0 7z|M19.4 15a1.7 1.7 0 0 0 .3 1.8l.1.1a2 2 0 1 1-2.8 2.8l-.1-.1a1.7 1.7 0 0 0-1.8-.3 1.7 1.7 0 0 0-1 1.5V21a2 2 0 1 1-4 0v-.1a1.7 1.7 0 0 0-1.1-1.5 1.7 1.7 0 0 0-1.8.3l-.1.1a2 2 0 1 1-2.8-2.8l.1-.1a1.7 1.7 0 0 0 .3-1.8 1.7 1.7 0 0 0-1.5-1H3a2 2 0 1 1 0-4h.1a1.7 1.7 0 0 0 1.5-1.1 1.7 1.7 0 0 0-.3-1.8l-.1-.1a2 2 0 1 1 2.8-2.8l.1.1a1.7 1.7 0 0 0 1.8.3H9a1.7 1.7 0 0 0 1-1.5V3a2 2 0 1 1 4 0v.1a1.7 1.7 0 0 0 1 1.5 1.7 1.7 0 0 0 1.8-.3l.1-.1a2 2 0 1 1 2.8 2.8l-.1.1a1.7 1.7 0 0 0-.3 1.8V9a1.7 1.7 0 0 0 1.5 1H21a2 2 0 1 1 0 4h-.1a1.7 1.7 0 0 0-1.5 1z',
  canned: 'M4 5h16v11H8l-4 4z|M8 9h8|M8 12h5',
  send: 'M3 11l18-8-8 18-2-8z',
  note: 'M5 3h10l4 4v14H5z|M14 3v5h5|M8 13h8|M8 17h5',
  transfer: 'M4 8h13l-3-3|M20 16H7l3 3',
  close: 'M5 12l4 4L19 6',
  x: 'M6 6l12 12|M18 6L6 18',
  logout: 'M15 4h4v16h-4|M10 8l-4 4 4 4|M6 12h10',
  keyboard: 'M3 6h18v12H3z|M7 10h.01|M11 10h.01|M15 10h.01|M7 14h10',
  user: 'M12 12a4 4 0 1 0 0-8 4 4 0 0 0 0 8z|M4 21a8 8 0 0 1 16 0',
  clock: 'M12 21a9 9 0 1 0 0-18 9 9 0 0 0 0 18z|M12 7v5l3 2',
  globe: 'M12 21a9 9 0 1 0 0-18 9 9 0 0 0 0 18z|M3 12h18|M12 3a14 14 0 0 1 0 18|M12 3a14 14 0 0 0 0 18',
  history: 'M3 12a9 9 0 1 0 3-6.7L3 8|M3 3v5h5|M12 7v5l3 2',
  trash: 'M4 7h16|M9 7V4h6v3|M6 7l1 13h10l1-13',
  admin: 'M12 3l8 3v6c0 4.5-3.4 8.2-8 9-4.6-.8-8-4.5-8-9V6z|M9 12l2 2 4-4',
};
