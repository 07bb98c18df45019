package io.switchboard.server.fault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.netty.util.internal.PlatformDependent;
import io.switchboard.protocol.ServerMessage;
import io.switchboard.server.testing.Fixtures;
import io.switchboard.server.testing.Http;
import io.switchboard.server.testing.Participant;
import io.switchboard.server.testing.TestNode;
import java.lang.management.BufferPoolMXBean;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * F11: a visitor that never reads its socket while the agent writes long messages to it. The node
 * disconnects it once its write buffer passes the high-water mark, instead of buffering without
 * bound; direct memory (Netty's count and the JVM's direct buffer pool) and the heap stay flat.
 * The node runs in the test's JVM, so its memory is the JVM's.
 */
class SlowReaderFaultTest {
  private static final long MEMORY_SLACK = 64L * 1024 * 1024;
  /** The node's write-buffer high-water mark (the default, set explicitly here). */
  private static final int HIGH_WATER_BYTES = 2 * 1024 * 1024;

  @Test
  void aClientThatNeverReadsIsDisconnectedAndMemoryStaysFlat() throws Exception {
    run("F11 client never reads", 1);
  }

  @Test
  @Tag("fault-long")
  void manyClientsThatNeverReadAreDisconnectedAndMemoryStaysFlat() throws Exception {
    run("F11 clients never read (full)", FaultResults.setting("slowReaders", 10));
  }

  private void run(String scenario, int slowReaders) throws Exception {
    ListAppender<ILoggingEvent> log = new ListAppender<>();
    Logger sessionLog = (Logger) LoggerFactory.getLogger("io.switchboard.server.transport.SessionHandler");
    log.start();
    sessionLog.addAppender(log);
    try (TestNode node = TestNode.start(Map.of("SWITCHBOARD_MAX_MESSAGE_CHARS", "30000",
        "SWITCHBOARD_WRITE_BUFFER_HIGH_WATER_BYTES", Integer.toString(HIGH_WATER_BYTES)))) {
      Fixtures fixtures = Fixtures.create(node.node().database().jdbi());
      long heapBefore = heapAfterGc();
      long directBefore = directMemory();
      long peakDirect = directBefore;
      String text = "x".repeat(30_000);
      long sent = 0;
      long acknowledged = 0;
      for (int r = 0; r < slowReaders; r++) {
        try (Participant agent = Participant.agent(node.http(), node.ws(), fixtures.addAgent(1));
            NonReadingSocket reader = new NonReadingSocket(node.port(),
                Http.visitorToken(node.http(), fixtures.siteKey))) {
          agent.client().setStatus("online").get();
          reader.sendText("{\"type\":\"start\",\"id\":\"1\",\"queue\":\"" + fixtures.queueId
              + "\",\"fields\":{}}");
          String conversationId = agent.await(ServerMessage.Assigned.class).conversationId();
          agent.client().accept(conversationId).get();
          long disconnectsBefore = slowConsumerDisconnects(log);
          long limit = 8L * (HIGH_WATER_BYTES + 8 * 1024 * 1024) / text.length();
          for (long i = 0; i < limit && slowConsumerDisconnects(log) == disconnectsBefore; i++) {
            agent.client().send(conversationId, text).get();
            sent++;
            acknowledged++;
            peakDirect = Math.max(peakDirect, directMemory());
          }
          await().atMost(Duration.ofSeconds(10))
              .until(() -> slowConsumerDisconnects(log) > disconnectsBefore);
          long drained = reader.drain(5_000);
          assertThat(drained).as("the node hung up on the reader").isNotNegative();
          agent.client().close(conversationId, "resolved").get();
          agent.client().setStatus("offline").get(); // the next reader goes to the next agent
        }
      }
      long heapAfter = heapAfterGc();
      long directAfter = directMemory();
      System.out.printf("%s: %d messages of 30,000 chars; heap %d -> %d MB after GC; direct "
          + "memory %d -> peak %d -> %d MB%n", scenario, sent, heapBefore >> 20, heapAfter >> 20,
          directBefore >> 20, peakDirect >> 20, directAfter >> 20);
      boolean flat = heapAfter - heapBefore < MEMORY_SLACK && peakDirect - directBefore < MEMORY_SLACK;
      FaultResults.record(scenario, sent, acknowledged, 0, 0, null, flat);
      assertThat(slowConsumerDisconnects(log)).isEqualTo(slowReaders);
      assertThat(heapAfter - heapBefore).as("heap growth").isLessThan(MEMORY_SLACK);
      assertThat(peakDirect - directBefore).as("direct memory growth").isLessThan(MEMORY_SLACK);
    } finally {
      sessionLog.detachAppender(log);
    }
  }

  private static long slowConsumerDisconnects(ListAppender<ILoggingEvent> log) {
    synchronized (log) { // AppenderBase appends under the appender's lock
      return log.list.stream()
          .filter(event -> event.getFormattedMessage().contains("slow consumer")).count();
    }
  }

  /** Netty's count of direct memory when it keeps one, else the JVM's direct buffer pool. */
  private static long directMemory() {
    long netty = PlatformDependent.usedDirectMemory();
    if (netty >= 0) {
      return netty;
    }
    return ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class).stream()
        .filter(pool -> pool.getName().equals("direct")).mapToLong(BufferPoolMXBean::getMemoryUsed)
        .sum();
  }

  /** The heap in use once a full collection that began after this call has ended. */
  private static long heapAfterGc() {
    long before = collections();
    System.gc();
    await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(10))
        .until(() -> collections() > before);
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }

  /** Collections the JVM's garbage collectors have run so far. */
  private static long collections() {
    return ManagementFactory.getGarbageCollectorMXBeans().stream()
        .mapToLong(GarbageCollectorMXBean::getCollectionCount).filter(count -> count > 0).sum();
  }
}
