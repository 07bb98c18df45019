package io.switchboard.server.exchange;

import java.util.List;

/**
 * One conversation of a transcript file as written there, every value still text: the source's
 * id, the contact (external id, email, name), queue, agent (staff email or a display name),
 * channel, start and close times (ISO-8601), disposition, tags and its messages.
 *
 * <p>Immutable and thread-safe.
 */
public record TranscriptDraft(String id, String contactExternalId, String contactEmail,
    String contactName, String queue, String agent, String channel, String started,
    String closed, String disposition, List<String> tags, List<Line> lines) {
  public TranscriptDraft {
    tags = List.copyOf(tags);
    lines = List.copyOf(lines);
  }

  /** One message: author {@code visitor}, {@code agent} or {@code system}, time, text. */
  public record Line(String author, String authorName, String at, String text) {}
}
