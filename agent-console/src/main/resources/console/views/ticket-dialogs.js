// The ticket dialogs: a new ticket (or a phone call as a new ticket), logging a call on a ticket,
// a ticket from a chat, and the merge confirmation. Problems the server names by field are shown
// next to that field (field-form.js), others under the form.

import { h } from '../dom.js';
import { t } from '../i18n.js';
import { modal } from './dialogs.js';
import { FieldForm } from './field-form.js';
import { PRIORITIES, TYPES, say, refusal } from './ticket-common.js';

const options = (values, group) => values.map((value) => [value, say(group, value)]);

/** The fields of a phone call (POST .../calls), without the caller for a new ticket's call. */
function callFields(withCaller) {
  const now = new Date(Date.now() - new Date().getTimezoneOffset() * 60000).toISOString().slice(0, 16);
  return [
    withCaller ? { key: 'caller', label: t('call.caller'), type: 'text', required: true, max: 100 } : null,
    { key: 'direction', label: t('call.direction'), type: 'select', options: [['inbound', t('call.inbound')], ['outbound', t('call.outbound')]], initial: 'inbound' },
    { key: 'startedAt', label: t('call.startedAt'), type: 'datetime-local', required: true, initial: now },
    { key: 'minutes', label: t('call.minutes'), type: 'number', min: 0, max: 1440, required: true, aliases: ['durationSeconds'] },
    { key: 'seconds', label: t('call.seconds'), type: 'number', min: 0, max: 59, optional: true },
    { key: 'outcome', label: t('call.outcome'), hint: t('call.outcome.hint'), type: 'text', required: true, max: 200 },
    { key: 'summary', label: t('call.summary'), type: 'textarea', required: true, max: 20000 },
  ].filter(Boolean);
}

function callBody(values, caller) {
  return {
    caller: values.caller || caller,
    direction: values.direction,
    startedAt: new Date(values.startedAt).toISOString(),
    durationSeconds: (values.minutes || 0) * 60 + (values.seconds || 0),
    summary: values.summary,
    outcome: values.outcome,
  };
}

/**
 * A dialog around a FieldForm: `send(values)` resolves with what the dialog resolves with;
 * `problem(error)` words a refusal that names no field.
 */
export function formDialog(title, idPrefix, fields, submitLabel, send, { wide = true, problem = refusal } = {}) {
  return modal(title, (close) => {
    const form = new FieldForm(idPrefix, fields);
    const initial = Object.fromEntries(fields.filter((f) => f.initial !== undefined).map((f) => [f.key, f.initial]));
    form.set(initial);
    const submit = h('button', { type: 'submit', class: 'button primary', id: `${idPrefix}-submit`, text: submitLabel });
    return h('form', {
      class: 'dialog-body', id: `${idPrefix}-form`, novalidate: true, on: {
        submit: async (e) => {
          e.preventDefault();
          const values = form.values();
          if (!values) return;
          submit.disabled = true;
          try {
            close(await send(values));
          } catch (error) {
            if (error?.status === 400) form.showServerError(error);
            else form.showServerError(problem(error));
          } finally {
            submit.disabled = false;
          }
        },
      },
    }, form.element, form.formError,
    h('div', { class: 'dialog-actions' },
      h('button', { type: 'button', class: 'button', text: t('dialog.cancel'), on: { click: () => close() } }), submit));
  }, { wide });
}

/** A new ticket, or (phone) a phone call as a new ticket. Resolves with the ticket. */
export async function createTicketDialog({ api, context, phone }) {
  await context.load();
  const queues = context.queues.map((q) => [q.id, q.name]);
  const fields = [
    { key: 'queue', label: t('newTicket.queue'), type: 'select', options: queues, required: true, initial: queues[0]?.[0] },
    { key: 'subject', label: t('newTicket.subject'), type: 'text', required: true, max: 200 },
    { key: 'name', label: t('newTicket.name'), type: 'text', max: 100 },
    { key: 'email', label: t('newTicket.email'), type: 'email' },
    { key: 'phone', label: t('newTicket.phone'), type: 'text' },
    { key: 'type', label: t('newTicket.type'), type: 'select', options: options(TYPES, 'type'), initial: 'question' },
    { key: 'priority', label: t('newTicket.priority'), type: 'select', options: options(PRIORITIES, 'priority'), initial: 'normal' },
    phone ? null : { key: 'body', label: t('newTicket.body'), hint: t('newTicket.body.hint'), type: 'textarea', max: 20000 },
    ...(phone ? callFields(false) : []),
  ].filter(Boolean);
  return formDialog(t(phone ? 'newTicket.callTitle' : 'newTicket.title'), 'new-ticket', fields, t('newTicket.create'), (values) => {
    const requester = {};
    for (const key of ['name', 'email', 'phone']) if (values[key]) requester[key] = values[key];
    const body = { queue: values.queue, subject: values.subject, type: values.type, priority: values.priority };
    if (Object.keys(requester).length) body.requester = requester;
    if (phone) {
      body.channel = 'phone';
      body.call = callBody(values, values.name || values.phone || t('call.unknownCaller'));
    } else if (values.body) body.body = values.body;
    return api.createTicket(body);
  });
}

/** Logs a phone call on a ticket. Resolves with {entry, ticket}. */
export function logCallDialog({ api, ticket }) {
  const fields = callFields(true);
  fields[0].initial = ticket.requester?.name || '';
  return formDialog(t('call.title', { number: ticket.number }), 'call', fields, t('call.submit'),
    (values) => api.logCall(ticket.id, callBody(values)));
}

/** A ticket made from a chat. Resolves with the ticket. */
export async function ticketFromChatDialog({ api, conversation, context }) {
  await context.load();
  const own = context.queues.find((q) => q.id === conversation.queue);
  const queues = context.queues.filter((q) => !own || q.siteId === own.siteId).map((q) => [q.id, q.name]);
  const fields = [
    { key: 'subject', label: t('newTicket.subject'), type: 'text', required: true, max: 200, initial: t('chatTicket.subject', { name: conversation.visitorName }) },
    { key: 'type', label: t('newTicket.type'), type: 'select', options: options(TYPES, 'type'), initial: 'question' },
    { key: 'priority', label: t('newTicket.priority'), type: 'select', options: options(PRIORITIES, 'priority'), initial: 'normal' },
    { key: 'queue', label: t('newTicket.queue'), type: 'select', options: queues, initial: conversation.queue },
    { key: 'note', label: t('chatTicket.note'), hint: t('chatTicket.note.hint'), type: 'textarea', max: 8000 },
  ];
  return formDialog(t('chatTicket.title'), 'chat-ticket', fields, t('newTicket.create'), (values) => {
    const body = { subject: values.subject, type: values.type, priority: values.priority };
    if (values.queue) body.queue = values.queue;
    if (values.note) body.note = values.note;
    return api.ticketFromChat(conversation.id, body);
  }, { wide: false });
}

/** Asks whether to merge `source` into `target`. Resolves true when confirmed. */
export function confirmMerge(source, target) {
  return modal(t('merge.title'), (close) => h('div', { class: 'dialog-body' },
    h('p', { text: t('merge.question', { from: source.number, into: target.number }) }),
    h('p', { class: 'muted', text: target.subject }),
    h('div', { class: 'dialog-actions' },
      h('button', { type: 'button', class: 'button', text: t('dialog.cancel'), on: { click: () => close(false) } }),
      h('button', { type: 'button', class: 'button primary', id: 'merge-confirm', text: t('merge.confirm'), on: { click: () => close(true) } }))));
}
