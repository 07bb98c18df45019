package io.switchboard.server.delivery;

import io.switchboard.server.util.NamedThreads;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pins each conversation to one single-threaded executor, chosen by hashing its id, so everything
 * that touches a conversation's delivery state runs in order without locks.
 *
 * <p>Thread-safe.
 */
public final class ConversationExecutors implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ConversationExecutors.class);
  private final ExecutorService[] executors;

  public ConversationExecutors(int count) {
    executors = new ExecutorService[count];
    for (int i = 0; i < count; i++) {
      executors[i] = Executors.newSingleThreadExecutor(NamedThreads.factory("conversation-" + i, true));
    }
  }

  public void execute(UUID conversationId, Runnable work) {
    int index = Math.floorMod(conversationId.hashCode(), executors.length);
    executors[index].execute(() -> {
      try {
        work.run();
      } catch (RuntimeException e) {
        LOG.error("conversation task failed for {}", conversationId, e);
      }
    });
  }

  @Override
  public void close() {
    for (ExecutorService executor : executors) {
      executor.shutdown();
    }
    for (ExecutorService executor : executors) {
      try {
        executor.awaitTermination(2, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
