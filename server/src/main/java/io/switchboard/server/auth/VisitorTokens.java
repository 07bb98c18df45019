package io.switchboard.server.auth;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Visitor tokens: {@code sbv1.<payload>.<signature>}, where the payload names the site, the
 * contact and the expiry, and the signature is an HMAC-SHA256 with a secret shared by every node
 * through PostgreSQL. Checking one needs no store round trip, so a reconnect storm of visitors
 * costs no database load.
 *
 * <p>A visit pass, {@code sbp1.<payload>.<signature>}, names the same site and contact but is
 * signed over a different message, so neither kind is accepted as the other. The widget's loader
 * keeps it in the host page's storage, where the page's own scripts can read it, so it allows
 * only reporting the page the visitor is on ({@code POST /v1/widget/page-view}): never reading or
 * writing a conversation.
 *
 * <p>Thread-safe: immutable apart from one {@link Mac} per thread (making one per token looked up
 * the security providers each time, which showed in profiles of connection bursts).
 */
public final class VisitorTokens {
  private static final String PREFIX = "sbv1.";
  private static final String PASS_PREFIX = "sbp1.";
  /** What a pass's signature covers before its payload: a visitor token's covers none. */
  private static final String PASS_CONTEXT = "visit-pass|";
  private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
  private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

  /**
   * What a valid token says; {@code verified} when the contact was identified by a signature of
   * the site's own (identity verification).
   */
  public record Claims(String siteId, UUID contactId, long expiresAtEpochSecond, boolean verified) {}

  private final byte[] secret;
  private final Duration lifetime;
  private final Clock clock;
  private final ThreadLocal<Mac> macs = ThreadLocal.withInitial(this::newMac);

  public VisitorTokens(byte[] secret, Duration lifetime, Clock clock) {
    this.secret = secret.clone();
    this.lifetime = lifetime;
    this.clock = clock;
  }

  public String issue(String siteId, UUID contactId) {
    return issue(siteId, contactId, false);
  }

  /** A token for the contact; a verified one carries a fourth field, {@code v}. */
  public String issue(String siteId, UUID contactId, boolean verified) {
    String payload = payload(siteId, contactId, verified);
    return PREFIX + payload + "." + ENCODER.encodeToString(sign(payload));
  }

  /** A visit pass for the contact, valid as long as a visitor token. */
  public String issuePass(String siteId, UUID contactId, boolean verified) {
    String payload = payload(siteId, contactId, verified);
    return PASS_PREFIX + payload + "." + ENCODER.encodeToString(sign(PASS_CONTEXT + payload));
  }

  private String payload(String siteId, UUID contactId, boolean verified) {
    long expires = clock.instant().plus(lifetime).getEpochSecond();
    return ENCODER.encodeToString((siteId + "|" + contactId + "|" + expires
        + (verified ? "|v" : "")).getBytes(StandardCharsets.UTF_8));
  }

  public static boolean looksLikeVisitorToken(String token) {
    return token != null && token.startsWith(PREFIX);
  }

  /** The claims of a well-signed, unexpired token; empty for anything else. */
  public Optional<Claims> verify(String token) {
    return verify(token, PREFIX, "");
  }

  /** The claims of a well-signed, unexpired visit pass; empty for anything else. */
  public Optional<Claims> verifyPass(String pass) {
    return verify(pass, PASS_PREFIX, PASS_CONTEXT);
  }

  private Optional<Claims> verify(String token, String prefix, String context) {
    if (token == null || !token.startsWith(prefix) || token.length() > 512) {
      return Optional.empty();
    }
    String body = token.substring(prefix.length());
    int dot = body.indexOf('.');
    if (dot < 0) {
      return Optional.empty();
    }
    String payload = body.substring(0, dot);
    try {
      byte[] signature = DECODER.decode(body.substring(dot + 1));
      if (!MessageDigest.isEqual(signature, sign(context + payload))) {
        return Optional.empty();
      }
      String[] parts = new String(DECODER.decode(payload), StandardCharsets.UTF_8).split("\\|");
      boolean verified = parts.length == 4 && parts[3].equals("v");
      if (parts.length != 3 && !verified) {
        return Optional.empty();
      }
      long expires = Long.parseLong(parts[2]);
      if (expires < clock.instant().getEpochSecond()) {
        return Optional.empty();
      }
      return Optional.of(new Claims(parts[0], UUID.fromString(parts[1]), expires, verified));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  private byte[] sign(String payload) {
    // doFinal resets the Mac for the next use on the same thread.
    return macs.get().doFinal(payload.getBytes(StandardCharsets.UTF_8));
  }

  private Mac newMac() {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret, "HmacSHA256"));
      return mac;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is not available", e);
    }
  }
}
