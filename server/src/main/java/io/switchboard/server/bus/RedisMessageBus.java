package io.switchboard.server.bus;

import io.lettuce.core.RedisChannelHandler;
import io.lettuce.core.RedisConnectionStateListener;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.switchboard.protocol.ErrorCode;
import io.switchboard.server.redis.RedisCalls;
import io.switchboard.server.redis.RedisConnections;
import io.switchboard.server.util.SwitchboardException;
import java.net.SocketAddress;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link MessageBus} over Redis pub/sub. Publishing uses the shared command connection;
 * subscriptions use one pub/sub connection that this bus owns. Local listeners of one channel
 * share a single Redis subscription: {@code SUBSCRIBE} goes out when the first listener arrives,
 * {@code UNSUBSCRIBE} when the last one leaves. After a reconnect Lettuce subscribes again to every
 * channel by itself; messages published while the connection was down are lost, so the bus
 * subscribes again too and, once that is done, tells its {@link #onResubscribed} listeners, which
 * read what they follow from PostgreSQL.
 *
 * <p>Listeners are called on a Lettuce I/O thread and must not block.
 *
 * <p>Thread-safe: channel bookkeeping changes under one lock, which is also held while the
 * (non-blocking) {@code SUBSCRIBE} and {@code UNSUBSCRIBE} are queued, so they reach Redis in the
 * order the bookkeeping changed.
 */
public final class RedisMessageBus implements MessageBus {
  private static final Logger log = LoggerFactory.getLogger(RedisMessageBus.class);

  private final RedisClusterAsyncCommands<String, String> commands;
  private final StatefulRedisPubSubConnection<String, String> pubSub;
  private final Object lock = new Object();
  private final Map<String, Channel> channels = new ConcurrentHashMap<>();
  private final List<Runnable> resubscribed = new CopyOnWriteArrayList<>();
  private volatile boolean lost;
  private boolean closed;

  /** Opens the bus's pub/sub connection; blocks while connecting, so call it at start-up. */
  public RedisMessageBus(RedisConnections connections) {
    this.commands = connections.async();
    this.pubSub = connections.connectPubSub();
    pubSub.addListener(new RedisPubSubAdapter<>() {
      @Override
      public void message(String channel, String message) {
        deliver(channel, message);
      }
    });
    pubSub.addListener(new RedisConnectionStateListener() {
      @Override
      public void onRedisDisconnected(RedisChannelHandler<?, ?> connection) {
        lost = true;
      }

      @Override
      public void onRedisConnected(RedisChannelHandler<?, ?> connection, SocketAddress address) {
        if (lost) {
          lost = false;
          resubscribe(address);
        }
      }
    });
  }

  @Override
  public void onResubscribed(Runnable listener) {
    resubscribed.add(Objects.requireNonNull(listener, "listener"));
  }

  /**
   * Subscribes again to every channel after the connection came back (Lettuce does too; this
   * tells when it is done), then tells the listeners that messages may have been missed.
   */
  private void resubscribe(SocketAddress address) {
    String[] names = channels.keySet().toArray(String[]::new);
    CompletableFuture<Void> done = names.length == 0 ? CompletableFuture.completedFuture(null)
        : RedisCalls.call("subscribe again", () -> pubSub.async().subscribe(names));
    done.whenComplete((ok, failure) -> {
      if (failure != null) {
        log.warn("subscribing again to {} channels at {} failed: {}", names.length, address,
            failure.toString());
      } else {
        log.info("message bus connected again to {}; {} channels subscribed", address,
            names.length);
      }
      for (Runnable listener : resubscribed) {
        try {
          listener.run();
        } catch (RuntimeException e) {
          log.warn("message bus resubscription listener failed", e);
        }
      }
    });
  }

  @Override
  public CompletionStage<Long> publish(String channel, String payload) {
    Objects.requireNonNull(channel, "channel");
    Objects.requireNonNull(payload, "payload");
    return RedisCalls.call("publish", () -> commands.publish(channel, payload));
  }

  @Override
  public CompletionStage<Subscription> subscribe(String channel, Consumer<String> listener) {
    Objects.requireNonNull(channel, "channel");
    Objects.requireNonNull(listener, "listener");
    Listener subscription;
    synchronized (lock) {
      if (closed) {
        return CompletableFuture.failedStage(
            new SwitchboardException(ErrorCode.UNAVAILABLE, "the message bus is closed"));
      }
      Channel state = channels.get(channel);
      if (state == null) {
        CompletableFuture<Void> subscribed =
            RedisCalls.call("subscribe", () -> pubSub.async().subscribe(channel));
        Channel created = new Channel(channel, subscribed);
        channels.put(channel, created);
        subscribed.whenComplete((ok, failure) -> {
          if (failure != null) {
            forget(created);
          }
        });
        state = created;
      }
      subscription = new Listener(state, listener);
      state.listeners.add(subscription);
    }
    return subscription.channel.subscribed.thenApply(ok -> subscription);
  }

  @Override
  public void close() {
    synchronized (lock) {
      if (closed) {
        return;
      }
      closed = true;
      channels.clear();
    }
    pubSub.close();
  }

  /** How many channels this node listens to; for metrics and tests. */
  public int channelCount() {
    return channels.size();
  }

  private void deliver(String channel, String message) {
    Channel state = channels.get(channel);
    if (state == null) {
      return;
    }
    for (Listener listener : state.listeners) {
      try {
        listener.consumer.accept(message);
      } catch (RuntimeException e) {
        log.warn("message bus listener on channel {} failed", channel, e);
      }
    }
  }

  private void remove(Listener listener) {
    Channel state = listener.channel;
    synchronized (lock) {
      state.listeners.remove(listener);
      if (!state.listeners.isEmpty() || channels.get(state.name) != state) {
        return;
      }
      channels.remove(state.name);
      pubSub.async().unsubscribe(state.name).whenComplete((ok, failure) -> {
        if (failure != null) {
          // Redis keeps sending to this connection until it reconnects; deliver() drops those.
          log.debug("unsubscribe from {} failed", state.name, failure);
        }
      });
    }
  }

  private void forget(Channel state) {
    synchronized (lock) {
      if (channels.get(state.name) == state) {
        channels.remove(state.name);
      }
    }
  }

  /** The local listeners of one channel and the outcome of its {@code SUBSCRIBE}. */
  private static final class Channel {
    final String name;
    final CompletableFuture<Void> subscribed;
    final List<Listener> listeners = new CopyOnWriteArrayList<>();

    Channel(String name, CompletableFuture<Void> subscribed) {
      this.name = name;
      this.subscribed = subscribed;
    }
  }

  private final class Listener implements Subscription {
    final Channel channel;
    final Consumer<String> consumer;
    final AtomicBoolean closed = new AtomicBoolean();

    Listener(Channel channel, Consumer<String> consumer) {
      this.channel = channel;
      this.consumer = consumer;
    }

    @Override
    public String channel() {
      return channel.name;
    }

    @Override
    public void close() {
      if (closed.compareAndSet(false, true)) {
        remove(this);
      }
    }
  }
}
