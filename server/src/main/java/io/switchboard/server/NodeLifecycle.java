package io.switchboard.server;

import io.switchboard.server.api.LifecycleApi;
import io.switchboard.server.lifecycle.DataLifecycle;
import io.switchboard.server.store.lifecycle.OtherStoreErasure;
import io.switchboard.server.store.lifecycle.PersonalData;
import io.switchboard.server.store.webhook.WebhookOutboxDao;
import java.time.Duration;
import org.jdbi.v3.core.Handle;

/**
 * A node's data lifecycle: the GDPR export and erasure of contacts (which also empties the
 * webhook outbox of the person's events), the sites' retention settings over REST, and the
 * retention job (hourly on every node, one run at a time across the cluster,
 * on the business clock so tests move it).
 *
 * <p>Thread-safe: what it builds is; the returned lifecycle is closed once with the node.
 */
final class NodeLifecycle {
  /** How often each node tries a retention run. */
  static final Duration RETENTION_PERIOD = Duration.ofHours(1);

  private NodeLifecycle() {}

  static DataLifecycle start(NodeServiceDesk.Parts p, NodeAttachments attachments) {
    DataLifecycle lifecycle = new DataLifecycle(new DataLifecycle.Parts(p.jdbi(),
        p.stores().attachments(), attachments.blobs(), p.redis(), p.businessClock()));
    new LifecycleApi(lifecycle, p.auth(), p.store()).register(p.api());
    lifecycle.erasure().alsoErase(new OtherStoreErasure() {
      @Override
      public String name() {
        return "webhook_outbox";
      }

      @Override
      public int erase(Handle handle, PersonalData person) {
        return WebhookOutboxDao.forget(handle, person.contactIds(), person.conversationIds(),
            person.ticketIds());
      }
    });
    lifecycle.start(RETENTION_PERIOD);
    return lifecycle;
  }
}
