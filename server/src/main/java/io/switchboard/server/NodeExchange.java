package io.switchboard.server;

import io.switchboard.server.api.ExchangeApi;
import io.switchboard.server.api.ExportApi;
import io.switchboard.server.attachment.AttachmentService;
import io.switchboard.server.exchange.ExchangeJobs;
import io.switchboard.server.store.exchange.ContactImportDao;
import io.switchboard.server.store.exchange.ExchangeJobDao;
import io.switchboard.server.store.exchange.ExportQueries;
import io.switchboard.server.store.exchange.TranscriptImportDao;
import io.switchboard.server.store.exchange.TranscriptRows;
import java.io.IOException;

/**
 * A node's imports and exports: the job runner (files under the data directory's
 * {@code exchange} folder) and its REST routes. Built by {@link NodeServiceDesk}.
 *
 * <p>Thread-safe: its parts are; {@link #close} is called once.
 */
final class NodeExchange implements AutoCloseable {
  private final ExchangeJobs jobs;

  private NodeExchange(ExchangeJobs jobs) {
    this.jobs = jobs;
  }

  static NodeExchange start(NodeServiceDesk.Parts p, AttachmentService attachments)
      throws IOException {
    ContactImportDao contacts = new ContactImportDao(p.jdbi());
    ExchangeJobs jobs = new ExchangeJobs(new ExchangeJobs.Parts(new ExchangeJobDao(p.jdbi()),
        contacts, new TranscriptImportDao(p.jdbi()), new ExportQueries(p.jdbi()), p.audit(),
        p.config().dataDir().resolve("exchange"), p.clock()));
    new ExchangeApi(new ExchangeApi.Parts(jobs, contacts, new TranscriptRows(p.jdbi()),
        attachments, p.access(), p.auth(), p.store())).register(p.api());
    new ExportApi(jobs, p.auth(), p.store()).register(p.api());
    return new NodeExchange(jobs);
  }

  ExchangeJobs jobs() {
    return jobs;
  }

  @Override
  public void close() {
    jobs.close();
  }
}
