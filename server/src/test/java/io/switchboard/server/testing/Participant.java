package io.switchboard.server.testing;

import io.switchboard.protocol.ServerMessage;
import io.switchboard.sdk.ChatClient;
import io.switchboard.sdk.ChatListener;
import io.switchboard.sdk.ConnectionState;
import io.switchboard.sdk.SwitchboardHttp;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.awaitility.Awaitility;

/**
 * A visitor or agent in a test: an SDK {@link ChatClient} plus everything it received.
 *
 * <p>Thread-safe.
 */
public final class Participant implements AutoCloseable {
  private final List<ServerMessage> events = new CopyOnWriteArrayList<>();
  private final List<ConnectionState> states = new CopyOnWriteArrayList<>();
  private final ChatClient client;

  private Participant(URI ws, String token, Consumer<ServerMessage> hook) {
    client = ChatClient.builder(ws)
        .token(token)
        .reconnectBackoff(Duration.ofMillis(50), Duration.ofMillis(500))
        .listener(new ChatListener() {
          @Override
          public void onEvent(ServerMessage event) {
            events.add(event);
            hook.accept(event);
          }

          @Override
          public void onStateChange(ConnectionState state, String reason) {
            states.add(state);
          }
        })
        .build();
  }

  public static Participant visitor(URI http, URI ws, String siteKey) throws Exception {
    String token = SwitchboardHttp.requestVisitorToken(http, siteKey, null).visitorToken();
    return connect(ws, token, event -> { });
  }

  public static Participant agent(URI http, URI ws, Fixtures.Agent agent) throws Exception {
    return agent(http, ws, agent, event -> { });
  }

  /** An agent whose events also go to {@code hook} (on the client's thread: never block it). */
  public static Participant agent(URI http, URI ws, Fixtures.Agent agent,
      Consumer<ServerMessage> hook) throws Exception {
    return connect(ws, SwitchboardHttp.login(http, agent.email(), agent.password()).token(), hook);
  }

  /** Connects with an existing token (a visitor or agent returning on a new connection). */
  public static Participant connect(URI ws, String token, Consumer<ServerMessage> hook)
      throws Exception {
    Participant participant = new Participant(ws, token, hook);
    participant.client.connect().get();
    return participant;
  }

  public ChatClient client() {
    return client;
  }

  public List<ServerMessage> events() {
    return List.copyOf(events);
  }

  public List<ConnectionState> states() {
    return List.copyOf(states);
  }

  /** The chat messages received for one conversation, in arrival order. */
  public List<ServerMessage.Message> messages(String conversationId) {
    return events.stream()
        .filter(ServerMessage.Message.class::isInstance)
        .map(ServerMessage.Message.class::cast)
        .filter(message -> message.conversationId().equals(conversationId))
        .toList();
  }

  /** Waits for an event of the type matching the condition, and returns it. */
  public <T extends ServerMessage> T await(Class<T> type, Predicate<T> condition, Duration timeout) {
    return Awaitility.await().atMost(timeout).pollInterval(Duration.ofMillis(20))
        .until(() -> events.stream().filter(type::isInstance).map(type::cast)
            .filter(condition).findFirst().orElse(null), java.util.Objects::nonNull);
  }

  public <T extends ServerMessage> T await(Class<T> type) {
    return await(type, event -> true, Duration.ofSeconds(15));
  }

  /**
   * The visitor starts a conversation in the queue, this agent goes online, accepts it and goes
   * offline again (so later conversations are not offered to them); returns its id.
   */
  public String serve(Participant visitor, String queueId, java.util.Map<String, String> fields)
      throws Exception {
    String conversationId = visitor.client().start(queueId, fields).get().conversationId();
    client.setStatus("online").get();
    await(ServerMessage.Assigned.class, assigned -> assigned.conversationId()
        .equals(conversationId), Duration.ofSeconds(15));
    client.accept(conversationId).get();
    visitor.await(ServerMessage.AgentJoined.class);
    client.setStatus("offline").get();
    return conversationId;
  }

  @Override
  public void close() {
    client.close();
  }
}
