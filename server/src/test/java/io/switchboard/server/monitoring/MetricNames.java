package io.switchboard.server.monitoring;

import java.util.List;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The metric names a Prometheus rule file or a Grafana dashboard refers to: every identifier in
 * them that starts like one of the node's families.
 *
 * <p>Stateless.
 */
final class MetricNames {
  private static final Pattern NAME = Pattern.compile(
      "\\b((?:switchboard|jvm|process|system|hikaricp|lettuce)_[a-zA-Z0-9_]+)\\b");

  private MetricNames() {}

  static List<String> referencedIn(String text) {
    TreeSet<String> names = new TreeSet<>();
    Matcher matcher = NAME.matcher(text);
    while (matcher.find()) {
      names.add(matcher.group(1));
    }
    return List.copyOf(names);
  }
}
