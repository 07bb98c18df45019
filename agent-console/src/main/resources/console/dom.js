// The console's DOM helpers: the shared ones from the widget's common folder (user data only
// ever becomes text nodes or checked attributes; nothing in the console assigns innerHTML) and
// the console's icons.

export { h, append, replace, clear, safeUrl, externalLink, linkify } from '../widget/common/dom.js';

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
  copy: 'M9 9h11v11H9z|M5 15H4V4h11v1',
  back: 'M15 5l-7 7 7 7',
  search: 'M11 18a7 7 0 1 0 0-14 7 7 0 0 0 0 14z|M16 16l5 5',
  key: 'M8 15a4 4 0 1 0 0-8 4 4 0 0 0 0 8z|M11 11h10|M17 11v3|M20 11v2',
  ticket: 'M3 7a2 2 0 0 0 2-2h14a2 2 0 0 0 2 2v3a2 2 0 0 0 0 4v3a2 2 0 0 0-2 2H5a2 2 0 0 0-2-2v-3a2 2 0 0 0 0-4z|M9 5v14',
  phone: 'M5 4h4l2 5-2.5 1.5a11 11 0 0 0 5 5L15 13l5 2v4a2 2 0 0 1-2 2A16 16 0 0 1 3 6a2 2 0 0 1 2-2z',
  admin: 'M12 3l8 3v6c0 4.5-3.4 8.2-8 9-4.6-.8-8-4.5-8-9V6z|M9 12l2 2 4-4',
  mail: 'M3 5h18v14H3z|M3 6l9 7 9-7',
  attach: 'M21 11l-8.5 8.5a5 5 0 0 1-7-7L14 4a3.5 3.5 0 0 1 5 5l-8.5 8.5a2 2 0 0 1-3-3L15 7',
  file: 'M6 3h8l4 4v14H6z|M14 3v4h4',
  chart: 'M4 20V4|M4 20h16|M8 16v-4|M12 16V8|M16 16v-6',
  image: 'M3 5h18v14H3z|M3 16l5-5 4 4 3-3 6 6|M15.5 9.5h.01',
};
