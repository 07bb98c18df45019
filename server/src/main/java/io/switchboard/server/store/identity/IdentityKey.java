package io.switchboard.server.store.identity;

import java.time.Instant;
import java.util.Objects;

/**
 * One of a site's identity-verification keys: a shared secret (HMAC-SHA256 signatures and HS256
 * JWTs) or a public key in PEM (RS256 or ES256 JWTs).
 *
 * <p>Immutable and thread-safe (the secret is copied in and out).
 *
 * @param siteId the site
 * @param keyId the key's name, also the JWT {@code kid} that selects it
 * @param kind {@code secret}, {@code RS256} or {@code ES256}
 * @param secret the shared secret; null for a public key
 * @param publicKey the PEM public key; null for a secret
 * @param createdAt when it was added
 * @param expiresAt when it stops being accepted; null for no end
 */
public record IdentityKey(String siteId, String keyId, String kind, byte[] secret,
    String publicKey, Instant createdAt, Instant expiresAt) {
  public static final String SECRET = "secret";

  public IdentityKey {
    Objects.requireNonNull(siteId, "siteId");
    Objects.requireNonNull(keyId, "keyId");
    Objects.requireNonNull(kind, "kind");
    secret = secret == null ? null : secret.clone();
  }

  @Override
  public byte[] secret() {
    return secret == null ? null : secret.clone();
  }

  /** Whether the key is accepted at {@code now}. */
  public boolean activeAt(Instant now) {
    return expiresAt == null || now.isBefore(expiresAt);
  }
}
