// The invitation bubble, shown while the chat is closed: the iframe "peeks" above the launcher
// at the bubble's size. The text is announced politely; Reply opens the chat with the invitation
// in the pre-chat form; the close button or Esc dismisses it (the server never shows that
// campaign to this visitor again).

import { h, icon, ICONS } from './dom.js';
import { t } from './i18n.js';

/** The bubble's DOM, outside the chat's own #app; `reply` and `dismiss` are the actions. */
export function createInvitationView(ctx, { reply, dismiss }) {
  const sender = h('p', { class: 'sb-invite-sender' });
  const text = h('p', { class: 'sb-invite-text' });
  const live = h('div', { 'aria-live': 'polite', 'aria-atomic': 'true' }, sender, text);
  const replyButton = h('button', { type: 'button', class: 'sb-primary sb-invite-reply',
    on: { click: () => reply() } });
  const closeButton = h('button', { type: 'button', class: 'sb-icon-btn sb-invite-close',
    on: { click: () => dismiss() } }, icon(ICONS.close, { size: 18 }));
  const bubble = h('section', { class: 'sb-invite', id: 'sb-invite', hidden: true,
    on: { keydown: (event) => {
      if (event.key === 'Escape') {
        event.preventDefault();
        event.stopPropagation();
        dismiss();
      }
    } } }, closeButton, live, replyButton);
  document.body.append(bubble);
  // The host sizes the peeking frame to the bubble, which wraps anew at the frame's width.
  const resized = () => {
    if (!bubble.hidden) ctx.postToHost({ type: 'peek', height: Math.ceil(bubble.getBoundingClientRect().height) + 4 });
  };
  if (window.ResizeObserver) new ResizeObserver(resized).observe(bubble);

  function show(invitation) {
    bubble.setAttribute('aria-label', t('invite.label'));
    closeButton.setAttribute('aria-label', t('invite.dismiss'));
    closeButton.title = t('invite.dismiss');
    replyButton.textContent = t('invite.reply');
    sender.textContent = '';
    text.textContent = '';
    bubble.hidden = false;
    document.body.classList.add('sb-peek');
    // Filled after the region is on screen, so screen readers announce the change.
    requestAnimationFrame(() => {
      sender.textContent = invitation.sender || t('invite.team');
      text.textContent = invitation.text;
      resized();
    });
  }

  function hide() {
    if (bubble.hidden) return;
    bubble.hidden = true;
    document.body.classList.remove('sb-peek');
    ctx.postToHost({ type: 'unpeek' });
  }

  return { show, hide, visible: () => !bubble.hidden };
}
