package io.switchboard.checker;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * What the clients of one run reported, with each client's events in the order it reported them.
 * It can be written to and read back from a file of tab-separated lines, so a run's logs can be
 * checked by another process ({@link CheckHistory}).
 *
 * <p>Immutable and thread-safe.
 */
public final class ClientHistory {
  private final List<ClientEvent> events;

  public ClientHistory(List<ClientEvent> events) {
    this.events = List.copyOf(events);
  }

  public List<ClientEvent> events() {
    return events;
  }

  /** Each client's events, in its own order. */
  public Map<String, List<ClientEvent>> byClient() {
    Map<String, List<ClientEvent>> grouped = new LinkedHashMap<>();
    for (ClientEvent event : events) {
      grouped.computeIfAbsent(event.client(), name -> new ArrayList<>()).add(event);
    }
    return grouped;
  }

  /** Every conversation any client mentioned. */
  public Set<UUID> conversationIds() {
    Set<UUID> ids = new LinkedHashSet<>();
    events.forEach(event -> ids.add(UUID.fromString(event.conversationId())));
    return ids;
  }

  public long count(ClientEvent.Kind kind) {
    return events.stream().filter(event -> event.kind() == kind).count();
  }

  public void write(Path file) {
    List<String> lines = events.stream().map(ClientEvent::toLine).toList();
    try {
      Files.write(file, lines);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static ClientHistory read(Path file) {
    try (var lines = Files.lines(file)) {
      return new ClientHistory(lines.filter(line -> !line.isBlank()).map(ClientEvent::fromLine).toList());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
