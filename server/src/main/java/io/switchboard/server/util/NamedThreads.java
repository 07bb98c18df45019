package io.switchboard.server.util;

import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/** Thread factories with readable names. Thread-safe. */
public final class NamedThreads {
  private NamedThreads() {}

  public static ThreadFactory factory(String prefix, boolean daemon) {
    AtomicInteger counter = new AtomicInteger();
    return runnable -> {
      Thread thread = new Thread(runnable, prefix + "-" + counter.incrementAndGet());
      thread.setDaemon(daemon);
      return thread;
    };
  }
}
