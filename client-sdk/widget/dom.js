// Small DOM helpers. Text is only ever inserted with text nodes: nothing a visitor, an agent or
// the server sends is parsed as HTML.

/**
 * Creates an element. attrs: attributes (class, aria-*, ...), plus `text` for text content and
 * `on` for event listeners. children: nodes or strings (strings become text nodes).
 */
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === undefined || value === null || value === false) continue;
    if (name === 'text') {
      el.textContent = String(value);
    } else if (name === 'on') {
      for (const [event, handler] of Object.entries(value)) el.addEventListener(event, handler);
    } else if (name === 'value') {
      el.value = value;
    } else {
      el.setAttribute(name, value === true ? '' : String(value));
    }
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const child of children.flat()) {
    if (child === undefined || child === null || child === false) continue;
    el.append(typeof child === 'string' ? document.createTextNode(child) : child);
  }
}

const SVG_NS = 'http://www.w3.org/2000/svg';

/** An icon from path data; decorative unless a label is given. */
export function icon(pathData, { label, size = 20, className } = {}) {
  const svg = document.createElementNS(SVG_NS, 'svg');
  svg.setAttribute('viewBox', '0 0 24 24');
  svg.setAttribute('width', String(size));
  svg.setAttribute('height', String(size));
  svg.setAttribute('fill', 'none');
  svg.setAttribute('stroke', 'currentColor');
  svg.setAttribute('stroke-width', '2');
  svg.setAttribute('stroke-linecap', 'round');
  svg.setAttribute('stroke-linejoin', 'round');
  svg.setAttribute('focusable', 'false');
  if (className) svg.setAttribute('class', className);
  if (label) {
    svg.setAttribute('role', 'img');
    svg.setAttribute('aria-label', label);
  } else {
    svg.setAttribute('aria-hidden', 'true');
  }
  for (const d of [].concat(pathData)) {
    const path = document.createElementNS(SVG_NS, 'path');
    path.setAttribute('d', d);
    svg.append(path);
  }
  return svg;
}

export const ICONS = {
  close: ['M18 6 6 18', 'M6 6l12 12'],
  minimize: ['M6 9l6 6 6-6'],
  send: ['M22 2 11 13', 'M22 2 15 22 11 13 2 9 22 2z'],
  clock: ['M12 22a10 10 0 1 0 0-20 10 10 0 0 0 0 20z', 'M12 6v6l4 2'],
  check: ['M20 6 9 17l-5-5'],
  alert: ['M12 22a10 10 0 1 0 0-20 10 10 0 0 0 0 20z', 'M12 8v4', 'M12 16h.01'],
  star: ['M12 2l3.09 6.26L22 9.27l-5 4.87 1.18 6.88L12 17.77l-6.18 3.25L7 14.14 2 9.27l6.91-1.01L12 2z'],
  mail: ['M4 4h16a2 2 0 0 1 2 2v12a2 2 0 0 1-2 2H4a2 2 0 0 1-2-2V6a2 2 0 0 1 2-2z', 'M22 6l-10 7L2 6'],
  end: ['M9 21H5a2 2 0 0 1-2-2V5a2 2 0 0 1 2-2h4', 'M16 17l5-5-5-5', 'M21 12H9'],
};

// http(s) URLs, and bare www. hosts. Trailing punctuation is trimmed afterwards.
const LINK = /\b(?:https?:\/\/|www\.)[^\s<>"'`]+/gi;
const TRAILING = /[.,;:!?'")\]}>]+$/;

/** Turns a candidate into a safe http(s) URL string, or null. */
export function safeHref(candidate) {
  const withScheme = /^www\./i.test(candidate) ? 'https://' + candidate : candidate;
  let url;
  try {
    url = new URL(withScheme);
  } catch {
    return null;
  }
  return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
}

/**
 * Text with http/https links turned into anchors, as a DocumentFragment of text nodes and <a>
 * elements. Any other scheme (javascript:, data:, ...) stays plain text.
 */
export function linkify(text) {
  const fragment = document.createDocumentFragment();
  let last = 0;
  for (const match of text.matchAll(LINK)) {
    let candidate = match[0];
    const trailing = candidate.match(TRAILING);
    if (trailing) candidate = candidate.slice(0, candidate.length - trailing[0].length);
    const href = candidate && safeHref(candidate);
    if (!href) continue;
    if (match.index > last) fragment.append(document.createTextNode(text.slice(last, match.index)));
    const a = document.createElement('a');
    a.href = href;
    a.target = '_blank';
    a.rel = 'noopener noreferrer';
    a.textContent = candidate;
    fragment.append(a);
    last = match.index + candidate.length;
  }
  if (last < text.length) fragment.append(document.createTextNode(text.slice(last)));
  return fragment;
}

/** Clears an element's children. */
export function clear(el) {
  while (el.firstChild) el.firstChild.remove();
}
