// What the contact screens share: the lifecycle stages, links to contacts and companies, a
// contact's display name, the stage pill, the tabs above the contact pages, and a refusal of the
// server in the console's words.

import { h } from '../dom.js';
import { t } from '../i18n.js';
import { localMessage } from '../server-messages.js';

export const STAGES = ['visitor', 'lead', 'customer', 'churned'];
export const FIELD_KINDS = ['text', 'number', 'date', 'choice', 'boolean'];

export function contactHref(id) {
  return `#/contacts/${encodeURIComponent(id)}`;
}

export function companyHref(id) {
  return `#/companies/${encodeURIComponent(id)}`;
}

/** The name, else the email or phone, else "Unnamed contact". */
export function contactName(contact) {
  return contact?.name || contact?.email || contact?.phone || t('contact.unnamed');
}

export function stagePill(stage) {
  return h('span', { class: `pill contact-stage stage-${stage}`, text: stageName(stage) });
}

export function stageName(stage) {
  const key = `stage.${stage}`;
  const text = t(key);
  return text === key ? String(stage || '—') : text;
}

const TABS = [
  ['list', '#/contacts'],
  ['leads', '#/contacts/leads'],
  ['duplicates', '#/contacts/duplicates'],
  ['companies', '#/companies'],
];

/** The row of links between the contact screens, the current one marked. */
export function contactTabs(current) {
  return h('nav', { class: 'tab-links contact-tabs', 'aria-label': t('contacts.tabs') },
    TABS.map(([name, href]) => h('a', {
      href, class: 'tab-link', dataset: { section: name }, text: t(`contacts.tab.${name}`),
      'aria-current': name === current ? 'page' : undefined,
    })));
}

/** A refusal from the server: the field it names and what is wrong, in the console's words. */
export function contactProblem(error) {
  if (error?.code === 'network') return t('contact.refused.network');
  if (error?.status === 403 || error?.code === 'forbidden') return t('contact.refused.forbidden');
  if (error?.status === 404 || error?.code === 'not_found') return t('contact.refused.notFound');
  const known = error?.code && t(`contact.error.${error.code}`);
  if (known && known !== `contact.error.${error.code}`) return known;
  return t('contact.refused.other', { message: localMessage(String(error?.message || error?.code || error)) });
}

/** The agents sorted by name, once per minute at most. */
export class AgentChoices {
  constructor(api) {
    this.api = api;
    this.agents = [];
    this.loadedAt = 0;
  }

  async load() {
    if (Date.now() - this.loadedAt < 60000) return this.agents;
    try {
      this.agents = ((await this.api.agents()) || []).slice().sort((a, b) => a.name.localeCompare(b.name));
      this.loadedAt = Date.now();
    } catch {
      // Keep what was read before; the pickers still offer "nobody".
    }
    return this.agents;
  }
}

/** A <select> of agents with a first "nobody"/"anyone" option. */
export function agentOptions(agents, firstLabel, me) {
  return [
    h('option', { value: '', text: firstLabel }),
    me ? h('option', { value: me.userId, text: t('contacts.me', { name: me.name }) }) : null,
    agents.filter((a) => a.id !== me?.userId).map((a) => h('option', { value: a.id, text: a.name })),
  ];
}

/** Each site's contact fields (GET .../contact-fields), read once per page visit and site. */
export class SiteFields {
  constructor(api) {
    this.api = api;
    this.bySite = new Map();
  }

  /** The site's fields in order; none when they cannot be read (the values stay hidden). */
  async of(siteId) {
    if (!siteId) return [];
    if (!this.bySite.has(siteId)) {
      this.bySite.set(siteId, this.api.contactFields(siteId).then((answer) => {
        const list = Array.isArray(answer) ? answer : answer?.fields || [];
        return list.slice().sort((a, b) => (a.position ?? 0) - (b.position ?? 0));
      }, () => {
        this.bySite.delete(siteId);
        return [];
      }));
    }
    return this.bySite.get(siteId);
  }

  forget() {
    this.bySite.clear();
  }
}

/**
 * Reads a list for a view that may ask again before the answer comes: only the latest answer
 * counts (null for an older one, or after showing the refusal in `errorLine`).
 */
export async function latestAnswer(holder, errorLine, call) {
  const seq = (holder.readSeq = (holder.readSeq || 0) + 1);
  try {
    const answer = await call();
    if (seq !== holder.readSeq) return null;
    errorLine.hidden = true;
    return answer || {};
  } catch (error) {
    if (seq === holder.readSeq) {
      errorLine.textContent = t('contacts.loadFailed', { reason: contactProblem(error) });
      errorLine.hidden = false;
    }
    return null;
  }
}

/** Fills an owner filter with the agents, keeping the choice. */
export async function fillOwners(select, agents, me) {
  const chosen = select.value;
  select.replaceChildren(...agentOptions(await agents.load(), t('contacts.filter.any'), me).flat().filter(Boolean));
  select.value = chosen;
}
