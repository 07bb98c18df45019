package io.switchboard.server.api;

/**
 * The body of a download that has a file name: the bytes, sent as they are, and the name the
 * browser saves them under ({@code Content-Disposition: attachment; filename="..."}). The name
 * must be plain ASCII without quotes (such as {@code agent-time-2026-11-01-2026-11-30.csv}).
 *
 * <p>Immutable and thread-safe (the bytes are not copied: do not change them).
 */
public record ApiDownload(String fileName, byte[] bytes) {
  public ApiDownload {
    if (!fileName.matches("[A-Za-z0-9._-]{1,120}")) {
      throw new IllegalArgumentException("unsafe download name: " + fileName);
    }
  }
}
