package io.switchboard.server.auth.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.PlainHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import io.switchboard.protocol.ErrorCode;
import io.switchboard.server.store.identity.IdentityKey;
import io.switchboard.server.testing.MutableClock;
import io.switchboard.server.util.SwitchboardException;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.interfaces.ECPrivateKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The identity proofs a host page may send, checked against a site's keys: HMAC signatures,
 * HS256, RS256 and ES256 JWTs; and the forgeries that must fail: a changed field, {@code alg:
 * none}, an algorithm that does not match the key (the HS256-with-the-public-key trick), an
 * unknown {@code kid}, an expired or not-yet-valid token, and an expired key.
 */
class IdentityVerifierTest {
  private static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");
  private static final String SECRET = "s3cr3t-s3cr3t-s3cr3t-s3cr3t-s3cr3t-s3cr3t-x";

  private final MutableClock clock = new MutableClock(NOW);
  private final IdentityVerifier verifier = new IdentityVerifier(clock);
  private final IdentityKey secret = new IdentityKey("site", "k1", IdentityKey.SECRET,
      SECRET.getBytes(StandardCharsets.UTF_8), null, NOW, null);

  @Test
  void anHmacSignatureOverIdEmailAndNameVerifiesAndAnyChangeBreaksIt() {
    String signature = IdentityTestKeys.hmac(SECRET, "u-42\nada@example.com\nAda");
    VerifiedIdentity identity = verifier.verify(
        IdentityProof.signed("u-42", "ada@example.com", "Ada", signature), List.of(secret));
    assertThat(identity).isEqualTo(new VerifiedIdentity("u-42", "ada@example.com", "Ada"));

    assertRefused(IdentityProof.signed("u-43", "ada@example.com", "Ada", signature), secret);
    assertRefused(IdentityProof.signed("u-42", "eve@example.com", "Ada", signature), secret);
    assertRefused(IdentityProof.signed("u-42", "ada@example.com", "Ada", "zz"), secret);
    assertRefused(IdentityProof.signed("u-42", "ada@example.com", "Ada",
        IdentityTestKeys.hmac("another secret of enough length for hmac keys",
            "u-42\nada@example.com\nAda")),
        secret);
  }

  @Test
  void hs256Rs256AndEs256TokensVerifyWithTheirKeys() throws Exception {
    assertThat(verifier.verify(IdentityProof.jwt(token(JWSAlgorithm.HS256, null,
        new MACSigner(SECRET.getBytes(StandardCharsets.UTF_8)), claims())), List.of(secret))
        .userId()).isEqualTo("u-7");

    KeyPair rsa = IdentityTestKeys.rsa();
    IdentityKey rsaKey = publicKey("r1", "RS256", rsa);
    assertThat(verifier.verify(IdentityProof.jwt(token(JWSAlgorithm.RS256, "r1",
        new RSASSASigner(rsa.getPrivate()), claims())), List.of(secret, rsaKey)).email())
        .isEqualTo("u7@example.com");

    KeyPair ec = IdentityTestKeys.ec();
    IdentityKey ecKey = publicKey("e1", "ES256", ec);
    assertThat(verifier.verify(IdentityProof.jwt(token(JWSAlgorithm.ES256, null,
        new ECDSASigner((ECPrivateKey) ec.getPrivate()), claims())), List.of(ecKey)).name())
        .isEqualTo("User Seven");
  }

  @Test
  void forgedTokensAreRefused() throws Exception {
    KeyPair rsa = IdentityTestKeys.rsa();
    IdentityKey rsaKey = publicKey("r1", "RS256", rsa);
    String none = new PlainJWT(new PlainHeader(), claims()).serialize();
    assertRefused(IdentityProof.jwt(none), rsaKey, secret);

    // HS256 "signed" with the RSA public key's PEM text: a key registered for RS256 never
    // verifies an HMAC.
    byte[] pemBytes = rsaKey.publicKey().getBytes(StandardCharsets.UTF_8);
    assertRefused(IdentityProof.jwt(token(JWSAlgorithm.HS256, "r1", new MACSigner(pemBytes),
        claims())), rsaKey);

    assertRefused(IdentityProof.jwt(token(JWSAlgorithm.RS256, "other-kid",
        new RSASSASigner(rsa.getPrivate()), claims())), rsaKey);
    assertRefused(IdentityProof.jwt(token(JWSAlgorithm.RS256, null,
        new RSASSASigner(IdentityTestKeys.rsa().getPrivate()), claims())), rsaKey);
    assertRefused(IdentityProof.jwt("not.a.jwt"), secret);

    JWTClaimsSet expired = new JWTClaimsSet.Builder(claims())
        .expirationTime(Date.from(NOW.minus(Duration.ofMinutes(2)))).build();
    assertRefused(IdentityProof.jwt(token(JWSAlgorithm.RS256, null,
        new RSASSASigner(rsa.getPrivate()), expired)), rsaKey);
    JWTClaimsSet early = new JWTClaimsSet.Builder(claims())
        .notBeforeTime(Date.from(NOW.plus(Duration.ofMinutes(5)))).build();
    assertRefused(IdentityProof.jwt(token(JWSAlgorithm.RS256, null,
        new RSASSASigner(rsa.getPrivate()), early)), rsaKey);
    JWTClaimsSet noSubject = new JWTClaimsSet.Builder(claims()).subject(null).build();
    assertRefused(IdentityProof.jwt(token(JWSAlgorithm.RS256, null,
        new RSASSASigner(rsa.getPrivate()), noSubject)), rsaKey);
  }

  @Test
  void aKeyPastItsExpiryNoLongerVerifiesButItsSuccessorDoes() {
    IdentityKey old = new IdentityKey("site", "old", IdentityKey.SECRET,
        "old-secret-old-secret-old-secret-old-secret".getBytes(StandardCharsets.UTF_8), null,
        NOW, NOW.plus(Duration.ofHours(1)));
    IdentityProof proof = IdentityProof.signed("u-1", null, null,
        IdentityTestKeys.hmac("old-secret-old-secret-old-secret-old-secret", "u-1\n\n"));
    assertThat(verifier.verify(proof, List.of(old, secret)).userId()).isEqualTo("u-1");

    clock.set(NOW.plus(Duration.ofHours(1)));
    assertRefused(proof, old, secret);
    assertThat(verifier.verify(
        IdentityProof.signed("u-1", null, null, IdentityTestKeys.hmac(SECRET, "u-1\n\n")),
        List.of(old, secret)).userId()).isEqualTo("u-1");
  }

  private void assertRefused(IdentityProof proof, IdentityKey... keys) {
    assertThatThrownBy(() -> verifier.verify(proof, List.of(keys)))
        .isInstanceOfSatisfying(SwitchboardException.class, e -> {
          assertThat(e.code()).isEqualTo(ErrorCode.UNAUTHORIZED);
          assertThat(e.getMessage()).isEqualTo("the visitor's identity signature is not valid");
        });
  }

  private static JWTClaimsSet claims() {
    return new JWTClaimsSet.Builder().subject("u-7").claim("email", "u7@example.com")
        .claim("name", "User Seven").issueTime(Date.from(NOW))
        .expirationTime(Date.from(NOW.plus(Duration.ofMinutes(10)))).build();
  }

  private static String token(JWSAlgorithm algorithm, String kid, JWSSigner signer,
      JWTClaimsSet claims) throws Exception {
    SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(algorithm).keyID(kid).build(), claims);
    jwt.sign(signer);
    return jwt.serialize();
  }

  private static IdentityKey publicKey(String id, String kind, KeyPair pair) {
    return new IdentityKey("site", id, kind, null, IdentityTestKeys.pem(pair), NOW, null);
  }
}
