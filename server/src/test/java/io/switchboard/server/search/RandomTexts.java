package io.switchboard.server.search;

import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.regex.Pattern;

/**
 * Randomized Chinese, English and mixed texts and queries for the search's truth tests, and the
 * plain-Java meaning of a match they are checked against: a Latin word as a whole word, anything
 * else anywhere in the text, every word of the query.
 *
 * <p>Not thread-safe (one random source).
 */
final class RandomTexts {
  private static final List<String> ENGLISH = List.of("refund", "order", "orders", "delivery",
      "invoice", "password", "account", "broken", "shipping", "help", "thanks", "late", "price",
      "a1b2");
  private static final List<String> CHINESE = List.of("退款", "订单", "发货", "发票", "密码",
      "账户", "损坏", "快递", "帮助", "谢谢", "价格", "申请退款", "物流信息");
  private static final List<String> FILLER = List.of("我想", "可以吗", "的", "，", "。", "请问",
      "您好");
  private static final Pattern LATIN = Pattern.compile("[a-z0-9]+");

  private final Random random;

  RandomTexts(Random random) {
    this.random = random;
  }

  /** Whether the text holds every word of the query. */
  static boolean matches(String body, String query) {
    return List.of(query.toLowerCase(Locale.ROOT).split("\\s+")).stream()
        .allMatch(word -> holds(body, word));
  }

  /** A Latin word as a whole word, anything else anywhere. */
  private static boolean holds(String body, String word) {
    String lower = body.toLowerCase(Locale.ROOT);
    if (!LATIN.matcher(word).matches()) {
      return lower.contains(word);
    }
    return Pattern.compile("(^|[^a-z0-9])" + word + "([^a-z0-9]|$)").matcher(lower).find();
  }

  /** One to two words, English, Chinese, mixed, or Chinese pairs across word boundaries. */
  String query() {
    return switch (random.nextInt(6)) {
      case 0 -> pick(ENGLISH);
      case 1 -> pick(ENGLISH).toUpperCase(Locale.ROOT) + " " + pick(ENGLISH);
      case 2 -> pick(CHINESE);
      case 3 -> pick(CHINESE) + " " + pick(ENGLISH);
      // Two characters across the boundary of two words, or any pair at all.
      case 4 -> pick(CHINESE).substring(1) + pick(CHINESE).substring(0, 1);
      default -> pick(CHINESE).substring(0, 2) + " " + pick(CHINESE);
    };
  }

  /** A text of three to eight pieces, Chinese (with some English) or English. */
  String body() {
    StringBuilder text = new StringBuilder();
    int pieces = 3 + random.nextInt(6);
    boolean chinese = random.nextBoolean();
    for (int i = 0; i < pieces; i++) {
      if (chinese) {
        text.append(random.nextInt(4) == 0 ? pick(ENGLISH) + " " : "")
            .append(random.nextBoolean() ? pick(FILLER) : "").append(pick(CHINESE));
      } else {
        String word = pick(ENGLISH);
        text.append(random.nextInt(5) == 0 ? word.toUpperCase(Locale.ROOT) : word)
            .append(random.nextInt(4) == 0 ? ", " : " ");
      }
    }
    return text.toString().strip();
  }

  private <T> T pick(List<T> list) {
    return list.get(random.nextInt(list.size()));
  }
}
