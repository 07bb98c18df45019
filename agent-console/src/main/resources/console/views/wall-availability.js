// The wall's availability card: the service's status now (up, down or unknown, from the probes
// of the last minutes, with the time of the last probe) and this month's measured availability
// against the 99.9% target, from GET /v1/availability in the browser's time zone. It refreshes
// every 30 s, however often the wall itself does.

import { h, replace } from '../dom.js';
import { duration, shortTime } from '../format.js';
import { t, language } from '../i18n.js';

const REFRESH_MS = 30_000;
const PILL = { up: 'online', down: 'down', unknown: 'unknown' };

export class AvailabilityPanel {
  constructor(api) {
    this.api = api;
    this.loadedAt = 0;
    this.status = h('span', { class: 'status-pill unknown', id: 'wall-availability-status', text: t('availability.status.unknown') });
    this.lastProbe = h('span', { class: 'muted small', id: 'wall-availability-probe' });
    this.figure = h('span', { class: 'availability-figure', id: 'wall-availability-month' });
    this.details = h('p', { class: 'muted small availability-details', id: 'wall-availability-details' });
    this.error = h('p', { class: 'form-error', role: 'alert', hidden: true });
    this.element = h('section', { class: 'card availability-card', 'aria-labelledby': 'wall-availability-title', lang: language() },
      h('div', { class: 'card-head' }, h('h2', { id: 'wall-availability-title', text: t('availability.title') })),
      this.error,
      h('div', { class: 'availability-row' },
        h('div', { class: 'availability-now', role: 'status' }, this.status, this.lastProbe),
        h('div', { class: 'availability-month' },
          h('span', { class: 'stat-label', text: t('availability.month') }), this.figure, this.details)));
  }

  /** Reloads when the last load is older than the refresh period (or `force`). */
  async refresh(force = false) {
    if (!force && Date.now() - this.loadedAt < REFRESH_MS) return;
    this.loadedAt = Date.now();
    let month;
    try {
      month = await this.api.availability(null, Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC');
    } catch (error) {
      // Agents may not read it; a supervisor's wall simply has no card then.
      this.element.hidden = error.status === 403;
      this.error.textContent = t('availability.failed', { message: error.message });
      this.error.hidden = error.status === 403;
      return;
    }
    this.error.hidden = true;
    this.element.hidden = false;
    this.render(month);
  }

  render(month) {
    const current = month.current || { status: 'unknown' };
    const status = ['up', 'down', 'unknown'].includes(current.status) ? current.status : 'unknown';
    const label = t(`availability.status.${status}`);
    this.status.className = `status-pill ${PILL[status]}`;
    this.status.dataset.status = status;
    this.status.textContent = label;
    this.status.setAttribute('aria-label', t('availability.status.label', { status: label }));
    this.lastProbe.textContent = current.lastProbeAt
      ? t('availability.lastProbe', { time: shortTime(current.lastProbeAt) }) : t('availability.noProbe');
    const measured = month.percent !== null && month.percent !== undefined;
    const percent = measured ? formatPercent(month.percent) : null;
    this.figure.textContent = measured
      ? t('availability.percent', { percent, target: formatPercent(month.targetPercent) }) : t('availability.notMeasured');
    this.figure.classList.toggle('bad', measured && month.percent < month.targetPercent);
    const parts = [t('availability.downtime', { down: duration(month.downSeconds), allowed: duration(month.allowedDownSeconds) })];
    if (month.maintenanceSeconds > 0) parts.push(t('availability.maintenance', { time: duration(month.maintenanceSeconds) }));
    if ((month.incidents || []).length) parts.push(t('availability.incidents', { n: month.incidents.length }));
    replace(this.details, h('span', { text: parts.join(' · ') }));
  }
}

/** 99.9 → "99.9", 99.98765 → "99.988": enough digits to tell it from the target. */
function formatPercent(value) {
  return new Intl.NumberFormat(language(), { maximumFractionDigits: 3 }).format(value);
}
