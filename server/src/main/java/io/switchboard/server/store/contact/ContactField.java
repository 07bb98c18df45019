package io.switchboard.server.store.contact;

import java.util.List;

/**
 * A custom attribute an admin defines for a site's contacts: its key, labels in English and
 * Chinese, its kind ({@code text}, {@code number}, {@code date}, {@code choice},
 * {@code boolean}) and, for a choice, the allowed values in display order.
 *
 * <p>Immutable and thread-safe.
 */
public record ContactField(String key, String labelEn, String labelZh, String kind,
    List<String> choices) {
  public ContactField {
    choices = choices == null ? List.of() : List.copyOf(choices);
  }
}
