package io.switchboard.protocol;

import java.time.Instant;

/**
 * The keepalive's fast path: every client pings every few seconds, so an idle node spends most of
 * its time on {@code ping} and {@code pong}. The canonical forms, {@code {"type":"ping","id":X}}
 * in and {@code {"type":"pong","id":X,"serverTime":T}} out with an id of characters JSON never
 * escapes, are read and written here without Jackson, giving exactly what Jackson gives (a test
 * compares them); any other form goes through Jackson.
 *
 * <p>Stateless and thread-safe.
 */
final class Keepalive {
  private static final String PING_HEAD = "{\"type\":\"ping\",\"id\":\"";
  private static final String PONG_HEAD = "{\"type\":\"pong\",\"id\":\"";

  private Keepalive() {}

  /** The ping this text is in its canonical form, or null. */
  static ClientMessage.Ping ping(String json) {
    int end = json.length() - 2;
    if (!json.startsWith(PING_HEAD) || end <= PING_HEAD.length() || end - PING_HEAD.length() > 64
        || json.charAt(end) != '"' || json.charAt(end + 1) != '}') {
      return null;
    }
    String id = json.substring(PING_HEAD.length(), end);
    return plain(id) ? new ClientMessage.Ping(id) : null;
  }

  /** The pong's text, or null when its id needs Jackson. */
  static String pong(ServerMessage.Pong pong) {
    if (!plain(pong.id())) {
      return null;
    }
    Instant at = pong.serverTime();
    return PONG_HEAD + pong.id() + "\",\"serverTime\":\"" + InstantFormat.format(at) + "\"}";
  }

  /** Whether the id is letters, digits, '.', '_', ':' or '-' only: no escaping, no surprises. */
  private static boolean plain(String id) {
    for (int i = 0; i < id.length(); i++) {
      char c = id.charAt(i);
      boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
          || c == '.' || c == '_' || c == ':' || c == '-';
      if (!ok) {
        return false;
      }
    }
    return !id.isEmpty();
  }
}
