package io.switchboard.server.backup;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A command line of {@code --name value} pairs, as the backup, restore and drill commands take
 * it: every name must be one of the known ones and have a value.
 *
 * <p>Immutable, thread-safe.
 */
record OptionPairs(Map<String, String> values) {
  OptionPairs {
    values = Map.copyOf(values);
  }

  /** Parses {@code args}; an unknown name or a name without a value is refused. */
  static OptionPairs parse(List<String> args, Set<String> known) {
    Map<String, String> values = new HashMap<>();
    for (int i = 0; i < args.size(); i += 2) {
      String name = args.get(i);
      if (!known.contains(name)) {
        throw new IllegalArgumentException("unknown option " + name);
      }
      if (i + 1 >= args.size()) {
        throw new IllegalArgumentException(name + " needs a value");
      }
      values.put(name, args.get(i + 1));
    }
    return new OptionPairs(values);
  }

  /** The value of {@code name}, or {@code otherwise} when it was not given. */
  String text(String name, String otherwise) {
    return values.getOrDefault(name, otherwise);
  }

  /** The value of {@code name} as an absolute path, or null when it was not given. */
  Path absolutePath(String name) {
    String value = values.get(name);
    return value == null ? null : Path.of(value).toAbsolutePath();
  }
}
