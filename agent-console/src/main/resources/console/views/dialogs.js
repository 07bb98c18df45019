// Modal dialogs (native <dialog>: focus stays inside, Escape closes) and toasts.

import { t, language } from '../i18n.js';
import { h, icon, linkify } from '../dom.js';
import { shortTime, duration, dispositionName } from '../format.js';

export function toast(message, kind = 'info') {
  const box = document.getElementById('toasts');
  if (!box) return;
  const item = h('div', { class: `toast ${kind}`, text: message });
  box.append(item);
  setTimeout(() => item.remove(), 5000);
}

/** Opens a modal; `build(close)` returns its body. Resolves when it closes. */
export function modal(title, build, { wide = false, label } = {}) {
  return new Promise((resolve) => {
    const titleId = `dialog-title-${Math.random().toString(36).slice(2)}`;
    const dialog = h('dialog', { class: `dialog${wide ? ' wide' : ''}`, 'aria-labelledby': titleId, 'aria-label': label });
    let result;
    const close = (value) => {
      result = value;
      dialog.close();
    };
    dialog.addEventListener('close', () => {
      dialog.remove();
      resolve(result);
    });
    dialog.append(
      h('div', { class: 'dialog-head' },
        h('h2', { id: titleId, text: title }),
        h('button', { type: 'button', class: 'icon-button', 'aria-label': t('dialog.close'), on: { click: () => close() } }, icon('x'))),
      build(close));
    document.body.append(dialog);
    dialog.showModal();
  });
}

export function openShortcuts() {
  const rows = [
    ['Alt + ↓ / Alt + ↑', t('keys.next')],
    ['Alt + 1 … 9', t('keys.jump')],
    ['Enter', t('keys.send')],
    ['Shift + Enter', t('keys.newline')],
    ['/', t('keys.canned')],
    [t('keys.tabOrEnter'), t('keys.insert')],
    ['Alt + N', t('keys.note')],
    ['Esc', t('keys.escape')],
    ['?', t('keys.help')],
  ];
  return modal(t('keys.title'), () => h('table', { class: 'shortcuts' },
    h('tbody', {}, rows.map(([keys, what]) => h('tr', {}, h('td', {}, h('kbd', { text: keys })), h('td', { text: what }))))));
}

/** Asks for a disposition and tags. Resolves with {disposition, tags} or undefined. */
export function closeDialog(visitorName) {
  return modal(t('close.title'), (close) => {
    const options = ['resolved', 'follow_up', 'spam'].map((value) => [value, t(`close.${value}`), t(`close.${value}.hint`)]);
    const tags = [];
    const tagList = h('ul', { class: 'tag-list', 'aria-label': t('close.tags') });
    const tagInput = h('input', { type: 'text', id: 'close-tags', placeholder: t('close.tagPlaceholder'), autocomplete: 'off' });
    const error = h('p', { class: 'form-error', role: 'alert', hidden: true });
    const renderTags = () => {
      tagList.replaceChildren(...tags.map((tag, i) => h('li', { class: 'tag' }, h('span', { text: tag }),
        h('button', { type: 'button', class: 'tag-remove', 'aria-label': t('close.removeTag', { tag }), on: { click: () => { tags.splice(i, 1); renderTags(); } } }, '×'))));
    };
    const addTag = () => {
      for (const raw of tagInput.value.split(',')) {
        const tag = raw.trim();
        if (!tag) continue;
        if (tag.length > 32) { showError(t('close.tagTooLong')); return false; }
        if (tags.length >= 10) { showError(t('close.tooManyTags')); return false; }
        if (!tags.includes(tag)) tags.push(tag);
      }
      tagInput.value = '';
      error.hidden = true;
      renderTags();
      return true;
    };
    const showError = (text) => { error.textContent = text; error.hidden = false; };
    tagInput.addEventListener('keydown', (e) => {
      if (e.key === 'Enter' || e.key === ',') {
        e.preventDefault();
        addTag();
      }
    });
    return h('form', {
      class: 'dialog-body', on: {
        submit: (e) => {
          e.preventDefault();
          if (tagInput.value.trim() && !addTag()) return;
          const disposition = e.target.querySelector('input[name="disposition"]:checked')?.value;
          close({ disposition, tags: [...tags] });
        },
      },
    },
    h('p', { class: 'muted', text: t('close.question', { name: visitorName }) }),
    h('fieldset', { class: 'choices' }, h('legend', { text: t('close.disposition') }),
      options.map(([value, label, hint], i) => h('label', { class: 'choice' },
        h('input', { type: 'radio', name: 'disposition', value, checked: i === 0 }),
        h('span', {}, h('strong', { text: label }), h('small', { text: hint }))))),
    h('label', { htmlFor: 'close-tags', text: t('close.tagsOptional') }), tagList, tagInput, error,
    h('div', { class: 'dialog-actions' },
      h('button', { type: 'button', class: 'button', text: t('close.cancel'), on: { click: () => close() } }),
      h('button', { type: 'submit', class: 'button primary', text: t('close.submit') })));
  });
}

/** Asks for a transfer target. Resolves with {target: {toAgentId}|{toQueue}, note} or undefined. */
export function transferDialog({ api, me, conversation }) {
  return modal(t('transfer.title'), (close) => {
    const agentSelect = h('select', { id: 'transfer-agent' }, h('option', { value: '', text: t('transfer.loadingAgents') }));
    const queueSelect = h('select', { id: 'transfer-queue' }, h('option', { value: '', text: t('transfer.loadingQueues') }));
    const note = h('textarea', { id: 'transfer-note', rows: '3', placeholder: t('transfer.notePlaceholder') });
    const agentHint = h('p', { class: 'muted small', id: 'transfer-agent-hint', role: 'status', hidden: true });
    const error = h('p', { class: 'form-error', role: 'alert', hidden: true });
    const kindAgent = h('input', { type: 'radio', name: 'kind', value: 'agent', checked: true });
    const kindQueue = h('input', { type: 'radio', name: 'kind', value: 'queue' });
    const sync = () => { agentSelect.disabled = !kindAgent.checked; queueSelect.disabled = !kindQueue.checked; };
    kindAgent.addEventListener('change', sync);
    kindQueue.addEventListener('change', sync);
    sync();
    // Only colleagues who work a queue of the chat's site can take it.
    const queuesLoaded = api.queues();
    Promise.all([api.agents(), queuesLoaded]).then(([agents, queues]) => {
      const own = queues.find((q) => q.id === conversation.queue);
      const siteQueues = new Set(queues.filter((q) => !own || q.siteId === own.siteId).map((q) => q.id));
      const others = agents.filter((a) => a.id !== me.userId && (a.queues || []).some((q) => siteQueues.has(q)));
      agentSelect.replaceChildren(...(others.length ? others.map((a) => h('option', {
        value: a.id, disabled: a.status !== 'online' || a.load >= a.capacity,
        text: t('transfer.agentOption', { name: a.name, status: t(`agentStatus.${a.status}`), load: a.load, capacity: a.capacity }),
      })) : [h('option', { value: '', text: t('transfer.noOtherAgents') })]));
      const firstFree = others.find((a) => a.status === 'online' && a.load < a.capacity);
      if (firstFree) {
        agentSelect.value = firstFree.id;
      } else {
        // Say why the list offers nobody, and offer a queue instead.
        agentHint.textContent = t('transfer.noFreeAgent');
        agentHint.hidden = false;
        kindQueue.checked = true;
        sync();
      }
    }, () => agentSelect.replaceChildren(h('option', { value: '', text: t('transfer.agentsUnavailable') })));
    queuesLoaded.then((queues) => {
      // The chat's own queue is no destination, and neither is another site's queue.
      const own = queues.find((q) => q.id === conversation.queue);
      const others = queues.filter((q) => q.id !== conversation.queue && (!own || q.siteId === own.siteId));
      queueSelect.replaceChildren(...(others.length ? others.map((q) => h('option', { value: q.id, text: t('transfer.queueOption', { name: q.name, waiting: q.waiting, online: q.agentsOnline }) }))
        : [h('option', { value: '', text: t('transfer.noOtherQueue') })]));
    }, () => queueSelect.replaceChildren(h('option', { value: '', text: t('transfer.queuesUnavailable') })));
    return h('form', {
      class: 'dialog-body', on: {
        submit: (e) => {
          e.preventDefault();
          const target = kindAgent.checked ? { toAgentId: agentSelect.value } : { toQueue: queueSelect.value };
          if (!Object.values(target)[0]) {
            error.textContent = t(kindAgent.checked ? 'transfer.chooseAgent' : 'transfer.chooseQueue');
            error.hidden = false;
            return;
          }
          close({ target, note: note.value.trim() || undefined });
        },
      },
    },
    h('fieldset', { class: 'choices inline' }, h('legend', { text: t('transfer.to') }),
      h('label', { class: 'choice' }, kindAgent, h('span', { text: t('transfer.anAgent') })),
      h('label', { class: 'choice' }, kindQueue, h('span', { text: t('transfer.aQueue') }))),
    h('label', { htmlFor: 'transfer-agent', text: t('transfer.agent') }), agentSelect, agentHint,
    h('label', { htmlFor: 'transfer-queue', text: t('transfer.queue') }), queueSelect,
    h('label', { htmlFor: 'transfer-note', text: t('transfer.note') }), note, error,
    h('div', { class: 'dialog-actions' },
      h('button', { type: 'button', class: 'button', text: t('transfer.cancel'), on: { click: () => close() } }),
      h('button', { type: 'submit', class: 'button primary', text: t('transfer.submit') })));
  });
}

/**
 * A past conversation's transcript, loaded over REST. With `hitSeq` (a search hit) the message
 * with that seq is marked and scrolled into view.
 */
export function transcriptDialog(api, summary, visitorName, hitSeq) {
  return modal(t('transcript.title', { when: shortTime(summary.createdAt) }), () => {
    const list = h('ol', { class: 'transcript', 'aria-label': t('transcript.label') }, h('li', { class: 'muted', text: t('transcript.loading') }));
    api.messages(summary.conversationId).then((messages) => {
      if (!messages.length) {
        list.replaceChildren(h('li', { class: 'muted', text: t('transcript.empty') }));
        return;
      }
      list.replaceChildren(...messages.map((m) => h('li', {
        class: `transcript-line ${m.sender?.role === 'visitor' ? 'from-visitor' : 'from-staff'}${m.seq === hitSeq ? ' transcript-hit' : ''}`,
        dataset: { seq: String(m.seq) }, 'aria-current': m.seq === hitSeq ? 'true' : undefined,
        'aria-label': m.seq === hitSeq ? t('transcript.hit') : undefined, tabIndex: m.seq === hitSeq ? -1 : undefined,
      },
        h('div', { class: 'transcript-meta' },
          h('strong', { text: m.sender?.role === 'visitor' ? visitorName : (m.sender?.name || summary.agentName || t('timeline.agent')) }),
          h('time', { datetime: m.at, text: shortTime(m.at) })),
        h('div', { class: 'transcript-text' }, linkify(m.text)))));
      const hit = list.querySelector('.transcript-hit');
      if (hit) {
        hit.scrollIntoView({ block: 'center' });
        hit.focus({ preventScroll: true });
      }
    }, () => list.replaceChildren(h('li', { class: 'form-error', text: t('transcript.failed') })));
    const facts = [
      summary.agentName && t('transcript.agent', { name: summary.agentName }),
      summary.disposition && t('transcript.outcome', { outcome: dispositionName(summary.disposition) }),
      summary.closedAt && t('transcript.closed', { when: shortTime(summary.closedAt) }),
      summary.closedAt && summary.createdAt && t('transcript.duration', { duration: duration((new Date(summary.closedAt) - new Date(summary.createdAt)) / 1000) }),
    ].filter(Boolean);
    return h('div', { class: 'dialog-body' }, h('p', { class: 'muted', text: facts.join(' · ') }),
      transcriptActions(api, summary.conversationId), list);
  }, { wide: true });
}

/** "Download CSV" and "Print" for a transcript (the server renders both, protocol 3.12). */
function transcriptActions(api, id) {
  const csv = async () => {
    try {
      const blob = await api.transcriptCsv(id);
      const { saveBlob } = await import('./exchange-files.js');
      saveBlob(blob, `transcript-${id}.csv`);
    } catch (error) {
      toast(error.message, 'error');
    }
  };
  const print = async () => {
    try {
      const html = await api.transcriptHtml(id, language());
      const frame = h('iframe', { class: 'print-frame', title: t('transcript.print'), hidden: true });
      frame.srcdoc = html;
      frame.addEventListener('load', () => {
        // The console's CSP keeps the page's own <style> from applying inside srcdoc; the same
        // rules go in through the CSSOM, which the policy allows.
        const doc = frame.contentDocument;
        const sheets = [...doc.querySelectorAll('style')].map((style) => {
          const sheet = new frame.contentWindow.CSSStyleSheet();
          sheet.replaceSync(style.textContent);
          return sheet;
        });
        doc.adoptedStyleSheets = sheets;
        frame.contentWindow.print();
        setTimeout(() => frame.remove(), 60000);
      });
      document.body.append(frame);
    } catch (error) {
      toast(error.message, 'error');
    }
  };
  return h('div', { class: 'dialog-actions transcript-actions' },
    h('button', { type: 'button', class: 'button', id: 'transcript-csv', text: t('transcript.downloadCsv'), on: { click: csv } }),
    h('button', { type: 'button', class: 'button', id: 'transcript-print', text: t('transcript.print'), on: { click: print } }));
}
