package io.switchboard.server.transport;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufHolder;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.util.internal.PlatformDependent;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Counts what the node's port carries, first in every pipeline: connections accepted and open,
 * and bytes read and written (HTTP and WebSocket alike, as they cross the socket). A few
 * counter additions per read or write, no allocation.
 *
 * <p>Thread-safe and shared by every connection: Micrometer's counters and an atomic.
 */
@Sharable
final class TrafficMeter extends ChannelDuplexHandler {
  private final AtomicInteger open = new AtomicInteger();
  private final Counter accepted;
  private final Counter bytesRead;
  private final Counter bytesWritten;

  TrafficMeter(MeterRegistry registry) {
    Gauge.builder("switchboard.connections.open", open, AtomicInteger::get)
        .description("TCP connections open on the HTTP and WebSocket port").register(registry);
    accepted = Counter.builder("switchboard.connections.accepted")
        .description("TCP connections accepted on the HTTP and WebSocket port").register(registry);
    bytesRead = Counter.builder("switchboard.network.read").baseUnit("bytes")
        .description("bytes received on the HTTP and WebSocket port").register(registry);
    bytesWritten = Counter.builder("switchboard.network.written").baseUnit("bytes")
        .description("bytes sent on the HTTP and WebSocket port").register(registry);
    Gauge.builder("switchboard.netty.direct.used", PlatformDependent::usedDirectMemory)
        .baseUnit("bytes")
        .description("direct memory Netty holds (its buffer pools and unpooled buffers); -1 when"
            + " Netty does not count it").register(registry);
  }

  @Override
  public void channelActive(ChannelHandlerContext ctx) throws Exception {
    open.incrementAndGet();
    accepted.increment();
    super.channelActive(ctx);
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) throws Exception {
    open.decrementAndGet();
    super.channelInactive(ctx);
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
    bytesRead.increment(size(msg));
    super.channelRead(ctx, msg);
  }

  @Override
  public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise)
      throws Exception {
    bytesWritten.increment(size(msg));
    super.write(ctx, msg, promise);
  }

  private static int size(Object msg) {
    if (msg instanceof ByteBuf buf) {
      return buf.readableBytes();
    }
    if (msg instanceof ByteBufHolder holder) {
      return holder.content().readableBytes();
    }
    return 0;
  }
}
