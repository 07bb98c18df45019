package io.switchboard.server.store.user;

import io.switchboard.server.db.StoreFailures;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;

/**
 * A staff member's own settings that follow them to every browser: the console's language.
 *
 * <p>Thread-safe: every call runs on its own pooled connection.
 */
public final class PreferenceDao {
  /** The languages the console speaks. */
  public static final java.util.Set<String> LANGUAGES = java.util.Set.of("en", "zh-CN");

  private final Jdbi jdbi;

  public PreferenceDao(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  /** The console language the user chose, if any. */
  public Optional<String> language(UUID userId) {
    return StoreFailures.call("find preferences", () -> jdbi.withHandle(handle -> handle
        .createQuery("SELECT language FROM user_preferences WHERE user_id = :id")
        .bind("id", userId)
        .mapTo(String.class)
        .findOne()));
  }

  /** Sets the console language ({@code en} or {@code zh-CN}); null goes back to the browser's. */
  public void setLanguage(UUID userId, String language) {
    StoreFailures.run("save preferences", () -> jdbi.useHandle(handle -> handle.createUpdate("""
            INSERT INTO user_preferences (user_id, language) VALUES (:id, :language)
            ON CONFLICT (user_id) DO UPDATE SET language = EXCLUDED.language""")
        .bind("id", userId)
        .bind("language", language)
        .execute()));
  }
}
