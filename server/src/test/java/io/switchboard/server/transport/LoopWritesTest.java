package io.switchboard.server.transport;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.local.LocalAddress;
import io.netty.channel.local.LocalChannel;
import io.netty.channel.local.LocalIoHandler;
import io.netty.channel.local.LocalServerChannel;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class LoopWritesTest {
  private static final int THREADS = 4;
  private static final int EACH = 5_000;

  @Test
  void writesFromManyThreadsAllArriveInTheOrderEachThreadMadeThem() throws Exception {
    EventLoopGroup group = new MultiThreadIoEventLoopGroup(2, LocalIoHandler.newFactory());
    List<Object> received = new CopyOnWriteArrayList<>();
    CountDownLatch all = new CountDownLatch(THREADS * EACH + 1);
    try {
      LocalAddress address = new LocalAddress("loop-writes-" + System.nanoTime());
      new ServerBootstrap().group(group).channel(LocalServerChannel.class)
          .childHandler(new ChannelInitializer<LocalChannel>() {
            @Override
            protected void initChannel(LocalChannel channel) {
              channel.pipeline().addLast(new ChannelInboundHandlerAdapter() {
                @Override
                public void channelRead(ChannelHandlerContext ctx, Object message) {
                  received.add(message);
                  all.countDown();
                }
              });
            }
          }).bind(address).sync();
      Channel client = new Bootstrap().group(group).channel(LocalChannel.class)
          .handler(new ChannelInboundHandlerAdapter()).connect(address).sync().channel();
      LoopWrites writes = LoopWrites.of(client.eventLoop());
      assertThat(LoopWrites.of(client.eventLoop())).isSameAs(writes);

      List<Thread> writers = new ArrayList<>();
      for (int t = 0; t < THREADS; t++) {
        int thread = t;
        writers.add(Thread.ofPlatform().start(() -> {
          for (int i = 0; i < EACH; i++) {
            writes.writeAndFlush(client, thread + ":" + i);
          }
        }));
      }
      for (Thread writer : writers) {
        writer.join();
      }
      // A write made on the loop itself goes out too, after what the loop already drained.
      client.eventLoop().submit(() -> writes.writeAndFlush(client, "loop:0")).sync();

      assertThat(all.await(20, TimeUnit.SECONDS)).isTrue();
      Map<String, Integer> next = new HashMap<>();
      for (Object message : received) {
        String[] parts = ((String) message).split(":");
        int expected = next.getOrDefault(parts[0], 0);
        assertThat(Integer.parseInt(parts[1])).as("from " + parts[0]).isEqualTo(expected);
        next.put(parts[0], expected + 1);
      }
      assertThat(received).hasSize(THREADS * EACH + 1);
      client.close().sync();
    } finally {
      group.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
    }
  }
}
