// The chat's composer: the message box (Enter sends, Shift+Enter adds a line), the attach button,
// the tray of files being uploaded (attach-tray.js; files may also be dropped anywhere on the chat
// or pasted into the box) and the send button. A message with files goes into the outbox only
// once every file is uploaded, with the files' ids; a file that failed holds it back, said in
// words, until it is retried or removed. The tray lives as long as the page and in the site
// storage, so its files survive the composer being drawn again and a reload.

import { t } from './i18n.js';
import { h, icon, ICONS, submitOnEnter } from './dom.js';
import { AttachTray } from './attach-tray.js';

/** Returns composer() (the form, drawn anew with the footer) and bindDropZone(zone). */
export function createChatComposer(ctx) {
  const { state, model, storage, baseUrl } = ctx;
  const tray = new AttachTray('sb-chat', {
    baseUrl,
    token: () => model.token(),
    storage: { load: () => storage.load().tray || [], save: (items) => storage.update({ tray: items }) },
  });
  // Back online: uploads cut off meanwhile start again.
  model.on('connection', ({ state: connectionState }) => {
    if (connectionState === 'open') tray.retryInterrupted();
  });
  let waiting = false; // a message waits for its files' uploads

  function composer() {
    const input = h('textarea', { id: 'sb-input', rows: '1', maxlength: '8000', placeholder: t('chat.placeholder'),
      'aria-label': t('chat.inputLabel'), 'aria-describedby': 'sb-chat-error', dir: 'auto' });
    const send = h('button', { type: 'submit', class: 'sb-send', 'aria-label': t('chat.send'), title: t('chat.send') },
      icon(ICONS.send, { size: 18 }));
    const controls = tray.controls();
    const error = h('p', { class: 'sb-field-error sb-chat-error', id: 'sb-chat-error', role: 'alert' });
    const form = h('form', { class: 'sb-composer-form' }, controls.list, error, controls.status,
      h('div', { class: 'sb-composer' }, controls.input, controls.button, input, send));
    tray.onChange = () => {
      if (!tray.items.some((item) => item.state === 'failed')) error.textContent = '';
    };
    tray.bindPaste(input);
    const resize = () => {
      input.style.height = 'auto';
      input.style.height = Math.min(input.scrollHeight, 120) + 'px';
    };
    input.value = state.draft || '';
    input.addEventListener('input', () => {
      state.draft = input.value;
      model.typing(input.value.trim().length > 0);
      resize();
    });
    submitOnEnter(input, form, () => submit(input.value.trim(), error));
    return form;
  }

  async function submit(text, error) {
    if (waiting || (!text && tray.empty)) return;
    error.textContent = tray.uploading ? t('attach.waiting') : '';
    waiting = true;
    let files;
    try {
      files = await tray.ready();
    } finally {
      waiting = false;
    }
    // The footer may have been drawn again meanwhile: use what is on screen now.
    const input = document.getElementById('sb-input');
    const shownError = document.getElementById('sb-chat-error') || error;
    if (!files) {
      shownError.textContent = t('attach.notUploaded');
      return;
    }
    shownError.textContent = '';
    state.stickToBottom = true;
    if (!model.send(text, files)) return;
    tray.clear();
    if (input && input.value.trim() === text) {
      input.value = '';
      input.style.height = 'auto';
    }
    if (!input || input.value === '') state.draft = '';
    if (input) input.focus();
  }

  /** Files dropped anywhere on the chat go to the tray. */
  function bindDropZone(zone) {
    tray.bindDrop(zone);
  }

  return { composer, bindDropZone, chatTray: tray };
}
