package io.switchboard.server.auth.identity;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.switchboard.protocol.ErrorCode;
import io.switchboard.server.store.identity.IdentityKey;
import io.switchboard.server.util.SwitchboardException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Checks a host page's proof of who its visitor is against the site's active keys: an
 * HMAC-SHA256 signature compared in constant time, or a JWT signed HS256 (shared secret), RS256
 * or ES256 (public key). {@code alg: none}, any other algorithm and an algorithm that does not
 * match the key's kind are refused; a JWT's {@code kid} picks the key, and it needs {@code sub}
 * and an {@code exp} not in the past. Every refusal gives the same message, so a forger learns
 * nothing from it.
 *
 * <p>Thread-safe: stateless apart from the injected clock.
 */
public final class IdentityVerifier {
  /** Clock difference tolerated between the host site and Switchboard. */
  static final Duration SKEW = Duration.ofSeconds(60);
  private static final String REFUSED = "the visitor's identity signature is not valid";
  private static final Map<JWSAlgorithm, String> KIND = Map.of(
      JWSAlgorithm.HS256, IdentityKey.SECRET, JWSAlgorithm.RS256, "RS256",
      JWSAlgorithm.ES256, "ES256");

  private final Clock clock;

  public IdentityVerifier(Clock clock) {
    this.clock = clock;
  }

  /** The identity the proof establishes; {@code UNAUTHORIZED} when it establishes none. */
  public VerifiedIdentity verify(IdentityProof proof, List<IdentityKey> keys) {
    Instant now = clock.instant();
    List<IdentityKey> active = keys.stream().filter(key -> key.activeAt(now)).toList();
    if (active.isEmpty()) {
      throw new SwitchboardException(ErrorCode.UNAUTHORIZED,
          "this site has no identity verification key");
    }
    return proof.token() != null ? verifyJwt(proof.token(), active, now)
        : verifyHmac(proof, active);
  }

  private static VerifiedIdentity verifyHmac(IdentityProof proof, List<IdentityKey> keys) {
    VerifiedIdentity identity = new VerifiedIdentity(proof.userId(), proof.email(), proof.name());
    byte[] given;
    try {
      given = HexFormat.of().parseHex(proof.signature() == null ? "" : proof.signature());
    } catch (IllegalArgumentException e) {
      throw refused();
    }
    byte[] text = proof.signedText().getBytes(StandardCharsets.UTF_8);
    boolean matched = false;
    for (IdentityKey key : keys) {
      if (IdentityKey.SECRET.equals(key.kind())) {
        // Every key is tried, matched or not, so the time taken does not say which one matched.
        matched |= MessageDigest.isEqual(hmac(key.secret(), text), given);
      }
    }
    if (!matched) {
      throw refused();
    }
    return identity;
  }

  private static VerifiedIdentity verifyJwt(String token, List<IdentityKey> keys, Instant now) {
    SignedJWT jwt;
    JWTClaimsSet claims;
    try {
      jwt = SignedJWT.parse(token);
      claims = jwt.getJWTClaimsSet();
    } catch (ParseException e) {
      throw refused(); // alg "none" tokens are not JWS and land here too
    }
    String kind = KIND.get(jwt.getHeader().getAlgorithm());
    String kid = jwt.getHeader().getKeyID();
    if (kind == null) {
      throw refused();
    }
    boolean verified = false;
    for (IdentityKey key : keys) {
      if (kind.equals(key.kind()) && (kid == null || kid.equals(key.keyId()))) {
        verified = verified || verifies(jwt, key);
      }
    }
    if (!verified || !inTime(claims, now)) {
      throw refused();
    }
    try {
      return new VerifiedIdentity(claims.getSubject(), claims.getStringClaim("email"),
          claims.getStringClaim("name"));
    } catch (ParseException e) {
      throw new SwitchboardException(ErrorCode.INVALID_FIELD,
          "identity: email and name must be strings");
    }
  }

  private static boolean verifies(SignedJWT jwt, IdentityKey key) {
    try {
      JWSVerifier verifier = switch (key.kind()) {
        case IdentityKey.SECRET -> new MACVerifier(key.secret());
        case "RS256" -> new RSASSAVerifier((RSAPublicKey) PublicKeys.parse(key.publicKey(), "RSA"));
        case "ES256" -> new ECDSAVerifier((ECPublicKey) PublicKeys.parse(key.publicKey(), "EC"));
        default -> null;
      };
      return verifier != null && jwt.verify(verifier);
    } catch (JOSEException | GeneralSecurityException | ClassCastException e) {
      return false;
    }
  }

  private static boolean inTime(JWTClaimsSet claims, Instant now) {
    Date expires = claims.getExpirationTime();
    Date notBefore = claims.getNotBeforeTime();
    return claims.getSubject() != null && expires != null
        && expires.toInstant().plus(SKEW).isAfter(now)
        && (notBefore == null || !notBefore.toInstant().minus(SKEW).isAfter(now));
  }

  static byte[] hmac(byte[] secret, byte[] text) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret, "HmacSHA256"));
      return mac.doFinal(text);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is not available", e);
    }
  }

  private static SwitchboardException refused() {
    return new SwitchboardException(ErrorCode.UNAUTHORIZED, REFUSED);
  }
}
