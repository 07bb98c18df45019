package io.switchboard.server.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.switchboard.protocol.ErrorCode;
import io.switchboard.server.store.conversation.Conversation;
import io.switchboard.server.store.conversation.ConversationDao;
import io.switchboard.server.store.conversation.ConversationStatus;
import io.switchboard.server.store.message.AppendRequest;
import io.switchboard.server.store.message.AppendResult;
import io.switchboard.server.store.message.GroupCommitMessageWriter;
import io.switchboard.server.store.message.MessageDao;
import io.switchboard.server.store.message.StoredMessage;
import io.switchboard.server.store.site.SiteDao;
import io.switchboard.server.testing.StoreFixture;
import io.switchboard.server.testing.TcpProxy;
import io.switchboard.server.testing.TestServices;
import io.switchboard.server.util.SwitchboardException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

/** The store while PostgreSQL is cut off and after it comes back (I6). */
class StoreOutageTest {
  private final StoreFixture fixture = new StoreFixture();
  private final URI target = URI.create(TestServices.jdbcUrl().substring("jdbc:".length()));

  private DatabaseSettings through(TcpProxy proxy) {
    String viaProxy = TestServices.jdbcUrl()
        .replace(":" + target.getPort() + "/", ":" + proxy.port() + "/");
    return new DatabaseSettings(viaProxy, 4, Duration.ofMillis(750), Duration.ofSeconds(5));
  }

  private static void assertUnavailable(ThrowingCallable call) {
    assertThatThrownBy(call).isInstanceOfSatisfying(SwitchboardException.class,
        e -> assertThat(e.code()).isEqualTo(ErrorCode.UNAVAILABLE));
  }

  @Test
  void daosReportUnavailableWhileTheDatabaseIsGone() throws Exception {
    Conversation c = fixture.newConversation();
    try (TcpProxy proxy = new TcpProxy(target.getHost(), target.getPort()).start();
        Database node = Database.open(through(proxy))) {
      ConversationDao conversations = new ConversationDao(node.jdbi());
      assertThat(conversations.find(c.id())).isPresent();

      proxy.stop();
      long started = System.nanoTime();
      assertUnavailable(() -> conversations.find(c.id()));
      assertUnavailable(() -> conversations.close(c.id(), "visitor", null));
      assertUnavailable(() -> new MessageDao(node.jdbi()).count(c.id()));
      assertUnavailable(() -> new SiteDao(node.jdbi()).anySite());
      assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(8));

      proxy.start();
      await().atMost(Duration.ofSeconds(10)).ignoreExceptions()
          .until(() -> conversations.find(c.id()).isPresent());
      assertThat(conversations.find(c.id()).orElseThrow().status())
          .isEqualTo(ConversationStatus.QUEUED);
    }
  }

  @Test
  void sendsFailRetryablyWhileTheDatabaseIsGoneAndSucceedAfterwards() throws Exception {
    Conversation c = fixture.newConversation();
    String visitor = c.contactId().toString();
    try (TcpProxy proxy = new TcpProxy(target.getHost(), target.getPort()).start()) {
      try (Database node = Database.open(through(proxy));
          GroupCommitMessageWriter writer = new GroupCommitMessageWriter(node.dataSource())) {
        AppendRequest first = new AppendRequest(c.id(), "before", "visitor", visitor, "1");
        assertThat(writer.append(first).get(10, TimeUnit.SECONDS).message().seq()).isEqualTo(1);

        proxy.stop();
        List<AppendRequest> during = new ArrayList<>();
        List<CompletableFuture<AppendResult>> failed = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
          AppendRequest request = new AppendRequest(c.id(), "during-" + i, "visitor", visitor, "x");
          during.add(request);
          failed.add(writer.append(request));
        }
        long started = System.nanoTime();
        for (CompletableFuture<AppendResult> future : failed) {
          assertThatThrownBy(() -> future.get(10, TimeUnit.SECONDS))
              .isInstanceOf(ExecutionException.class)
              .cause()
              .isInstanceOfSatisfying(SwitchboardException.class,
                  e -> assertThat(e.code()).isEqualTo(ErrorCode.UNAVAILABLE));
        }
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(8));
        assertThat(writer.batchesFailed()).isPositive();
        assertThat(fixture.messages.count(c.id())).isEqualTo(1);

        proxy.start();
        List<CompletableFuture<AppendResult>> retried = new ArrayList<>();
        for (AppendRequest request : during) {
          retried.add(writer.append(request));
        }
        for (int i = 0; i < retried.size(); i++) {
          AppendResult result = retried.get(i).get(10, TimeUnit.SECONDS);
          assertThat(result.message().seq()).isEqualTo(i + 2);
        }
        assertThat(writer.append(first).get(10, TimeUnit.SECONDS).duplicate()).isTrue();
      }
    }
    assertThat(fixture.messages.after(c.id(), 0, 100)).extracting(StoredMessage::seq)
        .containsExactlyElementsOf(LongStream.rangeClosed(1, 51).boxed().toList());
  }
}
