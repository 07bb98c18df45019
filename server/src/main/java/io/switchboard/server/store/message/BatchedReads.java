package io.switchboard.server.store.message;

import io.switchboard.server.store.conversation.Conversation;
import io.switchboard.server.store.message.BulkReadDao.ContactRef;
import io.switchboard.server.store.message.BulkReadDao.Since;
import io.switchboard.server.util.BlockingExecutor;
import io.switchboard.server.util.RequestBatcher;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

/**
 * The per-connection reads, batched: requests that arrive while a read of the same kind runs are
 * answered together by the next statement ({@link RequestBatcher}, {@link BulkReadDao}). One
 * connection alone waits for nothing; a reconnect storm of 19,000 visitors costs a few dozen
 * statements per kind instead of 19,000.
 *
 * <p>Thread-safe: the methods never block and may be called from event loops. Futures complete on
 * a store thread.
 */
public final class BatchedReads {
  /** The most requests one statement answers. */
  static final int MAX_BATCH = 500;

  private final RequestBatcher<Since, List<StoredMessage>> after;
  private final RequestBatcher<Since, ResumePage> resume;
  private final RequestBatcher<ContactRef, Conversation> open;

  /** Reads on {@code store}; message reads return at most {@code pageSize} messages. */
  public BatchedReads(BulkReadDao dao, BlockingExecutor store, int pageSize) {
    this.after = new RequestBatcher<>(store, MAX_BATCH, keys -> dao.afterEach(keys, pageSize));
    this.resume = new RequestBatcher<>(store, MAX_BATCH, keys -> dao.resumePages(keys, pageSize));
    this.open = new RequestBatcher<>(store, MAX_BATCH, dao::openForContacts);
  }

  /** Up to a page of the conversation's messages after {@code afterSeq}, in seq order. */
  public CompletableFuture<List<StoredMessage>> after(UUID conversationId, long afterSeq) {
    return after.submit(new Since(conversationId, afterSeq));
  }

  /** The conversation and up to a page of its messages after {@code afterSeq}; empty if unknown. */
  public CompletableFuture<Optional<ResumePage>> resumePage(UUID conversationId, long afterSeq) {
    return resume.submit(new Since(conversationId, afterSeq)).thenApply(Optional::ofNullable);
  }

  /** The contact's conversation that is not closed, if any. */
  public CompletableFuture<Optional<Conversation>> openForContact(String siteId, UUID contactId) {
    return open.submit(new ContactRef(siteId, contactId)).thenApply(Optional::ofNullable);
  }
}
