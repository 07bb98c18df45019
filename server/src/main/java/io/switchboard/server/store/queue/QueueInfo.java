package io.switchboard.server.store.queue;

import java.util.Objects;

/**
 * A queue (department) of a site. Higher {@code priority} queues are served first.
 *
 * <p>Immutable and thread-safe.
 */
public record QueueInfo(String id, String siteId, String name, int priority) {
  public QueueInfo {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(siteId, "siteId");
    Objects.requireNonNull(name, "name");
  }
}
