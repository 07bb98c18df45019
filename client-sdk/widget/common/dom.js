// DOM helpers shared by the widget and the console. Text is only ever inserted with text nodes
// or checked attributes: nothing a visitor, an agent or the server sends is parsed as HTML, and
// only http(s) URLs become links.

const PROPERTIES = new Set(['hidden', 'disabled', 'checked', 'selected', 'value', 'type', 'name', 'placeholder',
  'required', 'autocomplete', 'tabIndex', 'htmlFor']);

/**
 * Creates an element. `props` keys: `class`, `text` (textContent), `dataset`, `on` (event
 * listeners), boolean and form DOM properties such as `hidden`, `disabled` or `value`, `href`
 * (only in-page "#..." links and http(s) URLs), and any other attribute (set with
 * setAttribute; `true` gives an empty value). Undefined, null and false props are skipped.
 * Children may be nodes, strings (as text nodes) or arrays of them.
 */
export function h(tag, props = {}, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(props || {})) {
    if (value === undefined || value === null || value === false) continue;
    if (key === 'class') el.className = value;
    else if (key === 'text') el.textContent = String(value);
    else if (key === 'dataset') Object.assign(el.dataset, value);
    else if (key === 'on') for (const [type, fn] of Object.entries(value)) el.addEventListener(type, fn);
    else if (PROPERTIES.has(key)) el[key] = value;
    else if (key === 'href') {
      const safe = /^#[\w/-]*$/.test(value) ? value : safeUrl(value);
      if (safe) el.setAttribute('href', safe);
    } else el.setAttribute(key, value === true ? '' : String(value));
  }
  append(el, children);
  return el;
}

/** Appends children (nodes, strings as text, nested arrays); skips null, undefined and false. */
export function append(el, children) {
  for (const child of [children].flat(Infinity)) {
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

/** Removes every child of `el`. */
export function clear(el) {
  el.replaceChildren();
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

/** A link candidate from text ("https://..." or "www....") as a safe http(s) URL, or null. */
export function safeHref(candidate) {
  return safeUrl(/^www\./i.test(candidate) ? 'https://' + candidate : candidate);
}

/** An anchor that opens an http(s) URL in a new tab, or plain text for anything else. */
export function externalLink(url, label = url) {
  const safe = safeUrl(url);
  if (!safe) return document.createTextNode(String(label ?? ''));
  const a = h('a', { href: safe, target: '_blank', rel: 'noopener noreferrer' });
  a.textContent = String(label ?? url);
  return a;
}

// http(s) URLs, and bare www. hosts. Trailing punctuation is trimmed afterwards.
const LINK = /\b(?:https?:\/\/|www\.)[^\s<>"'`]+/gi;
const TRAILING = /[.,;:!?'")\]}>]+$/;

/**
 * Text with http(s) links (and www. hosts) turned into anchors that open in a new tab, as a
 * DocumentFragment; any other scheme (javascript:, data:, ...) stays plain text.
 */
export function linkify(text) {
  const source = String(text ?? '');
  const fragment = document.createDocumentFragment();
  let last = 0;
  for (const match of source.matchAll(LINK)) {
    let candidate = match[0];
    const trailing = candidate.match(TRAILING);
    if (trailing) candidate = candidate.slice(0, candidate.length - trailing[0].length);
    const href = candidate && safeHref(candidate);
    if (!href) continue;
    if (match.index > last) fragment.append(document.createTextNode(source.slice(last, match.index)));
    const a = document.createElement('a');
    a.href = href;
    a.target = '_blank';
    a.rel = 'noopener noreferrer';
    a.textContent = candidate;
    fragment.append(a);
    last = match.index + candidate.length;
  }
  if (last < source.length) fragment.append(document.createTextNode(source.slice(last)));
  return fragment;
}
