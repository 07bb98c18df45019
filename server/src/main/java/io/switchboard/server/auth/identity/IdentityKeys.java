package io.switchboard.server.auth.identity;

import io.switchboard.protocol.ErrorCode;
import io.switchboard.server.store.identity.IdentityKey;
import io.switchboard.server.util.SwitchboardException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.Set;

/**
 * Makes a site's new identity-verification key from an admin's request: a generated shared
 * secret (32 random bytes as 43 URL-safe base64 characters; the host site signs with those
 * characters as the key), or a checked RS256/ES256 public key.
 *
 * <p>Thread-safe: stateless.
 */
public final class IdentityKeys {
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final Set<String> KINDS = Set.of(IdentityKey.SECRET, "RS256", "ES256");

  /** The key to store, and the secret to show once (null for a public key). */
  public record NewKey(IdentityKey key, String secretText) {}

  private IdentityKeys() {}

  /** {@code INVALID_FIELD} naming the field when the request does not make a usable key. */
  public static NewKey newKey(String siteId, String kind, String keyId, String publicKey,
      Clock clock) {
    if (!KINDS.contains(kind)) {
      throw invalid("kind: one of secret, RS256, ES256");
    }
    String id = keyId != null ? keyId : "k" + Long.toString(clock.millis(), 36);
    if (!id.matches("[A-Za-z0-9_.-]{1,64}")) {
      throw invalid("keyId: 1-64 letters, digits, '.', '-' and '_'");
    }
    if (IdentityKey.SECRET.equals(kind)) {
      if (publicKey != null) {
        throw invalid("publicKey: only for RS256 and ES256 keys");
      }
      byte[] random = new byte[32];
      RANDOM.nextBytes(random);
      String text = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
      return new NewKey(new IdentityKey(siteId, id, kind, text.getBytes(StandardCharsets.UTF_8),
          null, clock.instant(), null), text);
    }
    String problem = PublicKeys.problem(publicKey, kind);
    if (problem != null) {
      throw invalid("publicKey: " + problem);
    }
    return new NewKey(new IdentityKey(siteId, id, kind, null, publicKey.strip(), clock.instant(),
        null), null);
  }

  private static SwitchboardException invalid(String message) {
    return new SwitchboardException(ErrorCode.INVALID_FIELD, message);
  }
}
