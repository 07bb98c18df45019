package io.switchboard.server.testing;

import io.switchboard.server.store.message.AppendResult;
import io.switchboard.server.store.message.GroupCommitMessageWriter;
import io.switchboard.server.store.message.WriterSettings;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The group-commit writers a test opens, closed together after it, and a bounded wait for an
 * append's result.
 *
 * <p>Not thread-safe: opened and closed from the test thread.
 */
public final class TestWriters implements AutoCloseable {
  private final List<GroupCommitMessageWriter> writers = new ArrayList<>();

  public GroupCommitMessageWriter open(WriterSettings settings) {
    GroupCommitMessageWriter writer =
        new GroupCommitMessageWriter(StoreFixture.database().dataSource(), settings);
    writers.add(writer);
    return writer;
  }

  public static AppendResult result(CompletableFuture<AppendResult> future) throws Exception {
    return future.get(10, TimeUnit.SECONDS);
  }

  @Override
  public void close() {
    writers.forEach(GroupCommitMessageWriter::close);
    writers.clear();
  }
}
