package io.switchboard.server.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Staff session tokens: {@code sba1.} followed by 32 random bytes. Only their SHA-256 is stored
 * (server-side, so a token can be revoked on every node at once).
 *
 * <p>Stateless and thread-safe.
 */
public final class AgentTokens {
  private static final String PREFIX = "sba1.";
  private static final SecureRandom RANDOM = new SecureRandom();

  private AgentTokens() {}

  public static String newToken() {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  public static boolean looksLikeAgentToken(String token) {
    return token != null && token.startsWith(PREFIX) && token.length() < 128;
  }

  public static byte[] hash(String token) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is not available", e);
    }
  }
}
