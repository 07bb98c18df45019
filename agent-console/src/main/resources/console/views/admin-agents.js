// The admin page's agents table: each agent's capacity, queue memberships, skills and languages,
// saved per row through PUT /v1/admin/agents/{id}. An online agent's routing changes at once.
// The table shows 25 agents a page, found by name, and each row names the agent's queues and
// draws its checkbox per queue only when opened: hundreds of agents times hundreds of queues took
// seconds to draw on every reload (and a minute for axe-core to read).

import { h } from '../dom.js';
import { t } from '../i18n.js';
import { toast } from './dialogs.js';
import { splitList, joinList } from './field-form.js';
import { PagedRows } from './admin-list.js';

export class AgentsPanel {
  constructor(api) {
    this.api = api;
    this.rows = h('tbody');
    this.queues = [];
    this.paged = new PagedRows({ kind: 'agent', strings: 'agents', rows: this.rows, columns: 6,
      draw: (agents) => agents.map((agent) => this.row(agent, this.queues)),
      matches: (agent, words) => (agent.name || '').toLowerCase().includes(words) });
    this.element = h('section', { class: 'card', 'aria-labelledby': 'admin-agents-title' },
      h('h2', { id: 'admin-agents-title', text: t('agents.title') }),
      this.paged.findField,
      // On a narrow screen the table scrolls sideways in this box, which takes focus to do so.
      h('div', { class: 'table-scroll', tabIndex: 0, role: 'region', 'aria-labelledby': 'admin-agents-title' }, h('table', { class: 'data-table', id: 'admin-agent-table', 'aria-label': t('agents.label') },
        h('thead', {}, h('tr', {},
          h('th', { scope: 'col', text: t('agents.col.agent') }),
          h('th', { scope: 'col', text: t('agents.col.capacity') }),
          h('th', { scope: 'col', text: t('agents.col.queues') }),
          h('th', { scope: 'col', text: t('agents.col.skills') }),
          h('th', { scope: 'col', text: t('agents.col.languages') }),
          h('th', { scope: 'col' }, h('span', { class: 'sr-only', text: t('agents.save') })))),
        this.rows)), this.paged.pager.element);
  }

  /** New agents and queues from the server: the page and the search stay as they were. */
  render(agents, queues) {
    this.queues = queues;
    this.paged.show(agents);
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
    const picker = queuePicker(agent, queues);
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
          capacity: value, queues: picker.chosen(),
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
      h('td', {}, picker.element),
      h('td', {}, inputs.skills, errors.skills),
      h('td', {}, inputs.languages, errors.languages),
      h('td', { class: 'row-actions' }, h('button', {
        type: 'button', class: 'button', 'aria-label': t('agents.saveLabel', { name: agent.name }),
        on: { click: save },
      }, h('span', { text: t('agents.save') }))));
  }
}

/**
 * The agent's queues as a disclosure: closed, the names of the queues the agent is in; opened
 * (the first time), a checkbox per queue. `chosen()` answers the ticked queues, or the agent's
 * queues as they were while it was never opened.
 */
function queuePicker(agent, queues) {
  const member = new Set(agent.queues || []);
  const names = h('span', { class: 'queue-names' });
  const showNames = () => {
    names.textContent = queues.filter((queue) => member.has(queue.id)).map((queue) => queue.name).join(', ') || t('agents.noQueues');
  };
  showNames();
  let boxes = null;
  const fieldset = h('fieldset', { class: 'choices inline wrap' },
    h('legend', { class: 'sr-only', text: t('agents.queues', { name: agent.name }) }));
  const element = h('details', { class: 'queue-picker' },
    h('summary', {}, h('span', { class: 'sr-only', text: `${t('agents.queues', { name: agent.name })}: ` }), names), fieldset);
  element.addEventListener('toggle', () => {
    if (!element.open || boxes) return;
    boxes = queues.map((queue) => h('input', {
      type: 'checkbox', value: queue.id, checked: member.has(queue.id),
      on: { change: (e) => { member[e.target.checked ? 'add' : 'delete'](queue.id); showNames(); } },
    }));
    fieldset.append(...queues.map((queue, i) => h('label', { class: 'choice' }, boxes[i], h('span', { text: queue.name }))));
  });
  return { element, chosen: () => [...member] };
}
