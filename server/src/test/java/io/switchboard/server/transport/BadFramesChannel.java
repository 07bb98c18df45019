package io.switchboard.server.transport;

import io.netty.buffer.AbstractByteBufAllocator;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufInputStream;
import io.netty.buffer.Unpooled;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.util.ReferenceCountUtil;
import io.switchboard.protocol.DisconnectCode;
import io.switchboard.protocol.ProtocolCodec;
import io.switchboard.server.config.ConfigLoader;
import io.switchboard.server.config.ServerConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The server's WebSocket pipeline in an {@link EmbeddedChannel}: the HTTP codec, the real upgrade
 * through {@link WebSocketPipeline#installFraming} and, in place of the session, a handler that
 * keeps what comes out and closes on failures exactly as {@link SessionHandler} does. Every
 * buffer goes through an allocator that remembers the largest one asked for.
 *
 * <p>Not thread-safe; one test thread drives it.
 */
final class BadFramesChannel implements AutoCloseable {
  final EmbeddedChannel channel = new EmbeddedChannel();
  /** What reached the session: {@code ClientMessage}s and {@code FrameCodec.Undecodable}s. */
  final List<Object> messages = new ArrayList<>();
  /** Failures that reached the session's place in the pipeline. */
  final List<Throwable> failures = new ArrayList<>();
  /** Every frame the server wrote back, the 101 response excluded. */
  final List<BadFramesWire.Frame> sent = new ArrayList<>();
  private final LargestAllocation allocator = new LargestAllocation();
  private final ByteBuf output = Unpooled.buffer();
  /** The handshake response, as text. */
  final String handshakeResponse;

  private BadFramesChannel(ServerConfig config, String... upgradeHeaders) {
    channel.config().setAllocator(allocator);
    channel.pipeline().addLast("http", new HttpServerCodec(ChatChannelInitializer.MAX_INITIAL_LINE,
        ChatChannelInitializer.MAX_HEADER_BYTES, ChatChannelInitializer.MAX_CHUNK_BYTES));
    channel.pipeline().addLast("aggregator",
        new HttpObjectAggregator(ChatChannelInitializer.MAX_HTTP_BODY));
    WebSocketPipeline.installFraming(channel.pipeline(), config, new ProtocolCodec());
    channel.pipeline().addLast("session", new SessionStandIn());
    channel.writeInbound(Unpooled.wrappedBuffer(
        BadFramesWire.upgradeRequest("/v1/ws", upgradeHeaders)));
    StringBuilder response = new StringBuilder();
    for (Object out; (out = channel.readOutbound()) != null; ) {
      ByteBuf bytes = (ByteBuf) out;
      response.append(bytes.toString(StandardCharsets.US_ASCII));
      bytes.release();
    }
    handshakeResponse = response.toString();
  }

  /** The pipeline with a frame limit of {@code maxFrameBytes}, upgraded. */
  static BadFramesChannel open(int maxFrameBytes, String... upgradeHeaders) {
    return new BadFramesChannel(ConfigLoader.load(
        Map.of("SWITCHBOARD_MAX_FRAME_BYTES", Integer.toString(maxFrameBytes))), upgradeHeaders);
  }

  /** Feeds bytes as if they arrived from the client, then collects what the server wrote. */
  BadFramesChannel write(byte[] bytes) {
    if (channel.isOpen()) {
      channel.writeInbound(Unpooled.wrappedBuffer(bytes));
    }
    collectOutput();
    return this;
  }

  /** The close code the server sent, or null when it sent none. */
  Integer closeCode() {
    return sent.stream().filter(f -> f.opcode() == BadFramesWire.CLOSE)
        .map(BadFramesWire.Frame::closeCode).findFirst().orElse(null);
  }

  /** The largest buffer the pipeline asked its allocator for, in bytes. */
  int largestAllocation() {
    return allocator.largest;
  }

  private void collectOutput() {
    for (Object out; (out = channel.readOutbound()) != null; ) {
      ByteBuf bytes = (ByteBuf) out;
      output.writeBytes(bytes);
      bytes.release();
    }
    while (output.isReadable()) {
      output.markReaderIndex();
      try {
        sent.add(BadFramesWire.read(new ByteBufInputStream(output)));
      } catch (IOException incomplete) {
        output.resetReaderIndex();
        break;
      }
    }
    output.discardReadBytes();
  }

  @Override
  public void close() {
    channel.finishAndReleaseAll();
    output.release();
  }

  /** Stands where {@link SessionHandler} stands and reacts to failures the way it does. */
  private final class SessionStandIn extends ChannelInboundHandlerAdapter {
    @Override
    public void channelRead(ChannelHandlerContext ctx, Object message) {
      messages.add(message);
      ReferenceCountUtil.release(message);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
      failures.add(cause);
      DisconnectCode code = SessionHandler.closeCodeFor(cause);
      if (code != null) {
        ChannelOutbound.close(ctx.channel(), code, "test");
      }
    }
  }

  /** Unpooled heap buffers, remembering the largest initial capacity requested. */
  private static final class LargestAllocation extends AbstractByteBufAllocator {
    int largest;

    @Override
    protected ByteBuf newHeapBuffer(int initialCapacity, int maxCapacity) {
      largest = Math.max(largest, initialCapacity);
      return UnpooledByteBufAllocator.DEFAULT.heapBuffer(initialCapacity, maxCapacity);
    }

    @Override
    protected ByteBuf newDirectBuffer(int initialCapacity, int maxCapacity) {
      return newHeapBuffer(initialCapacity, maxCapacity);
    }

    @Override
    public boolean isDirectBufferPooled() {
      return false;
    }
  }
}
