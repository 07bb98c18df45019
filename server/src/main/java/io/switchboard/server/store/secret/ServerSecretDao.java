package io.switchboard.server.store.secret;

import io.switchboard.server.db.StoreFailures;
import java.security.SecureRandom;
import org.jdbi.v3.core.Jdbi;

/**
 * Secrets that every node of one installation must share, such as the key that signs visitor
 * tokens. The first node to ask creates the secret; the others read the same one.
 *
 * <p>Thread-safe: every call runs on its own pooled connection.
 */
public final class ServerSecretDao {
  private static final SecureRandom RANDOM = new SecureRandom();

  private final Jdbi jdbi;

  public ServerSecretDao(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  /**
   * The secret called {@code name}, created with {@code bytes} random bytes when it does not exist
   * yet. When several nodes race, all of them get the one that was stored first (whatever its
   * length).
   */
  public byte[] getOrCreate(String name, int bytes) {
    if (bytes < 16) {
      throw new IllegalArgumentException("a secret needs at least 16 bytes: " + bytes);
    }
    byte[] candidate = new byte[bytes];
    RANDOM.nextBytes(candidate);
    return StoreFailures.call("load secret", () -> jdbi.withHandle(handle -> {
      handle.createUpdate("""
              INSERT INTO server_secrets (name, secret) VALUES (:name, :secret)
              ON CONFLICT (name) DO NOTHING""")
          .bind("name", name)
          .bind("secret", candidate)
          .execute();
      return handle.createQuery("SELECT secret FROM server_secrets WHERE name = :name")
          .bind("name", name)
          .mapTo(byte[].class)
          .one();
    }));
  }
}
