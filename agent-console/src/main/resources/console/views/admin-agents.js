// The admin page's agents table: each agent's capacity and queue memberships, saved per row
// through PUT /v1/admin/agents/{id}. An online agent's routing changes at once.

import { h, replace } from '../dom.js';
import { t } from '../i18n.js';
import { toast } from './dialogs.js';

export class AgentsPanel {
  constructor(api) {
    this.api = api;
    this.rows = h('tbody');
    this.element = h('section', { class: 'card', 'aria-labelledby': 'admin-agents-title' },
      h('h2', { id: 'admin-agents-title', text: t('agents.title') }),
      h('table', { class: 'data-table', id: 'admin-agent-table', 'aria-label': t('agents.label') },
        h('thead', {}, h('tr', {},
          h('th', { scope: 'col', text: t('agents.col.agent') }),
          h('th', { scope: 'col', text: t('agents.col.capacity') }),
          h('th', { scope: 'col', text: t('agents.col.queues') }),
          h('th', { scope: 'col' }, h('span', { class: 'sr-only', text: t('agents.save') })))),
        this.rows));
  }

  render(agents, queues) {
    replace(this.rows, agents.length ? agents.map((agent) => this.row(agent, queues))
      : h('tr', {}, h('td', { colspan: '4', class: 'muted', text: t('agents.empty') })));
  }

  row(agent, queues) {
    const id = `agent-${agent.id}`;
    const capacity = h('input', {
      type: 'number', id: `${id}-capacity`, min: '1', max: '100', value: String(agent.capacity ?? 1),
      class: 'capacity-input', 'aria-label': t('agents.capacity', { name: agent.name }),
      'aria-describedby': `${id}-error`,
    });
    const boxes = queues.map((queue) => h('input', {
      type: 'checkbox', value: queue.id, checked: (agent.queues || []).includes(queue.id),
    }));
    const error = h('p', { class: 'field-error', id: `${id}-error`, role: 'alert', hidden: true });
    const save = async () => {
      error.hidden = true;
      capacity.removeAttribute('aria-invalid');
      const value = Number(capacity.value);
      if (!Number.isInteger(value) || value < 1 || value > 100) {
        return fail(t('error.number', { min: 1, max: 100 }));
      }
      try {
        await this.api.updateAgent(agent.id, { capacity: value, queues: boxes.filter((b) => b.checked).map((b) => b.value) });
        toast(t('agents.saved', { name: agent.name }));
      } catch (e) {
        fail(e.message);
      }
      return undefined;
    };
    const fail = (message) => {
      error.textContent = message;
      error.hidden = false;
      capacity.setAttribute('aria-invalid', 'true');
    };
    return h('tr', { dataset: { agent: agent.id } },
      h('th', { scope: 'row' }, h('span', { class: 'agent-name', text: agent.name }), h('span', { class: 'pill', text: agent.role })),
      h('td', {}, capacity, error),
      h('td', {}, h('fieldset', { class: 'choices inline wrap' },
        h('legend', { class: 'sr-only', text: t('agents.queues', { name: agent.name }) }),
        queues.map((queue, i) => h('label', { class: 'choice' }, boxes[i], h('span', { text: queue.name }))))),
      h('td', { class: 'row-actions' }, h('button', {
        type: 'button', class: 'button', 'aria-label': t('agents.saveLabel', { name: agent.name }),
        on: { click: save },
      }, h('span', { text: t('agents.save') }))));
  }
}
