package io.switchboard.server.apikey;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * API key secrets: {@code sbk_} followed by 32 random bytes in base64url (43 characters). The
 * secret is shown once; only its SHA-256 is stored (the secret is random enough that a slow hash
 * adds nothing).
 *
 * <p>Stateless and thread-safe.
 */
public final class ApiKeySecrets {
  public static final String PREFIX = "sbk_";
  /** How many characters of a secret the key list shows to tell keys apart. */
  static final int SHOWN = PREFIX.length() + 6;
  private static final SecureRandom RANDOM = new SecureRandom();

  private ApiKeySecrets() {}

  static String newSecret() {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  /** Whether a bearer token is meant as an API key (whether it is one, the store decides). */
  public static boolean looksLikeKey(String token) {
    return token != null && token.startsWith(PREFIX) && token.length() < 128;
  }

  static byte[] hash(String secret) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is not available", e);
    }
  }
}
