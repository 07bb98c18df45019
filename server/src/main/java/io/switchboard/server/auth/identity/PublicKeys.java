package io.switchboard.server.auth.identity;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECParameterSpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;

/**
 * Reads PEM public keys ({@code -----BEGIN PUBLIC KEY-----}, X.509 SubjectPublicKeyInfo) for
 * RS256 (RSA, at least 2048 bits) and ES256 (EC on P-256).
 *
 * <p>Thread-safe: stateless.
 */
final class PublicKeys {
  private static final int MIN_RSA_BITS = 2048;
  private static final int P256_FIELD_BITS = 256;

  private PublicKeys() {}

  /** The key, of {@code algorithm} {@code RSA} or {@code EC}; fails for anything else. */
  static PublicKey parse(String pem, String algorithm) throws GeneralSecurityException {
    if (pem == null) {
      throw new GeneralSecurityException("no key");
    }
    String base64 = pem.replaceAll("-----(BEGIN|END) PUBLIC KEY-----", "").replaceAll("\\s", "");
    byte[] der;
    try {
      der = Base64.getDecoder().decode(base64);
    } catch (IllegalArgumentException e) {
      throw new GeneralSecurityException("not base64", e);
    }
    return KeyFactory.getInstance(algorithm).generatePublic(new X509EncodedKeySpec(der));
  }

  /**
   * Checks that {@code pem} is a usable key for {@code kind} (RS256 or ES256); the message says
   * what is wrong.
   */
  static String problem(String pem, String kind) {
    try {
      PublicKey key = parse(pem, "RS256".equals(kind) ? "RSA" : "EC");
      if (key instanceof java.security.interfaces.RSAPublicKey rsa
          && rsa.getModulus().bitLength() < MIN_RSA_BITS) {
        return "an RSA key needs at least " + MIN_RSA_BITS + " bits";
      }
      if (key instanceof ECPublicKey ec) {
        ECParameterSpec params = ec.getParams();
        if (params.getCurve().getField().getFieldSize() != P256_FIELD_BITS) {
          return "an ES256 key must be on the P-256 curve";
        }
      }
      return null;
    } catch (GeneralSecurityException e) {
      return "not a PEM " + ("RS256".equals(kind) ? "RSA" : "EC") + " public key";
    }
  }
}
