// The admin page's agents table: each agent's capacity, queue memberships, skills and languages,
// saved per row through PUT /v1/admin/agents/{id}. An online agent's routing changes at once.
// A row holds a checkbox for every queue, so the table shows 25 agents a page, found by name:
// hundreds of agents times hundreds of queues took seconds to draw on every reload.

import { h, replace } from '../dom.js';
import { t } from '../i18n.js';
import { toast } from './dialogs.js';
import { splitList, joinList } from './field-form.js';
import { Pager } from './pager.js';

export const AGENT_ROWS = 25;

export class AgentsPanel {
  constructor(api) {
    this.api = api;
    this.rows = h('tbody');
    this.agents = [];
    this.queues = [];
    this.offset = 0;
    this.find = h('input', { type: 'search', id: 'admin-agent-find', autocomplete: 'off',
      on: { input: () => { this.offset = 0; this.renderPage(); } } });
    this.pager = new Pager('admin-agents', t('agents.pages'), AGENT_ROWS, (offset) => { this.offset = offset; this.renderPage(); });
    this.element = h('section', { class: 'card', 'aria-labelledby': 'admin-agents-title' },
      h('h2', { id: 'admin-agents-title', text: t('agents.title') }),
      h('div', { class: 'field agent-find' }, h('label', { htmlFor: 'admin-agent-find', text: t('agents.find') }), this.find),
      // On a narrow screen the table scrolls sideways in this box, which takes focus to do so.
      h('div', { class: 'table-scroll', tabIndex: 0, role: 'region', 'aria-labelledby': 'admin-agents-title' }, h('table', { class: 'data-table', id: 'admin-agent-table', 'aria-label': t('agents.label') },
        h('thead', {}, h('tr', {},
          h('th', { scope: 'col', text: t('agents.col.agent') }),
          h('th', { scope: 'col', text: t('agents.col.capacity') }),
          h('th', { scope: 'col', text: t('agents.col.queues') }),
          h('th', { scope: 'col', text: t('agents.col.skills') }),
          h('th', { scope: 'col', text: t('agents.col.languages') }),
          h('th', { scope: 'col' }, h('span', { class: 'sr-only', text: t('agents.save') })))),
        this.rows)), this.pager.element);
  }

  /** New agents and queues from the server: the page and the search stay as they were. */
  render(agents, queues) {
    this.agents = agents;
    this.queues = queues;
    this.renderPage();
  }

  renderPage() {
    const words = this.find.value.trim().toLowerCase();
    const found = words ? this.agents.filter((agent) => (agent.name || '').toLowerCase().includes(words))
      : this.agents;
    if (this.offset >= found.length) this.offset = Math.max(0, Math.floor((found.length - 1) / AGENT_ROWS) * AGENT_ROWS);
    const shown = found.slice(this.offset, this.offset + AGENT_ROWS);
    replace(this.rows, shown.length ? shown.map((agent) => this.row(agent, this.queues))
      : h('tr', {}, h('td', { colspan: '6', class: 'muted', text: t(this.agents.length ? 'agents.noMatch' : 'agents.empty') })));
    this.pager.update(this.offset, shown.length, found.length);
  }

  row(agent, queues) {
    const id = `agent-${agent.id}`;
    const field = (key, props) => h('input', {
      id: `${id}-${key}`, 'aria-describedby': `${id}-${key}-error`, autocomplete: 'off', ...props,
    });
    const inputs = {
      capacity: field('capacity', {
        type: 'number', min: '1', max: '100', value: String(agent.capacity ?? 1), class: 'capacity-input',
        'aria-label': t('agents.capacity', { name: agent.name }),
      }),
      skills: field('skills', {
        type: 'text', value: joinList(agent.skills), class: 'words-input',
        'aria-label': t('agents.skills', { name: agent.name }), placeholder: t('agents.skills.placeholder'),
      }),
      languages: field('languages', {
        type: 'text', value: joinList(agent.languages), class: 'words-input',
        'aria-label': t('agents.languages', { name: agent.name }), placeholder: t('agents.languages.placeholder'),
      }),
    };
    const errors = Object.fromEntries(Object.keys(inputs).map((key) =>
      [key, h('p', { class: 'field-error', id: `${id}-${key}-error`, role: 'alert', hidden: true })]));
    const boxes = queues.map((queue) => h('input', {
      type: 'checkbox', value: queue.id, checked: (agent.queues || []).includes(queue.id),
    }));
    // The server names the field it refuses ("skills: ..."); anything else goes under the capacity.
    const fail = (message) => {
      const named = /^(\w+):/.exec(message)?.[1];
      const key = Object.hasOwn(inputs, named) ? named : 'capacity';
      errors[key].textContent = message;
      errors[key].hidden = false;
      inputs[key].setAttribute('aria-invalid', 'true');
      inputs[key].focus();
    };
    const save = async () => {
      for (const key of Object.keys(inputs)) {
        errors[key].hidden = true;
        inputs[key].removeAttribute('aria-invalid');
      }
      const value = Number(inputs.capacity.value);
      if (!Number.isInteger(value) || value < 1 || value > 100) {
        fail(t('error.number', { min: 1, max: 100 }));
        return;
      }
      try {
        await this.api.updateAgent(agent.id, {
          capacity: value, queues: boxes.filter((b) => b.checked).map((b) => b.value),
          skills: splitList(inputs.skills.value), languages: splitList(inputs.languages.value),
        });
        toast(t('agents.saved', { name: agent.name }));
      } catch (e) {
        fail(e.message);
      }
    };
    return h('tr', { dataset: { agent: agent.id } },
      h('th', { scope: 'row' }, h('span', { class: 'agent-name', text: agent.name }), h('span', { class: 'pill', text: t(`role.name.${agent.role}`) })),
      h('td', {}, inputs.capacity, errors.capacity),
      h('td', {}, h('fieldset', { class: 'choices inline wrap' },
        h('legend', { class: 'sr-only', text: t('agents.queues', { name: agent.name }) }),
        queues.map((queue, i) => h('label', { class: 'choice' }, boxes[i], h('span', { text: queue.name }))))),
      h('td', {}, inputs.skills, errors.skills),
      h('td', {}, inputs.languages, errors.languages),
      h('td', { class: 'row-actions' }, h('button', {
        type: 'button', class: 'button', 'aria-label': t('agents.saveLabel', { name: agent.name }),
        on: { click: save },
      }, h('span', { text: t('agents.save') }))));
  }
}
