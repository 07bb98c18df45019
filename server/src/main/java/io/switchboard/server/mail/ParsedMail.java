package io.switchboard.server.mail;

import java.util.List;
import java.util.Map;

/**
 * A mail as Jakarta Mail parsed it: who sent it to whom, the threading headers, its text and
 * HTML bodies, the headers that tell an automatic mail apart, and its attachment parts.
 *
 * <p>Immutable and thread-safe (the attachment bytes are not copied: do not change them).
 *
 * @param messageId the Message-ID without angle brackets; null when the mail has none
 * @param fromAddress the sender's address in lower case; null when it has none
 * @param references the Message-IDs of {@code In-Reply-To} and {@code References}, without
 *     brackets, the direct parent first
 * @param text the {@code text/plain} body; null when the mail has only HTML
 * @param html the {@code text/html} body as sent (not sanitized); null when none
 * @param headers the loop-relevant headers by lower-case name (first value each)
 * @param report whether the mail is a {@code multipart/report} (a delivery status notice)
 * @param parts attachments and inline images
 */
public record ParsedMail(String messageId, String fromAddress, String fromName,
    List<String> recipients, String subject, List<String> references, String text, String html,
    Map<String, String> headers, boolean report, List<MailPart> parts) {

  public ParsedMail {
    recipients = List.copyOf(recipients);
    references = List.copyOf(references);
    headers = Map.copyOf(headers);
    parts = List.copyOf(parts);
  }

  /** A header's first value, by any case of its name; null when absent. */
  public String header(String name) {
    return headers.get(name.toLowerCase(java.util.Locale.ROOT));
  }
}
