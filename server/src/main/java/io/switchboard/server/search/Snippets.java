package io.switchboard.server.search;

import java.util.ArrayList;
import java.util.List;

/**
 * Cuts the part of a text around the first match of a search and marks every word's matches in
 * it. Offsets count UTF-16 code units, as JavaScript strings do, from the snippet's start; the
 * end is exclusive. Matching ignores case, as the search does.
 *
 * <p>Stateless and thread-safe.
 */
public final class Snippets {
  /** Characters of context kept before the first match. */
  static final int BEFORE = 40;
  /** The longest snippet, in UTF-16 code units (plus the ellipses). */
  static final int LENGTH = 160;
  private static final String ELLIPSIS = "…";

  private Snippets() {}

  /** A snippet and its highlighted ranges. */
  public record Snippet(String text, List<int[]> highlights) {}

  public static Snippet cut(String text, List<String> words) {
    int first = text.length();
    for (String word : words) {
      int at = indexOf(text, word, 0);
      if (at >= 0) {
        first = Math.min(first, at);
      }
    }
    if (first == text.length()) {
      first = 0;
    }
    int start = safe(text, Math.max(0, first - BEFORE));
    int end = safe(text, Math.min(text.length(), start + LENGTH));
    String prefix = start > 0 ? ELLIPSIS : "";
    String body = text.substring(start, end);
    String snippet = prefix + body + (end < text.length() ? ELLIPSIS : "");
    List<int[]> marks = new ArrayList<>();
    for (String word : words) {
      for (int at = indexOf(body, word, 0); at >= 0; at = indexOf(body, word, at + 1)) {
        marks.add(new int[] {prefix.length() + at, prefix.length() + at + word.length()});
      }
    }
    return new Snippet(snippet, merge(marks));
  }

  /** Where {@code word} occurs in {@code text} from {@code from} on, ignoring case; -1 if not. */
  static int indexOf(String text, String word, int from) {
    if (word.isEmpty()) {
      return -1;
    }
    for (int i = from; i + word.length() <= text.length(); i++) {
      if (text.regionMatches(true, i, word, 0, word.length())) {
        return i;
      }
    }
    return -1;
  }

  /** Sorted ranges with overlapping ones joined. */
  static List<int[]> merge(List<int[]> ranges) {
    ranges.sort((a, b) -> a[0] != b[0] ? Integer.compare(a[0], b[0]) : Integer.compare(a[1],
        b[1]));
    List<int[]> merged = new ArrayList<>();
    for (int[] range : ranges) {
      int[] last = merged.isEmpty() ? null : merged.get(merged.size() - 1);
      if (last != null && range[0] <= last[1]) {
        last[1] = Math.max(last[1], range[1]);
      } else {
        merged.add(range.clone());
      }
    }
    return merged;
  }

  /** An index that does not split a surrogate pair. */
  private static int safe(String text, int index) {
    return index > 0 && index < text.length() && Character.isLowSurrogate(text.charAt(index))
        ? index - 1 : index;
  }
}
