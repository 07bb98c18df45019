package io.switchboard.server.mail;

import io.switchboard.protocol.ErrorCode;
import io.switchboard.server.util.SwitchboardException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Seals and opens the passwords of IMAP mailboxes with AES-256-GCM under the server's own key
 * (kept in PostgreSQL's server secrets): the stored text is {@code v1:} and the Base64 of a
 * random 12-byte nonce followed by the ciphertext with its tag.
 *
 * <p>Thread-safe: each call makes its own cipher.
 */
public final class MailCredentials {
  private static final String PREFIX = "v1:";
  private static final SecureRandom RANDOM = new SecureRandom();

  private final SecretKeySpec key;

  public MailCredentials(byte[] key) {
    if (key.length != 32) {
      throw new IllegalArgumentException("the mail credential key has 32 bytes");
    }
    this.key = new SecretKeySpec(key, "AES");
  }

  public String seal(String password) {
    try {
      byte[] nonce = new byte[12];
      RANDOM.nextBytes(nonce);
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(128, nonce));
      byte[] sealed = cipher.doFinal(password.getBytes(StandardCharsets.UTF_8));
      return PREFIX + Base64.getEncoder().encodeToString(
          ByteBuffer.allocate(nonce.length + sealed.length).put(nonce).put(sealed).array());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot seal a mailbox password", e);
    }
  }

  public String open(String stored) {
    if (stored == null || !stored.startsWith(PREFIX)) {
      throw new SwitchboardException(ErrorCode.INTERNAL, "mailbox password: not sealed");
    }
    try {
      byte[] all = Base64.getDecoder().decode(stored.substring(PREFIX.length()));
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(128, all, 0, 12));
      return new String(cipher.doFinal(all, 12, all.length - 12), StandardCharsets.UTF_8);
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      throw new SwitchboardException(ErrorCode.INTERNAL,
          "mailbox password: cannot be opened with this server's key");
    }
  }
}
