package io.switchboard.server.store.exchange;

import java.time.Instant;
import java.util.UUID;

/**
 * One import or export job as stored: its kind, state ({@code running}, {@code done},
 * {@code failed}), progress, counts by outcome (JSON), per-row report (JSON, imports), file names
 * and who started it when.
 *
 * <p>Immutable and thread-safe.
 */
public record ExchangeJob(UUID id, String kind, String state, boolean dryRun, String siteId,
    UUID startedBy, int rowsTotal, int rowsDone, String counts, String report, String resultFile,
    String refusedFile, String error, Instant createdAt, Instant finishedAt) {}
