package io.switchboard.server.api;

/**
 * A file a REST reply sends as a download under its own name ({@code Content-Disposition:
 * attachment; filename="..."}); the reply's content type says what it holds. The name must be
 * plain ASCII letters, digits, dots, dashes and underscores (such as
 * {@code agent-time-2026-11-01-2026-11-30.csv}).
 *
 * <p>Immutable; thread-safe as long as nobody changes the bytes (they are not copied).
 */
public record Download(String fileName, byte[] bytes) {
  public Download {
    if (!fileName.matches("[A-Za-z0-9._-]{1,120}")) {
      throw new IllegalArgumentException("unsafe download name: " + fileName);
    }
  }
}
