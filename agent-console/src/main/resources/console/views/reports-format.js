// Formatting of report figures in the console's language: counts, rates as percentages, scores,
// and durations in seconds as "1 h 5 min" / "1小时5分". A missing figure (null) shows as a dash.

import { t, language } from '../i18n.js';

const formats = new Map();

function numberFormat(options) {
  const key = `${language()}|${JSON.stringify(options)}`;
  if (!formats.has(key)) formats.set(key, new Intl.NumberFormat(language(), options));
  return formats.get(key);
}

const missing = (value) => value === null || value === undefined || Number.isNaN(value);

/** A count: "1,234" / "1,234". */
export function count(value) {
  return missing(value) ? t('reports.empty') : numberFormat({ maximumFractionDigits: 0 }).format(value);
}

/** A rate 0..1 as a percentage with at most one decimal: "87.5%". */
export function rate(value) {
  return missing(value) ? t('reports.empty') : numberFormat({ style: 'percent', maximumFractionDigits: 1 }).format(value);
}

/** A score or an average of counts with up to two decimals: "4.25". */
export function decimal(value) {
  return missing(value) ? t('reports.empty') : numberFormat({ maximumFractionDigits: 2 }).format(value);
}

/** Seconds as the two largest units: "45 s", "1 min 35 s", "1 h 5 min", "2 d 3 h". */
export function seconds(value) {
  if (missing(value) || value < 0) return t('reports.empty');
  const s = Math.round(value);
  if (s < 60) return t('reports.dur.s', { s });
  if (s < 3600) return t('reports.dur.ms', { m: Math.floor(s / 60), s: s % 60 });
  if (s < 86400) return t('reports.dur.hm', { h: Math.floor(s / 3600), m: Math.floor((s % 3600) / 60) });
  return t('reports.dur.dh', { d: Math.floor(s / 86400), h: Math.floor((s % 86400) / 3600) });
}

/** The formatter for a unit of the definitions table (seconds, count, rate, score). */
export function byUnit(unit) {
  return { seconds, count, rate, score: decimal }[unit] || decimal;
}
