package io.switchboard.server.config;

import java.util.List;

/** One or more settings are wrong; the message lists each one. Immutable and thread-safe. */
public final class ConfigException extends RuntimeException {
  public ConfigException(List<String> problems) {
    super("Invalid Switchboard configuration:\n  - " + String.join("\n  - ", problems));
  }
}
