package io.switchboard.server.redis;

import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * One Lua script read from the classpath and run by its SHA-1 with {@code EVALSHA}.
 *
 * <p>The script text is sent to Redis once, with {@code SCRIPT LOAD}: either through {@link #load}
 * at start-up or the first time {@code EVALSHA} answers {@code NOSCRIPT}. That same fallback
 * reloads it transparently whenever Redis has forgotten it, for example after a restart or a
 * {@code SCRIPT FLUSH}.
 *
 * <p>Thread-safe: immutable.
 */
public final class RedisScript {
  private final String name;
  private final String source;
  private final String sha;

  private RedisScript(String name, String source) {
    this.name = name;
    this.source = source;
    this.sha = sha1Hex(source);
  }

  /**
   * Reads the script {@code redis/<name>.lua} from the classpath.
   *
   * @throws UncheckedIOException when the resource is missing or unreadable
   */
  public static RedisScript fromClasspath(String name) {
    return new RedisScript(name, read("redis/" + name + ".lua"));
  }

  /**
   * Reads the script {@code redis/<name>.lua} with the Lua libraries {@code redis/lib/<lib>.lua}
   * put in front of it, in order: Redis before 7 has no shared functions, so the scripts that
   * keep the same structure share its code this way.
   *
   * @throws UncheckedIOException when a resource is missing or unreadable
   */
  public static RedisScript fromClasspath(String name, String... libraries) {
    StringBuilder source = new StringBuilder();
    for (String library : libraries) {
      source.append(read("redis/lib/" + library + ".lua")).append('\n');
    }
    return new RedisScript(name, source.append(read("redis/" + name + ".lua")).toString());
  }

  private static String read(String resource) {
    ClassLoader loader = RedisScript.class.getClassLoader();
    try (InputStream in = loader.getResourceAsStream(resource)) {
      if (in == null) {
        throw new UncheckedIOException(new IOException("missing script resource " + resource));
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read script resource " + resource, e);
    }
  }

  /** The script's name, the file name without {@code .lua}. */
  public String name() {
    return name;
  }

  /** The SHA-1 of the script text, as Redis computes it. */
  public String sha() {
    return sha;
  }

  /** Sends the script text to Redis with {@code SCRIPT LOAD}; completes with its SHA-1. */
  public CompletionStage<String> load(RedisClusterAsyncCommands<String, String> commands) {
    return commands.scriptLoad(source);
  }

  /**
   * Runs the script with {@code EVALSHA}; on {@code NOSCRIPT} loads it and runs it once more.
   * Failures are not translated; wrap the call with {@link RedisCalls#call}.
   *
   * @param type how Lettuce decodes the reply
   * @param keys the {@code KEYS} the script documents
   * @param args the {@code ARGV} the script documents
   */
  public <T> CompletionStage<T> eval(
      RedisClusterAsyncCommands<String, String> commands,
      ScriptOutputType type,
      String[] keys,
      String... args) {
    Objects.requireNonNull(commands, "commands");
    CompletionStage<T> first = commands.evalsha(sha, type, keys, args);
    return first.handle((value, failure) -> {
      if (failure == null) {
        return CompletableFuture.completedStage(value);
      }
      if (!isNoScript(RedisCalls.unwrap(failure))) {
        return CompletableFuture.<T>failedStage(failure);
      }
      return load(commands).thenCompose(
          loaded -> commands.<T>evalsha(loaded, type, keys, args));
    }).thenCompose(stage -> stage);
  }

  private static boolean isNoScript(Throwable failure) {
    return failure instanceof RedisNoScriptException
        || (failure != null && failure.getMessage() != null
            && failure.getMessage().startsWith("NOSCRIPT"));
  }

  private static String sha1Hex(String text) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-1");
      return HexFormat.of().formatHex(digest.digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-1 is not available", e);
    }
  }

  @Override
  public String toString() {
    return "RedisScript[" + name + " " + sha + "]";
  }
}
