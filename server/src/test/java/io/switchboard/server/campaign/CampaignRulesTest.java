package io.switchboard.server.campaign;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.server.store.campaign.Campaign;
import io.switchboard.server.store.campaign.InvitationDao.Seen;
import io.switchboard.server.store.queue.QueueSchedule;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.OptionalInt;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class CampaignRulesTest {
  /** Wednesday 2026-12-02, 10:00 in Shanghai. */
  private static final Clock WEDNESDAY_MORNING =
      Clock.fixed(Instant.parse("2026-12-02T02:00:00Z"), ZoneId.of("UTC"));
  private static final QueueSchedule OFFICE_HOURS = new QueueSchedule(ZoneId.of("Asia/Shanghai"),
      List.of(new QueueSchedule.Slot(DayOfWeek.WEDNESDAY, LocalTime.of(9, 0),
          LocalTime.of(18, 0))), Set.of(), null, false);
  private static final PageVisit PRICING =
      new PageVisit("https://shop.example/pricing?plan=pro", null, "en-GB", 1, 0);

  private static Campaign campaign() {
    return new Campaign(UUID.randomUUID(), "site", "queue", "Pricing help", true, 0, null, 0, 1,
        "any", null, List.of(), false, null, "Need help?", "需要帮助吗？", null, null);
  }

  private static Campaign with(String urlPattern, int seconds, int visits, String visitor,
      String referrer, List<String> languages, boolean hours, Integer capDays) {
    Campaign c = campaign();
    return new Campaign(c.id(), c.siteId(), c.queueId(), c.name(), true, 0, urlPattern, seconds,
        visits, visitor, referrer, languages, hours, capDays, c.messageEn(), c.messageZh(), null,
        null);
  }

  private static OptionalInt delay(Campaign campaign, PageVisit visit) {
    return CampaignRules.delay(campaign, visit, Seen.NEVER, QueueSchedule.alwaysOpen(),
        WEDNESDAY_MORNING.instant());
  }

  @Test
  void aUrlPatternIsAGlobOverTheWholeUrl() {
    assertThat(delay(with("*/pricing*", 0, 1, "any", null, List.of(), false, null), PRICING))
        .hasValue(0);
    assertThat(delay(with("https://shop.example/PRICING*", 0, 1, "any", null, List.of(), false,
        null), PRICING)).as("case-insensitive").hasValue(0);
    assertThat(delay(with("*/checkout", 0, 1, "any", null, List.of(), false, null), PRICING))
        .isEmpty();
    assertThat(delay(with("*/pricing", 0, 1, "any", null, List.of(), false, null), PRICING))
        .as("the query string is part of the URL").isEmpty();
    assertThat(delay(with("*.example/(pricing)*", 0, 1, "any", null, List.of(), false, null),
        PRICING)).as("regex characters are literal").isEmpty();
  }

  @Test
  void timeOnPageIsWhatAMatchStillWaitsFor() {
    Campaign thirtySeconds = with(null, 30, 1, "any", null, List.of(), false, null);
    assertThat(delay(thirtySeconds, PRICING)).hasValue(30);
    assertThat(delay(thirtySeconds, new PageVisit(PRICING.url(), null, "en", 1, 12)))
        .hasValue(18);
    assertThat(delay(thirtySeconds, new PageVisit(PRICING.url(), null, "en", 1, 45)))
        .hasValue(0);
  }

  @Test
  void visitsAndReturningVisitors() {
    PageVisit first = new PageVisit(PRICING.url(), null, "en", 1, 0);
    PageVisit third = new PageVisit(PRICING.url(), null, "en", 3, 0);
    assertThat(delay(with(null, 0, 3, "any", null, List.of(), false, null), first)).isEmpty();
    assertThat(delay(with(null, 0, 3, "any", null, List.of(), false, null), third)).hasValue(0);
    assertThat(delay(with(null, 0, 1, "returning", null, List.of(), false, null), first))
        .isEmpty();
    assertThat(delay(with(null, 0, 1, "returning", null, List.of(), false, null), third))
        .hasValue(0);
    assertThat(delay(with(null, 0, 1, "new", null, List.of(), false, null), first)).hasValue(0);
    assertThat(delay(with(null, 0, 1, "new", null, List.of(), false, null), third)).isEmpty();
  }

  @Test
  void theReferrerMustContainTheText() {
    Campaign fromSearch = with(null, 0, 1, "any", "google.", List.of(), false, null);
    assertThat(delay(fromSearch, PRICING)).as("no referrer").isEmpty();
    assertThat(delay(fromSearch, new PageVisit(PRICING.url(), "https://www.Google.com/search?q=x",
        "en", 1, 0))).hasValue(0);
    assertThat(delay(fromSearch, new PageVisit(PRICING.url(), "https://bing.com/", "en", 1, 0)))
        .isEmpty();
  }

  @Test
  void languagesCompareTheirPrimarySubtag() {
    Campaign chinese = with(null, 0, 1, "any", null, List.of("zh"), false, null);
    assertThat(delay(chinese, new PageVisit(PRICING.url(), null, "zh-CN", 1, 0))).hasValue(0);
    assertThat(delay(chinese, PRICING)).isEmpty();
    assertThat(delay(chinese, new PageVisit(PRICING.url(), null, null, 1, 0))).isEmpty();
    assertThat(chinese.message("zh-CN")).isEqualTo("需要帮助吗？");
    assertThat(chinese.message("en-GB")).isEqualTo("Need help?");
  }

  @Test
  void businessHoursOnlyFollowsTheQueueCalendarOnTheGivenClock() {
    Campaign hours = with(null, 0, 1, "any", null, List.of(), true, null);
    Instant inside = WEDNESDAY_MORNING.instant();
    Instant evening = Clock.offset(WEDNESDAY_MORNING, Duration.ofHours(9)).instant();
    assertThat(CampaignRules.delay(hours, PRICING, Seen.NEVER, OFFICE_HOURS, inside)).hasValue(0);
    assertThat(CampaignRules.delay(hours, PRICING, Seen.NEVER, OFFICE_HOURS, evening)).isEmpty();
    QueueSchedule holiday = new QueueSchedule(OFFICE_HOURS.zone(), OFFICE_HOURS.slots(),
        Set.of(LocalDate.of(2026, 12, 2)), null, false);
    assertThat(CampaignRules.delay(hours, PRICING, Seen.NEVER, holiday, inside)).isEmpty();
    Campaign always = with(null, 0, 1, "any", null, List.of(), false, null);
    assertThat(CampaignRules.delay(always, PRICING, Seen.NEVER, OFFICE_HOURS, evening))
        .as("without the rule, hours do not matter").hasValue(0);
  }

  @Test
  void capsLimitHowOftenOneVisitorSeesIt() {
    Instant now = WEDNESDAY_MORNING.instant();
    Campaign weekly = with(null, 0, 1, "any", null, List.of(), false, 7);
    Campaign once = with(null, 0, 1, "any", null, List.of(), false, null);
    Seen twoDaysAgo = new Seen(now.minus(Duration.ofDays(2)), false);
    Seen eightDaysAgo = new Seen(now.minus(Duration.ofDays(8)), false);
    assertThat(CampaignRules.capAllows(weekly, Seen.NEVER, now)).isTrue();
    assertThat(CampaignRules.capAllows(weekly, twoDaysAgo, now)).isFalse();
    assertThat(CampaignRules.capAllows(weekly, eightDaysAgo, now)).isTrue();
    assertThat(CampaignRules.capAllows(weekly, new Seen(eightDaysAgo.lastShown(), true), now))
        .as("never again after a dismissal").isFalse();
    assertThat(CampaignRules.capAllows(once, eightDaysAgo, now)).as("no cap days: once ever")
        .isFalse();
    assertThat(CampaignRules.delay(weekly, PRICING, twoDaysAgo, QueueSchedule.alwaysOpen(), now))
        .isEmpty();
  }

  @Test
  void aDisabledCampaignNeverMatches() {
    Campaign c = campaign();
    Campaign disabled = new Campaign(c.id(), c.siteId(), c.queueId(), c.name(), false, 0, null,
        0, 1, "any", null, List.of(), false, null, c.messageEn(), c.messageZh(), null, null);
    assertThat(delay(c, PRICING)).hasValue(0);
    assertThat(delay(disabled, PRICING)).isEmpty();
  }
}
