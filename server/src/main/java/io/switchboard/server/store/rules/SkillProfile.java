package io.switchboard.server.store.rules;

import io.switchboard.protocol.LanguageTag;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Skills and languages: those a queue requires, or those an agent has. Skills are lower-case
 * words; languages are language tags ({@code en}, {@code zh-CN}), of which routing compares only
 * the primary subtag. Both lists are sorted and free of duplicates.
 *
 * <p>Immutable and thread-safe.
 */
public record SkillProfile(List<String> skills, List<String> languages) {
  /** No skills and no languages: a queue without requirements, an agent without skills. */
  public static final SkillProfile NONE = new SkillProfile(List.of(), List.of());

  public SkillProfile {
    skills = skills == null ? List.of() : skills.stream().distinct().sorted().toList();
    languages = languages == null ? List.of() : languages.stream().distinct().sorted().toList();
  }

  /** The primary subtags of the languages, lower case ({@code zh} for {@code zh-CN}). */
  public Set<String> primaryLanguages() {
    Set<String> primary = new LinkedHashSet<>();
    languages.forEach(tag -> primary.add(LanguageTag.primary(tag)));
    return primary;
  }
}
