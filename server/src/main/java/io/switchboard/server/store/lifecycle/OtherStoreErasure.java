package io.switchboard.server.store.lifecycle;

import org.jdbi.v3.core.Handle;

/**
 * The hook through which stores that the erasure does not list itself remove a person's rows
 * (such as queued webhook deliveries that carry the contact's data). Each one runs inside the
 * erasure's transaction, after the person's own rows are deleted and before the audit entry is
 * written; a failure rolls the whole erasure back.
 *
 * <p>Implementations must be thread-safe.
 */
public interface OtherStoreErasure {
  /** A short name for the erasure's report, such as {@code webhook_outbox}. */
  String name();

  /** Deletes (or blanks) the person's rows on {@code handle}; answers how many rows changed. */
  int erase(Handle handle, PersonalData person);
}
