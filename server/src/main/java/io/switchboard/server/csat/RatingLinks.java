package io.switchboard.server.csat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The signed links of rating requests: a token holding the ticket id and the link's expiry,
 * signed with HMAC-SHA256 under a secret every node of the installation shares. A token whose
 * signature does not match is refused as invalid; one past its expiry (by the injected clock) as
 * expired. Nothing is stored per link.
 *
 * <p>Thread-safe: immutable; each check makes its own {@link Mac}.
 */
public final class RatingLinks {
  /** How long a rating request's link stays valid. */
  public static final Duration VALIDITY = Duration.ofDays(14);

  /** What a token says: {@code ticketId} and {@code expiresAt} are null unless it is valid. */
  public record Check(Status status, UUID ticketId, Instant expiresAt) {}

  /** A token is valid, was altered or made up, or has expired. */
  public enum Status { VALID, INVALID, EXPIRED }

  private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
  private static final Base64.Decoder DECODER = Base64.getUrlDecoder();
  private static final int PAYLOAD_BYTES = 24;

  private final byte[] secret;
  private final Clock clock;

  public RatingLinks(byte[] secret, Clock clock) {
    this.secret = secret.clone();
    this.clock = clock;
  }

  /** A token for rating {@code ticketId}, valid for {@link #VALIDITY} from now. */
  public String token(UUID ticketId) {
    Instant expires = clock.instant().plus(VALIDITY);
    ByteBuffer payload = ByteBuffer.allocate(PAYLOAD_BYTES)
        .putLong(ticketId.getMostSignificantBits()).putLong(ticketId.getLeastSignificantBits())
        .putLong(expires.getEpochSecond());
    byte[] bytes = payload.array();
    return ENCODER.encodeToString(bytes) + "." + ENCODER.encodeToString(sign(bytes));
  }

  /** The expiry a token made now carries. */
  public Instant expiryOfNew() {
    return Instant.ofEpochSecond(clock.instant().plus(VALIDITY).getEpochSecond());
  }

  public Check check(String token) {
    Check invalid = new Check(Status.INVALID, null, null);
    if (token == null || token.length() > 200) {
      return invalid;
    }
    int dot = token.indexOf('.');
    byte[] payload;
    byte[] signature;
    try {
      payload = DECODER.decode(token.substring(0, Math.max(0, dot)));
      signature = DECODER.decode(token.substring(dot + 1));
    } catch (IllegalArgumentException e) {
      return invalid;
    }
    if (dot < 1 || payload.length != PAYLOAD_BYTES
        || !MessageDigest.isEqual(sign(payload), signature)) {
      return invalid;
    }
    ByteBuffer read = ByteBuffer.wrap(payload);
    UUID ticketId = new UUID(read.getLong(), read.getLong());
    Instant expires = Instant.ofEpochSecond(read.getLong());
    if (!clock.instant().isBefore(expires)) {
      return new Check(Status.EXPIRED, null, null);
    }
    return new Check(Status.VALID, ticketId, expires);
  }

  private byte[] sign(byte[] payload) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret, "HmacSHA256"));
      mac.update("ticket-rating\n".getBytes(StandardCharsets.US_ASCII));
      return mac.doFinal(payload);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is missing", e);
    }
  }
}
