package io.switchboard.server.store.campaign;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * One proactive campaign of a site: its rule, its message in English and Chinese, who it comes
 * from, and the queue a reply starts its conversation in.
 *
 * @param urlPattern a glob over the page URL ({@code *} for any characters); null: every page
 * @param visitor {@code any}, {@code new} or {@code returning}
 * @param referrerContains text the referrer must contain, case-insensitive; null: any referrer
 * @param languages primary language subtags ({@code en}, {@code zh}); empty: every language
 * @param capDays at most once per this many days for one visitor; null: once ever
 * @param senderId the agent the message comes from; null: the team
 *
 * <p>Immutable and thread-safe.
 */
public record Campaign(UUID id, String siteId, String queueId, String name, boolean enabled,
    int priority, String urlPattern, int minSecondsOnPage, int minVisits, String visitor,
    String referrerContains, List<String> languages, boolean businessHoursOnly, Integer capDays,
    String messageEn, String messageZh, UUID senderId, Instant updatedAt) {
  public Campaign {
    languages = List.copyOf(languages);
  }

  /** The message in the visitor's language: Chinese for any {@code zh} tag, else English. */
  public String message(String language) {
    return language != null && language.toLowerCase(java.util.Locale.ROOT).startsWith("zh")
        ? messageZh : messageEn;
  }
}
