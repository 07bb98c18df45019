package io.switchboard.server.sdk;

import io.switchboard.protocol.ServerMessage;
import io.switchboard.sdk.ChatClient;
import io.switchboard.sdk.ChatListener;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import org.awaitility.Awaitility;

/**
 * An SDK client in a test that records what reaches the listener's typed methods only
 * ({@code onMessage}, {@code onNote}, ...), never {@code onEvent}, so every assertion on it also
 * proves the SDK dispatched the event to its typed method.
 *
 * <p>Thread-safe.
 */
final class TypedEvents implements ChatListener, AutoCloseable {
  private final List<ServerMessage> seen = new CopyOnWriteArrayList<>();
  private final ChatClient client;

  private TypedEvents(URI ws, String token) {
    client = ChatClient.builder(ws).token(token)
        .reconnectBackoff(Duration.ofMillis(50), Duration.ofMillis(500))
        .listener(this).build();
  }

  /** Connects with a visitor's or staff member's token and waits for {@code welcome}. */
  static TypedEvents connect(URI ws, String token) throws Exception {
    TypedEvents events = new TypedEvents(ws, token);
    events.client.connect().get();
    return events;
  }

  ChatClient client() {
    return client;
  }

  /** Waits for a typed event of this type matching the condition, and returns it. */
  <T extends ServerMessage> T await(Class<T> type, Predicate<T> condition) {
    return Awaitility.await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(20))
        .until(() -> seen.stream().filter(type::isInstance).map(type::cast).filter(condition)
            .findFirst().orElse(null), java.util.Objects::nonNull);
  }

  /** Every typed event of this type seen so far. */
  <T extends ServerMessage> List<T> all(Class<T> type) {
    return seen.stream().filter(type::isInstance).map(type::cast).toList();
  }

  @Override public void onMessage(ServerMessage.Message event) { seen.add(event); }
  @Override public void onAssigned(ServerMessage.Assigned event) { seen.add(event); }
  @Override public void onAgentJoined(ServerMessage.AgentJoined event) { seen.add(event); }
  @Override public void onClosed(ServerMessage.Closed event) { seen.add(event); }
  @Override public void onNote(ServerMessage.NoteAdded event) { seen.add(event); }
  @Override public void onTransferred(ServerMessage.Transferred event) { seen.add(event); }
  @Override public void onUnassigned(ServerMessage.Unassigned event) { seen.add(event); }
  @Override public void onContext(ServerMessage.VisitorContext event) { seen.add(event); }
  @Override public void onRated(ServerMessage.Rated event) { seen.add(event); }
  @Override public void onTicket(ServerMessage.TicketChanged event) { seen.add(event); }

  @Override
  public void close() {
    client.close();
  }
}
