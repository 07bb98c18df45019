package io.switchboard.server.transport;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.PrematureChannelClosureException;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.websocketx.CorruptedWebSocketFrameException;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler.HandshakeComplete;
import io.netty.handler.timeout.IdleState;
import io.netty.handler.timeout.IdleStateEvent;
import io.switchboard.protocol.ClientMessage;
import io.switchboard.protocol.DisconnectCode;
import io.switchboard.protocol.ServerMessage;
import io.switchboard.server.delivery.Session;
import io.switchboard.server.util.Futures;
import io.switchboard.server.util.LogContext;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import io.switchboard.server.util.SwitchboardException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns decoded commands into service calls and writes their replies. It keeps no chat state of
 * its own: the {@link Session} holds the connection's identity and delivery cursors, the services
 * hold everything else. Domain failures become {@code error} events; the connection stays up.
 *
 * <p>Not shared: one instance per connection, called on its event loop.
 */
final class SessionHandler extends SimpleChannelInboundHandler<Object> {
  private static final Logger LOG = LoggerFactory.getLogger(SessionHandler.class);

  private final Session session;
  private final TransportContext context;

  SessionHandler(Session session, TransportContext context) {
    this.session = session;
    this.context = context;
  }

  @Override
  public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
    if (event instanceof HandshakeComplete) {
      if (context.readiness() != null && context.readiness().draining()) {
        // Upgraded while the node began to drain: send it on like every other socket.
        session.close(DisconnectCode.GOING_AWAY, "server restarting; reconnect");
        return;
      }
      withMdc(() -> LOG.info("session opened ({})", session.principal().role().wire()));
      context.lifecycle().open(session);
    } else if (event instanceof IdleStateEvent idle) {
      if (idle.state() == IdleState.READER_IDLE) {
        session.close(DisconnectCode.IDLE_TIMEOUT, "no frame within the idle timeout");
      }
    } else {
      super.userEventTriggered(ctx, event);
    }
  }

  @Override
  protected void channelRead0(ChannelHandlerContext ctx, Object message) {
    if (message instanceof FrameCodec.Undecodable undecodable) {
      var problem = undecodable.problem();
      session.send(ServerMessage.Error.of(problem.commandId(), problem.code(), problem.getMessage()));
      return;
    }
    if (!(message instanceof ClientMessage command)) {
      return;
    }
    String conversationId = conversationOf(command);
    LogContext.with(LogContext.SESSION, session.id(), LogContext.USER, session.principal().id(),
        LogContext.CONVERSATION, conversationId, () -> handle(command, conversationId));
  }

  private void handle(ClientMessage command, String conversationId) {
    context.commands().handle(session, command).whenComplete((reply, error) -> {
      if (error == null) {
        if (reply != null) {
          session.send(reply);
        }
        return;
      }
      SwitchboardException failure = Futures.asSwitchboard(error);
      if (failure.getCause() != null && !(failure.getCause() instanceof SwitchboardException)) {
        LogContext.with(LogContext.SESSION, session.id(), LogContext.USER,
            session.principal().id(), LogContext.CONVERSATION, conversationId,
            () -> LOG.warn("command {} failed: {}", command.getClass().getSimpleName(),
                failure.getCause().toString()));
      }
      session.send(ServerMessage.Error.of(command.id(), failure.code(), failure.getMessage(),
          failure.retryAfterMillis()));
    });
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) throws Exception {
    if (session.principal() != null) {
      withMdc(() -> LOG.info("session closed"));
    }
    context.lifecycle().closed(session);
    super.channelInactive(ctx);
  }

  @Override
  public void channelWritabilityChanged(ChannelHandlerContext ctx) throws Exception {
    if (!ctx.channel().isWritable()) {
      withMdc(() -> LOG.info("disconnecting a slow consumer"));
      ctx.channel().close();
    }
    super.channelWritabilityChanged(ctx);
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    DisconnectCode code = closeCodeFor(cause);
    if (code == null) {
      withMdc(() -> LOG.debug("connection closed mid-message: {}", cause.toString()));
      return;
    }
    if (code == DisconnectCode.INTERNAL_ERROR) {
      withMdc(() -> LOG.warn("connection failed: {}", cause.toString()));
    }
    session.close(code, code == DisconnectCode.INTERNAL_ERROR ? "internal error"
        : code == DisconnectCode.MESSAGE_TOO_BIG ? "frame too large" : "protocol violation");
  }

  /**
   * The close code for a failure on the connection: 1009 for a message over the size limit (a
   * single frame, or fragments that add up past it), the code the frame decoder chose for a
   * protocol violation (1002, or 1007 for invalid UTF-8), and 1011 for anything unexpected. Null
   * when the connection closed while a fragmented message was still open: the peer is gone, there
   * is no one to tell, and it is no server fault (it used to be logged as one, a warning per
   * hostile client).
   */
  static DisconnectCode closeCodeFor(Throwable cause) {
    if (cause instanceof PrematureChannelClosureException) {
      return null;
    }
    if (cause instanceof TooLongFrameException) {
      return DisconnectCode.MESSAGE_TOO_BIG;
    }
    if (cause instanceof CorruptedWebSocketFrameException corrupted) {
      DisconnectCode code = DisconnectCode.fromCode(corrupted.closeStatus().code());
      return code != null ? code : DisconnectCode.PROTOCOL_ERROR;
    }
    return DisconnectCode.INTERNAL_ERROR;
  }

  private void withMdc(Runnable log) {
    LogContext.with(LogContext.SESSION, session.id(), LogContext.USER, session.principal().id(),
        null, null, log);
  }

  /** The command's {@code conversationId} when its type has one (read once per type). */
  static String conversationOf(ClientMessage command) {
    Method accessor = CONVERSATION_ID.get(command.getClass());
    if (accessor == null) {
      return null;
    }
    try {
      return (String) accessor.invoke(command);
    } catch (ReflectiveOperationException e) {
      return null;
    }
  }

  private static final ClassValue<Method> CONVERSATION_ID = new ClassValue<>() {
    @Override
    protected Method computeValue(Class<?> type) {
      if (!type.isRecord()) {
        return null;
      }
      for (RecordComponent component : type.getRecordComponents()) {
        if (component.getName().equals("conversationId") && component.getType() == String.class) {
          return component.getAccessor();
        }
      }
      return null;
    }
  };
}
