package io.switchboard.sdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.switchboard.protocol.ClientMessage;
import io.switchboard.protocol.ServerMessage;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An in-memory {@link Transport} that plays the server in tests: each opened connection records
 * the commands the client writes, and the test answers through it.
 *
 * <p>Thread-safe.
 */
final class FakeTransport implements Transport {
  private static final long WAIT_SECONDS = 5;

  private final BlockingQueue<FakeConnection> connections = new LinkedBlockingQueue<>();
  private final BlockingQueue<Throwable> refusals = new LinkedBlockingQueue<>();
  private final AtomicInteger attempts = new AtomicInteger();

  @Override
  public void open(Events events) {
    attempts.incrementAndGet();
    Throwable refusal = refusals.poll();
    if (refusal != null) {
      events.failed(refusal);
      return;
    }
    FakeConnection connection = new FakeConnection(events);
    events.opened(connection);
    connections.add(connection);
  }

  /** Makes the next connection attempt fail with {@code cause}. */
  void refuseNext(Throwable cause) {
    refusals.add(cause);
  }

  int attempts() {
    return attempts.get();
  }

  /** The next connection the client opens. */
  FakeConnection awaitConnection() throws InterruptedException {
    FakeConnection connection = connections.poll(WAIT_SECONDS, TimeUnit.SECONDS);
    if (connection == null) {
      fail("the client did not connect");
    }
    return connection;
  }

  /** Asserts that the client opens no connection for a while. */
  void assertNoConnectionWithin(Duration quiet) throws InterruptedException {
    assertThat(connections.poll(quiet.toMillis(), TimeUnit.MILLISECONDS)).isNull();
  }

  /** One connection: the commands the client wrote, and a way to answer them. */
  static final class FakeConnection implements Connection {
    private final Events events;
    private final BlockingQueue<ClientMessage> written = new LinkedBlockingQueue<>();
    private volatile String ended;

    FakeConnection(Events events) {
      this.events = events;
    }

    @Override
    public void send(ClientMessage message) {
      written.add(message);
    }

    @Override
    public void close() {
      ended = "closed";
    }

    @Override
    public void abort() {
      ended = "aborted";
    }

    /** How the client ended this connection: "closed", "aborted", or null. */
    String ended() {
      return ended;
    }

    /** The next command the client wrote, which must be of {@code type}. */
    <T extends ClientMessage> T expect(Class<T> type) throws InterruptedException {
      ClientMessage message = written.poll(WAIT_SECONDS, TimeUnit.SECONDS);
      if (message == null) {
        fail("the client wrote no " + type.getSimpleName());
      }
      assertThat(message).isInstanceOf(type);
      return type.cast(message);
    }

    /** Asserts that the client writes nothing for a while. */
    void assertQuietFor(Duration quiet) throws InterruptedException {
      assertThat(written.poll(quiet.toMillis(), TimeUnit.MILLISECONDS)).isNull();
    }

    /** Delivers a server message to the client. */
    void reply(ServerMessage message) {
      events.received(message);
    }

    /** Ends the connection from the server's side with a close code. */
    void closeFromServer(int statusCode, String reason) {
      events.closed(statusCode, reason);
    }
  }
}
