package io.switchboard.server.exchange;

/**
 * What an import did (or, in a dry run, would do) with one row of the file: {@code created},
 * {@code updated}, {@code unchanged} or {@code refused}, with the row's key and, when refused,
 * the reasons ({@code code: message}, joined by {@code "; "}). Rows count from 1 after the header.
 *
 * <p>Immutable and thread-safe.
 */
public record RowOutcome(int row, String outcome, String key, String reason) {}
