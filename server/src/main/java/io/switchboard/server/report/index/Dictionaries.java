package io.switchboard.server.report.index;

import java.util.UUID;

/**
 * The dictionaries of the report index: sites, queues, agents (and assignees), tags, actors who
 * transferred, and the ticket labels (channel, type, priority).
 *
 * <p>Not thread-safe: {@link ReportIndex} guards it with its lock.
 */
final class Dictionaries {
  final Dictionary<String> sites = new Dictionary<>();
  final Dictionary<String> queues = new Dictionary<>();
  final Dictionary<UUID> agents = new Dictionary<>();
  final Dictionary<String> tags = new Dictionary<>();
  final Dictionary<String> actors = new Dictionary<>();
  final Dictionary<String> labels = new Dictionary<>();
}
