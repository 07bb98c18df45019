package io.switchboard.server.config;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A TLS certificate chain and its private key read from PEM files: the chain leaf first, the key
 * unencrypted PKCS#8 ({@code BEGIN PRIVATE KEY}; RSA, EC or Ed25519). Reading checks that the key
 * belongs to the leaf certificate, and every failure names the file and says what is wrong.
 *
 * <p>Immutable and thread-safe.
 *
 * @param key the private key
 * @param chain the certificates, the server's own first
 */
public record PemCredentials(PrivateKey key, List<X509Certificate> chain) {
  private static final Pattern PRIVATE_KEY = Pattern.compile(
      "-----BEGIN ([A-Z ]*)PRIVATE KEY-----([A-Za-z0-9+/=\\s]+)-----END \\1PRIVATE KEY-----");

  /** A PEM file that cannot be used, with a message naming it. */
  public static final class PemException extends Exception {
    PemException(String message) {
      super(message);
    }
  }

  public PemCredentials {
    chain = List.copyOf(chain);
  }

  /** The server's own certificate. */
  public X509Certificate leaf() {
    return chain.getFirst();
  }

  /** Reads and checks the two files. */
  public static PemCredentials read(Path certificateFile, Path keyFile) throws PemException {
    List<X509Certificate> chain = certificates(certificateFile);
    PrivateKey key = privateKey(keyFile);
    if (!belongTogether(key, chain.getFirst())) {
      throw new PemException(keyFile + " is not the private key of the certificate in "
          + certificateFile + " (" + chain.getFirst().getSubjectX500Principal() + ")");
    }
    return new PemCredentials(key, chain);
  }

  private static List<X509Certificate> certificates(Path file) throws PemException {
    try {
      byte[] bytes = Files.readAllBytes(file);
      List<X509Certificate> chain = CertificateFactory.getInstance("X.509")
          .generateCertificates(new ByteArrayInputStream(bytes)).stream()
          .map(X509Certificate.class::cast).toList();
      if (chain.isEmpty()) {
        throw new PemException(file + " holds no certificate (expected -----BEGIN CERTIFICATE-----)");
      }
      return chain;
    } catch (IOException e) {
      throw new PemException(file + " cannot be read: " + e.getMessage());
    } catch (GeneralSecurityException e) {
      throw new PemException(file + " is not a PEM certificate: " + e.getMessage());
    }
  }

  private static PrivateKey privateKey(Path file) throws PemException {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.US_ASCII);
    } catch (IOException e) {
      throw new PemException(file + " cannot be read: " + e.getMessage());
    }
    Matcher pem = PRIVATE_KEY.matcher(text);
    if (!pem.find()) {
      throw new PemException(file + " holds no private key (expected -----BEGIN PRIVATE KEY-----)");
    }
    if (!pem.group(1).isEmpty()) {
      throw new PemException(file + " holds a " + pem.group(1).trim() + " private key; convert it"
          + " to unencrypted PKCS#8 with: openssl pkcs8 -topk8 -nocrypt -in KEY -out KEY.pk8");
    }
    byte[] der = Base64.getMimeDecoder().decode(pem.group(2));
    for (String algorithm : List.of("RSA", "EC", "Ed25519", "RSASSA-PSS")) {
      try {
        return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
      } catch (GeneralSecurityException e) {
        // Not this algorithm: try the next.
      }
    }
    throw new PemException(file + " holds a private key that is not RSA, EC or Ed25519");
  }

  /** Whether a signature made with {@code key} verifies with the certificate's public key. */
  private static boolean belongTogether(PrivateKey key, X509Certificate certificate) {
    String algorithm = switch (key.getAlgorithm()) {
      case "RSA" -> "SHA256withRSA";
      case "EC" -> "SHA256withECDSA";
      case "EdDSA", "Ed25519" -> "Ed25519";
      default -> null;
    };
    if (algorithm == null) {
      return true; // RSASSA-PSS: the TLS handshake itself will tell.
    }
    try {
      byte[] challenge = new byte[32];
      new SecureRandom().nextBytes(challenge);
      Signature signer = Signature.getInstance(algorithm);
      signer.initSign(key);
      signer.update(challenge);
      byte[] signature = signer.sign();
      Signature verifier = Signature.getInstance(algorithm);
      verifier.initVerify(certificate.getPublicKey());
      verifier.update(challenge);
      return verifier.verify(signature);
    } catch (GeneralSecurityException e) {
      return false;
    }
  }
}
