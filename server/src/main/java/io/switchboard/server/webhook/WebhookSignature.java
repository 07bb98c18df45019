package io.switchboard.server.webhook;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The signature of a delivery: HMAC-SHA256 with the webhook's secret over
 * {@code timestamp + "." + body}, sent as {@code Switchboard-Signature: t=<unix seconds>,v1=<hex>}.
 * A receiver recomputes it over the raw body and compares in constant time, and refuses old
 * timestamps (replays).
 *
 * <p>Stateless and thread-safe.
 */
public final class WebhookSignature {
  /** The header that carries the signature. */
  public static final String HEADER = "Switchboard-Signature";

  private WebhookSignature() {}

  /** The header's value for this body sent at {@code epochSeconds}. */
  public static String header(String secret, long epochSeconds, String body) {
    return "t=" + epochSeconds + ",v1=" + hex(secret, epochSeconds, body);
  }

  /** The hex HMAC-SHA256 of {@code epochSeconds + "." + body} under {@code secret}. */
  public static String hex(String secret, long epochSeconds, String body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return HexFormat.of().formatHex(
          mac.doFinal((epochSeconds + "." + body).getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException("HMAC-SHA256 is not available", e);
    }
  }

  /** Whether {@code header} is a valid signature of {@code body} under {@code secret}. */
  public static boolean verify(String secret, String header, String body) {
    long timestamp = -1;
    String given = null;
    for (String part : header == null ? new String[0] : header.split(",")) {
      String[] pair = part.trim().split("=", 2);
      if (pair.length == 2 && pair[0].equals("t")) {
        try {
          timestamp = Long.parseLong(pair[1]);
        } catch (NumberFormatException e) {
          return false;
        }
      } else if (pair.length == 2 && pair[0].equals("v1")) {
        given = pair[1];
      }
    }
    if (timestamp < 0 || given == null) {
      return false;
    }
    return MessageDigest.isEqual(hex(secret, timestamp, body).getBytes(StandardCharsets.UTF_8),
        given.getBytes(StandardCharsets.UTF_8));
  }
}
