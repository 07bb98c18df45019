package io.switchboard.server.store.attachment;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signed download links: {@code /v1/attachments/{id}/content?exp=<epoch seconds>&sig=<HMAC>},
 * where the HMAC-SHA256 of the id and the expiry is keyed with a secret every node shares. A
 * link is handed only to people who may see the attachment; whoever holds it may fetch the file
 * until it expires, and a changed id, expiry or signature is refused.
 *
 * <p>Thread-safe: a {@link Mac} is made per call.
 */
public final class AttachmentLinks {
  /** A link and when it stops working. */
  public record Link(String url, Instant expiresAt) {}

  private final SecretKeySpec key;
  private final Duration ttl;
  private final Clock clock;

  public AttachmentLinks(byte[] secret, Duration ttl, Clock clock) {
    this.key = new SecretKeySpec(secret.clone(), "HmacSHA256");
    this.ttl = ttl;
    this.clock = clock;
  }

  /** A fresh link to the attachment's content. */
  public Link link(UUID id) {
    Instant expires = clock.instant().plus(ttl).plusSeconds(59).truncatedTo(
        java.time.temporal.ChronoUnit.MINUTES);
    long exp = expires.getEpochSecond();
    return new Link("/v1/attachments/" + id + "/content?exp=" + exp + "&sig=" + sign(id, exp),
        expires);
  }

  /** Whether {@code sig} signs {@code id} until {@code exp}, and {@code exp} has not passed. */
  public boolean valid(UUID id, String exp, String sig) {
    if (exp == null || sig == null || !exp.matches("\\d{1,12}")) {
      return false;
    }
    long expiry = Long.parseLong(exp);
    if (clock.instant().getEpochSecond() >= expiry) {
      return false;
    }
    return MessageDigest.isEqual(sign(id, expiry).getBytes(StandardCharsets.US_ASCII),
        sig.getBytes(StandardCharsets.US_ASCII));
  }

  private String sign(UUID id, long exp) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(key);
      byte[] digest = mac.doFinal((id + "|" + exp).getBytes(StandardCharsets.US_ASCII));
      return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException("HmacSHA256 is unavailable", e);
    }
  }
}
