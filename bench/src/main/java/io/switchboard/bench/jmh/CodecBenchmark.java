package io.switchboard.bench.jmh;

import io.switchboard.protocol.ClientMessage;
import io.switchboard.protocol.ProtocolCodec;
import io.switchboard.protocol.ProtocolException;
import io.switchboard.protocol.ServerMessage;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The protocol codec on the chat hot path: decoding a client's {@code send} and encoding the
 * {@code message} event and the {@code ack} that every sent message produces.
 *
 * <p>Run: {@code java -cp bench/target/switchboard-bench.jar org.openjdk.jmh.Main Codec}.
 * JMH state; each thread gets its own codec.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class CodecBenchmark {
  private static final String SEND = "{\"type\":\"send\",\"id\":\"17\",\"conversationId\":"
      + "\"0e7d3c1a-6b2f-4c8e-a5d9-7f1b3e2a9c64\",\"clientMsgId\":"
      + "\"3b1f8e52-9a0c-4d7e-8f21-6c5a4b3d2e10\",\"text\":\"Hi, my order A-10442 has not "
      + "arrived yet.\"}";
  private final ProtocolCodec codec = new ProtocolCodec();
  private final ServerMessage message = new ServerMessage.Message(
      "0e7d3c1a-6b2f-4c8e-a5d9-7f1b3e2a9c64", 5, "3b1f8e52-9a0c-4d7e-8f21-6c5a4b3d2e10",
      new ServerMessage.Participant("visitor", "5b0f6c2e-8d4a-4f3e-9a71-2c6e1d9b4a10", "Lena"),
      "Hi, my order A-10442 has not arrived yet.", Instant.parse("2026-11-22T09:31:12.048Z"));
  private final ServerMessage ack = new ServerMessage.Ack("17",
      "0e7d3c1a-6b2f-4c8e-a5d9-7f1b3e2a9c64", "3b1f8e52-9a0c-4d7e-8f21-6c5a4b3d2e10", 5,
      Instant.parse("2026-11-22T09:31:12.048Z"));

  @Benchmark
  public ClientMessage decodeSend() throws ProtocolException {
    return codec.decodeClient(SEND);
  }

  @Benchmark
  public String encodeMessage() {
    return codec.encode(message);
  }

  @Benchmark
  public String encodeAck() {
    return codec.encode(ack);
  }
}
