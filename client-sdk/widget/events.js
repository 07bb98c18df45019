// Model events: what the chat model reports (connection, conversation, messages, queue, agent,
// typing, reads, close, tickets) and how each one updates the views.

import { t } from './i18n.js';

/** Subscribes the views in ctx to the model's events. */
export function bindModelEvents(ctx) {
  const { state, model, chat, show, renderBanner, renderHeader, isNearBottom, placeCommitted, updateSeen,
    postToHost, scrollToBottom, renderOutboxEntry, renderWaiting, addSystemLine, showTyping, renderFooter,
    focusFirst } = ctx;

  model.on('connection', ({ state: connectionState }) => {
    state.connection = connectionState;
    renderBanner();
    if (connectionState === 'failed' && state.view === 'loading') show('unavailable');
  });

  // Whether a chat is going: while one is, the loader starts the frame on every page view.
  function postActive() {
    postToHost({ type: 'active', active: Boolean(model.conversation && model.conversation.status !== 'closed') });
  }

  model.on('ready', ({ conversation }) => {
    postActive();
    if (conversation) {
      if (!['chat', 'offlineThanks', 'tickets', 'ticket'].includes(state.view) && !state.forceOffline) show('chat');
    } else if (state.view === 'loading' || (state.view === 'chat' && !model.conversation)) {
      show('form');
    }
    renderHeader();
    // Connected again (or for the first time): catch up on ticket changes missed meanwhile.
    ctx.loadTickets();
  });

  model.on('ticket', (event) => ctx.onTicketEvent(event));

  model.on('conversation', (conversation) => {
    postActive();
    if (conversation && state.view === 'chat') {
      show('chat');
    } else if (conversation && state.view === 'loading') {
      show('chat');
    } else if (!conversation && state.view === 'chat') {
      show('form');
    }
  });

  model.on('message', ({ message, own }) => {
    if (state.view !== 'chat' || !chat.log) return;
    const stick = own || isNearBottom();
    placeCommitted(message);
    updateSeen();
    if (!own && !state.open) {
      state.unread++;
      postToHost({ type: 'unread', count: state.unread });
    }
    state.stickToBottom = stick;
    scrollToBottom(stick);
    model.markRead();
  });

  model.on('outbox', ({ entry }) => {
    if (state.view !== 'chat') return;
    renderOutboxEntry(entry);
    if (entry.state === 'pending') scrollToBottom(true);
  });

  model.on('queue', (info) => {
    state.queueInfo = info;
    renderWaiting();
    renderHeader();
  });

  model.on('joined', ({ agent }) => {
    state.queueInfo = null;
    renderWaiting();
    renderHeader();
    addSystemLine(t('chat.joined', { name: (agent && agent.name) || t('chat.agentFallback') }));
    scrollToBottom(isNearBottom());
  });

  model.on('transferred', () => {
    renderWaiting();
    renderHeader();
  });

  model.on('typing', ({ active }) => showTyping(active));

  model.on('read', () => updateSeen());

  model.on('resumed', () => {
    renderWaiting();
    renderHeader();
    updateSeen();
  });

  model.on('closed', ({ by }) => {
    postActive();
    showTyping(false);
    state.ending = false;
    if (state.view !== 'chat') return;
    addSystemLine(t(by === 'visitor' ? 'chat.closedByYou' : 'chat.closed'));
    renderWaiting();
    renderHeader();
    renderFooter();
    scrollToBottom(true);
    if (state.open) requestAnimationFrame(focusFirst);
  });
}
