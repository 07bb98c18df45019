// The supervisor's "Assign…" dialog for one waiting conversation: an online agent (those who can
// take it now listed first) or another queue of the site, and an optional note for staff. It
// calls POST /v1/conversations/{id}/transfer and stays open with the server's reason when the
// assignment is refused, so the supervisor can pick someone else.

import { h } from '../dom.js';
import { t } from '../i18n.js';
import { modal } from './dialogs.js';

/**
 * Opens the dialog. `waiting` is a row of GET /v1/queues/{id}/waiting plus its `name`, `queue`
 * the wall's row of its queue, `queues` every queue on the wall. Resolves with {toAgent, name}
 * (the agent's or the queue's name) once the server accepted, or undefined when cancelled.
 */
export function assignDialog({ api, waiting, queue, queues }) {
  return modal(t('assign.title', { name: waiting.name }), (close) => {
    const agentSelect = h('select', { id: 'assign-agent', autofocus: true, 'aria-describedby': 'assign-error' },
      h('option', { value: '', text: t('assign.loading') }));
    const others = queues.filter((q) => q.siteId === queue.siteId && q.id !== queue.id);
    const queueSelect = h('select', { id: 'assign-queue', 'aria-describedby': 'assign-error' },
      others.length ? others.map((q) => h('option', { value: q.id, text: q.name || q.id }))
        : h('option', { value: '', text: t('assign.noQueues') }));
    const note = h('textarea', { id: 'assign-note', rows: '2', maxlength: '2000' });
    const error = h('p', { class: 'form-error', id: 'assign-error', role: 'alert', hidden: true });
    const toAgent = h('input', { type: 'radio', name: 'assign-kind', value: 'agent', checked: true });
    const toQueue = h('input', { type: 'radio', name: 'assign-kind', value: 'queue' });
    const submit = h('button', { type: 'submit', class: 'button primary', text: t('assign.submit') });
    const sync = () => {
      agentSelect.disabled = !toAgent.checked;
      queueSelect.disabled = !toQueue.checked;
    };
    toAgent.addEventListener('change', sync);
    toQueue.addEventListener('change', sync);
    sync();
    const names = new Map();
    api.agents().then((agents) => {
      agents.forEach((a) => names.set(a.id, a.name));
      const ready = agents.filter((a) => canTake(a, queue, waiting.language));
      const rest = agents.filter((a) => !ready.includes(a));
      const option = (a) => h('option', {
        value: a.id, text: t('assign.option', { name: a.name, status: a.status, load: a.load ?? 0, capacity: a.capacity ?? 0 }),
      });
      agentSelect.replaceChildren(...(agents.length ? [
        ready.length ? h('optgroup', { label: t('assign.eligible') }, ready.map(option)) : null,
        rest.length ? h('optgroup', { label: t('assign.others') }, rest.map(option)) : null,
      ].filter(Boolean) : [h('option', { value: '', text: t('assign.noAgents') })]));
    }, (e) => showError(e.message));

    const showError = (message) => {
      error.textContent = message;
      error.hidden = false;
    };
    const send = async () => {
      const target = toAgent.checked ? { toAgentId: agentSelect.value } : { toQueue: queueSelect.value };
      if (!Object.values(target)[0]) {
        showError(t('assign.choose'));
        return;
      }
      error.hidden = true;
      submit.disabled = true;
      try {
        await api.transfer(waiting.conversationId, { ...target, note: note.value.trim() || undefined });
        close(target.toAgentId ? { toAgent: true, name: names.get(target.toAgentId) || target.toAgentId }
          : { toAgent: false, name: others.find((q) => q.id === target.toQueue)?.name || target.toQueue });
      } catch (e) {
        // 409 carries the reason (offline, full, a missing skill); anything else its message.
        showError(t('assign.refused', { reason: e.message }));
        (toAgent.checked ? agentSelect : queueSelect).focus();
      } finally {
        submit.disabled = false;
      }
    };
    return h('form', { class: 'dialog-body assign-form', novalidate: true, on: { submit: (e) => { e.preventDefault(); send(); } } },
      h('fieldset', { class: 'choices inline' }, h('legend', { text: t('assign.to') }),
        h('label', { class: 'choice' }, toAgent, h('span', { text: t('assign.agent') })),
        h('label', { class: 'choice' }, toQueue, h('span', { text: t('assign.queue') }))),
      h('label', { htmlFor: 'assign-agent', text: t('assign.agentSelect') }), agentSelect,
      h('label', { htmlFor: 'assign-queue', text: t('assign.queueSelect') }), queueSelect,
      h('label', { htmlFor: 'assign-note', text: t('assign.note') }), note, error,
      h('div', { class: 'dialog-actions' },
        h('button', { type: 'button', class: 'button', text: t('assign.cancel'), on: { click: () => close() } }),
        submit));
  });
}

/**
 * Whether the agent looks able to take the conversation now, by the rules the server applies:
 * online with room, a member of the queue, every required skill and, when the queue lists the
 * visitor's language, speaking it. Only for ordering the list; the server decides.
 */
export function canTake(agent, queue, language) {
  if (agent.status !== 'online' || (agent.load ?? 0) >= (agent.capacity ?? 0)) return false;
  if (!(agent.queues || []).includes(queue.id)) return false;
  const skills = agent.skills || [];
  if (!(queue.skills || []).every((skill) => skills.includes(skill))) return false;
  const primary = (tag) => String(tag).split('-')[0].toLowerCase();
  const wanted = language ? primary(language) : null;
  if (!wanted || !(queue.languages || []).map(primary).includes(wanted)) return true;
  return (agent.languages || []).map(primary).includes(wanted);
}
