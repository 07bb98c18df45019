// Formatting of times, durations and user agents, in the console's language (i18n.js).

import { t, language } from './i18n.js';

const formats = new Map();

/** A date format for the console's language, made once per language and style. */
function format(style) {
  const key = `${language()}|${style}`;
  if (!formats.has(key)) {
    const options = {
      time: { hour: '2-digit', minute: '2-digit' },
      dateTime: { day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' },
      full: { dateStyle: 'medium', timeStyle: 'medium' },
    }[style];
    formats.set(key, new Intl.DateTimeFormat(language(), options));
  }
  return formats.get(key);
}

function asDate(value) {
  const date = value instanceof Date ? value : new Date(value);
  return Number.isNaN(date.getTime()) ? null : date;
}

/** "14:05" for today, "3 Mar, 14:05" otherwise. */
export function shortTime(value) {
  const date = asDate(value);
  if (!date) return '';
  const now = new Date();
  return date.toDateString() === now.toDateString() ? format('time').format(date) : format('dateTime').format(date);
}

export function fullTime(value) {
  const date = asDate(value);
  return date ? format('full').format(date) : '';
}

/** "45 s", "3 min", "1 h 5 min". */
export function duration(seconds) {
  if (seconds === undefined || seconds === null || seconds < 0) return '—';
  const s = Math.round(seconds);
  if (s < 60) return t('duration.s', { n: s });
  const m = Math.floor(s / 60);
  if (m < 60) return t('duration.min', { n: m });
  return t('duration.h', { h: Math.floor(m / 60), m: m % 60 });
}

/** The current time in an IANA time zone, e.g. "09:41 (Europe/Berlin)"; null if unknown. */
export function localTimeIn(timeZone, now = new Date()) {
  if (!timeZone) return null;
  try {
    const time = new Intl.DateTimeFormat(language(), {
      hour: '2-digit', minute: '2-digit', second: '2-digit', timeZone,
    }).format(now);
    return `${time} (${timeZone})`;
  } catch {
    return null;
  }
}

/** A short browser and OS description from a user agent string: "Chrome 126 on Windows". */
export function describeUserAgent(ua) {
  if (!ua) return null;
  const browsers = [
    ['Edge', /Edg(?:e|A|iOS)?\/(\d+)/],
    ['Opera', /OPR\/(\d+)/],
    ['Samsung Internet', /SamsungBrowser\/(\d+)/],
    ['Firefox', /(?:Firefox|FxiOS)\/(\d+)/],
    ['Chrome', /(?:Chrome|CriOS)\/(\d+)/],
    ['Safari', /Version\/(\d+).*Safari/],
  ];
  const systems = [
    ['Android', /Android/], ['iOS', /iPhone|iPad|iPod/], ['Windows', /Windows/],
    ['macOS', /Mac OS X|Macintosh/], ['ChromeOS', /CrOS/], ['Linux', /Linux/],
  ];
  let browser = t('ua.unknown');
  for (const [name, pattern] of browsers) {
    const match = pattern.exec(ua);
    if (match) { browser = `${name} ${match[1]}`; break; }
  }
  const system = systems.find(([, pattern]) => pattern.test(ua));
  return system ? t('ua.on', { browser, system: system[0] }) : browser;
}

/** Initials for an avatar: "Lena Fischer" -> "LF". */
export function initials(name) {
  const parts = String(name || '?').trim().split(/\s+/).filter(Boolean);
  const letters = parts.length > 1 ? [parts[0], parts[parts.length - 1]] : parts;
  return letters.map((p) => Array.from(p)[0] || '').join('').toUpperCase() || '?';
}

/** A stable hue for a string, for avatar colours. */
export function hue(text) {
  let hash = 0;
  for (const ch of String(text || '')) hash = (hash * 31 + ch.codePointAt(0)) >>> 0;
  return hash % 360;
}

/** A close's disposition in the console's words ("follow_up" -> "follow-up needed"). */
export function dispositionName(disposition) {
  return ['resolved', 'follow_up', 'spam'].includes(disposition) ? t(`disposition.${disposition}`) : disposition.replace('_', ' ');
}
