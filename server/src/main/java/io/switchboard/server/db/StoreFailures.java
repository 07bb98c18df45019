package io.switchboard.server.db;

import io.switchboard.protocol.ErrorCode;
import io.switchboard.server.util.SwitchboardException;
import java.sql.SQLException;
import java.util.concurrent.Callable;

/**
 * Turns what JDBC, Jdbi and the pool throw into {@link SwitchboardException}s, so that a store
 * failure never looks like a success and callers see one kind of error.
 *
 * <p>A broken constraint is the caller's mistake and maps to a domain code: a duplicate key to
 * {@link ErrorCode#CONFLICT}, a missing referenced row to {@link ErrorCode#NOT_FOUND}, a rejected
 * value to {@link ErrorCode#INVALID_FIELD}. Anything else (refused or lost connections, pool and
 * socket timeouts, serialization failures, an unexpected SQL error) is {@link
 * ErrorCode#UNAVAILABLE}: nothing was stored and the same command may be retried.
 *
 * <p>Stateless and thread-safe.
 */
public final class StoreFailures {
  private StoreFailures() {}

  /** Runs {@code work}, translating every failure it throws. */
  public static <T> T call(String what, Callable<T> work) {
    try {
      return work.call();
    } catch (SwitchboardException e) {
      throw e;
    } catch (Exception e) {
      throw translate(what, e);
    }
  }

  /** Runs {@code work} that returns nothing, translating every failure it throws. */
  public static void run(String what, Runnable work) {
    call(what, () -> {
      work.run();
      return null;
    });
  }

  /** The domain exception for a failure that happened while doing {@code what}. */
  public static SwitchboardException translate(String what, Throwable failure) {
    if (failure instanceof SwitchboardException domain) {
      return domain;
    }
    String state = sqlState(failure);
    if (state != null) {
      switch (state) {
        case "23505":
          return new SwitchboardException(ErrorCode.CONFLICT, what + ": already exists", failure);
        case "23503":
          return new SwitchboardException(
              ErrorCode.NOT_FOUND, what + ": a referenced record does not exist", failure);
        case "23502", "23514", "22001", "22021", "22P02":
          return new SwitchboardException(
              ErrorCode.INVALID_FIELD, what + ": a value was rejected", failure);
        default:
          break;
      }
    }
    return new SwitchboardException(
        ErrorCode.UNAVAILABLE, what + ": the database is unavailable", failure);
  }

  /** The SQLSTATE of the first {@link SQLException} in the cause chain, or null. */
  public static String sqlState(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof SQLException sql && sql.getSQLState() != null) {
        return sql.getSQLState();
      }
      if (t.getCause() == t) {
        break;
      }
    }
    return null;
  }
}
