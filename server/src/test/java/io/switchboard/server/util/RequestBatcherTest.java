package io.switchboard.server.util;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.switchboard.protocol.ErrorCode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RequestBatcherTest {
  private final BlockingExecutor executor = new BlockingExecutor("batcher-test", 4, 100);

  @AfterEach
  void close() {
    executor.close();
  }

  private static Map<Integer, String> squares(List<Integer> keys) {
    return keys.stream().filter(k -> k >= 0)
        .collect(Collectors.toMap(Function.identity(), k -> Integer.toString(k * k)));
  }

  @Test
  void aLoneRequestIsAnsweredAtOnceInABatchOfItsOwn() {
    List<List<Integer>> batches = new CopyOnWriteArrayList<>();
    RequestBatcher<Integer, String> batcher = new RequestBatcher<>(executor, 10, keys -> {
      batches.add(keys);
      return squares(keys);
    });

    assertThat(batcher.submit(7).join()).isEqualTo("49");
    assertThat(batcher.submit(-1).join()).as("a key the batch left out").isNull();
    assertThat(batches).containsExactly(List.of(7), List.of(-1));
  }

  @Test
  void requestsArrivingDuringABatchShareTheNextOnesInBatchesOfAtMostMax() throws Exception {
    CountDownLatch firstRunning = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    List<List<Integer>> batches = new CopyOnWriteArrayList<>();
    RequestBatcher<Integer, String> batcher = new RequestBatcher<>(executor, 10, keys -> {
      batches.add(keys);
      firstRunning.countDown();
      try {
        release.await(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return squares(keys);
    });

    CompletableFuture<String> first = batcher.submit(0);
    assertThat(firstRunning.await(10, TimeUnit.SECONDS)).isTrue();
    List<CompletableFuture<String>> waiting = new ArrayList<>();
    for (int key = 1; key <= 20; key++) {
      waiting.add(batcher.submit(key));
    }
    List<CompletableFuture<String>> again = List.of(batcher.submit(1), batcher.submit(1));
    release.countDown();

    assertThat(first.get(10, TimeUnit.SECONDS)).isEqualTo("0");
    for (int key = 1; key <= 20; key++) {
      assertThat(waiting.get(key - 1).get(10, TimeUnit.SECONDS))
          .isEqualTo(Integer.toString(key * key));
    }
    for (CompletableFuture<String> f : again) {
      assertThat(f.get(10, TimeUnit.SECONDS)).isEqualTo("1");
    }
    assertThat(batches).containsExactly(List.of(0),
        List.of(1, 2, 3, 4, 5, 6, 7, 8, 9, 10),
        List.of(11, 12, 13, 14, 15, 16, 17, 18, 19, 20),
        List.of(1)); // two requests for the same key in one batch: asked once
  }

  @Test
  void aFailedBatchFailsItsRequestsAndTheNextBatchStillRuns() {
    RequestBatcher<Integer, String> batcher = new RequestBatcher<>(executor, 10, keys -> {
      if (keys.contains(13)) {
        throw new IllegalStateException("connection reset");
      }
      if (keys.contains(404)) {
        throw new SwitchboardException(ErrorCode.NOT_FOUND, "no such thing");
      }
      return squares(keys);
    });

    assertThatThrownBy(() -> batcher.submit(13).join()).cause()
        .isInstanceOfSatisfying(SwitchboardException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.UNAVAILABLE));
    assertThatThrownBy(() -> batcher.submit(404).join()).cause()
        .isInstanceOfSatisfying(SwitchboardException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND));
    assertThat(batcher.submit(3).join()).isEqualTo("9");
  }

  @Test
  void orNoneAnswersNullForEveryRequestOfAFailedBatchSoEachCanGoAlone() {
    RequestBatcher<Integer, String> batcher = new RequestBatcher<>(executor, 10,
        RequestBatcher.orNone("squaring", keys -> {
          if (keys.contains(13)) {
            throw new IllegalStateException("value too long for type character varying(64)");
          }
          return squares(keys);
        }));

    assertThat(batcher.submit(13).join()).isNull();
    assertThat(batcher.submit(4).join()).isEqualTo("16");
  }

  @Test
  void aFullExecutorFailsTheWaitingRequestsAsUnavailable() throws Exception {
    BlockingExecutor tiny = new BlockingExecutor("batcher-full", 1, 1);
    CountDownLatch release = new CountDownLatch(1);
    try {
      CompletableFuture<Void> busy = tiny.run(() -> await(release)); // the only thread
      CompletableFuture<Void> queued = tiny.run(() -> { }); // the only queue slot
      RequestBatcher<Integer, String> batcher =
          new RequestBatcher<>(tiny, 10, RequestBatcherTest::squares);

      assertThatThrownBy(() -> batcher.submit(2).get(10, TimeUnit.SECONDS)).cause()
          .isInstanceOfSatisfying(SwitchboardException.class,
              e -> assertThat(e.code()).isEqualTo(ErrorCode.UNAVAILABLE));
      release.countDown();
      CompletableFuture.allOf(busy, queued).get(10, TimeUnit.SECONDS);
      assertThat(batcher.submit(4).get(10, TimeUnit.SECONDS)).isEqualTo("16");
    } finally {
      release.countDown();
      tiny.close();
    }
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
