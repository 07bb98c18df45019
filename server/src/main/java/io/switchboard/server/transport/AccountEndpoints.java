package io.switchboard.server.transport;

import com.fasterxml.jackson.databind.JsonNode;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.switchboard.protocol.ErrorCode;
import io.switchboard.server.audit.AuditLog;
import io.switchboard.server.auth.AgentTokens;
import io.switchboard.server.auth.AuthService;
import io.switchboard.server.util.Futures;
import io.switchboard.server.util.LogContext;
import io.switchboard.server.auth.identity.IdentityProof;
import io.switchboard.server.delivery.SignOut;
import io.switchboard.server.util.SwitchboardException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Getting in and out: {@code POST /v1/visitors} (a visitor token for a site), {@code POST
 * /v1/agents/login} and {@code POST /v1/agents/logout} (which revokes that token, or with {@code
 * {"everywhere": true}} all the user's tokens, and closes the matching sockets on every node).
 *
 * <p>Thread-safe: stateless.
 */
final class AccountEndpoints {
  private static final org.slf4j.Logger LOG =
      org.slf4j.LoggerFactory.getLogger(AccountEndpoints.class);
  private final TransportContext context;

  AccountEndpoints(TransportContext context) {
    this.context = context;
  }

  void visitorToken(ChannelHandlerContext ctx, FullHttpRequest request, QueryStringDecoder uri) {
    JsonNode body = HttpReplies.jsonBody(ctx, request);
    if (body == null) {
      return;
    }
    String siteKey;
    String visitorToken;
    IdentityProof proof;
    String visitPass;
    try {
      siteKey = required(body, "siteKey");
      visitorToken = HttpReplies.text(body, "visitorToken");
      visitPass = HttpReplies.text(body, "visitPass");
      proof = IdentityProof.parse(body.get("identity"));
    } catch (SwitchboardException e) {
      HttpReplies.error(ctx, request, e);
      return;
    }
    request.retain();
    String address = context.clientAddress(ctx, request);
    HttpReplies.reply(ctx, request, context.limiter()
        .acquire(address, context.config().security().rates().visitorTokens())
        .thenCompose(allowed -> context.auth().visitorToken(siteKey, visitorToken, proof,
            visitPass))
        .thenApply(credentials -> {
          Map<String, Object> reply = new LinkedHashMap<>();
          reply.put("visitorToken", credentials.token());
          reply.put("contactId", credentials.contactId().toString());
          reply.put("siteId", credentials.siteId());
          if (credentials.mergedFrom() != null) {
            reply.put("mergedFrom", credentials.mergedFrom().toString());
          }
          return new HttpReplies.Json(HttpResponseStatus.OK, reply);
        }));
  }

  void login(ChannelHandlerContext ctx, FullHttpRequest request, QueryStringDecoder uri) {
    JsonNode body = HttpReplies.jsonBody(ctx, request);
    if (body == null) {
      return;
    }
    String email;
    String password;
    try {
      email = required(body, "email");
      password = required(body, "password");
    } catch (SwitchboardException e) {
      HttpReplies.error(ctx, request, e);
      return;
    }
    request.retain();
    String address = context.clientAddress(ctx, request);
    HttpReplies.reply(ctx, request, context.auth().login(email, password, address)
        .whenComplete((login, error) -> auditLogin(email, address, login, error))
        .thenApply(login -> {
      Map<String, Object> reply = new LinkedHashMap<>();
      reply.put("token", login.token());
      reply.put("userId", login.userId().toString());
      reply.put("role", login.role());
      reply.put("name", login.name());
      reply.put("expiresAt", login.expiresAt().toString());
      return new HttpReplies.Json(HttpResponseStatus.OK, reply);
    }));
  }

  /** Sign-ins go to the audit log: who, from where, and how it ended. */
  private void auditLogin(String email, String address, AuthService.Login login, Throwable error) {
    if (error != null) {
      countLogin(switch (Futures.asSwitchboard(error).code()) {
        case UNAUTHORIZED -> "failed";
        case RATE_LIMITED -> "refused";
        default -> "error";
      });
    }
    if (error == null) {
      LogContext.with(LogContext.USER, login.userId().toString(),
          () -> countLogin("succeeded"));
      context.audit().record(new AuditLog.Event(login.userId().toString(), login.role(),
          "login.succeeded", "user", login.userId().toString(), address, null, null));
      return;
    }
    // Refusals while locked are not recorded one by one (a flood would fill the log): the lock
    // itself is, once, by the login guard.
    if (Futures.asSwitchboard(error).code() == ErrorCode.UNAUTHORIZED) {
      context.audit().record(new AuditLog.Event(null, "anonymous", "login.failed", "email",
          AuditLog.shortened(email), address, null, null));
    }
  }

  /** Sign-ins by outcome: succeeded, failed (wrong credentials), refused (locked), error. */
  private void countLogin(String outcome) {
    LOG.info("sign-in {}", outcome);
    if (context.metrics() != null) {
      context.metrics().registry().counter("switchboard.logins", "outcome", outcome).increment();
    }
  }

  /** A required string field; {@code INVALID_FIELD} naming it when absent, blank or not a string. */
  private static String required(JsonNode body, String field) {
    String value = HttpReplies.text(body, field);
    if (value == null) {
      throw new SwitchboardException(ErrorCode.INVALID_FIELD, field + ": required string");
    }
    return value;
  }

  void logout(ChannelHandlerContext ctx, FullHttpRequest request, QueryStringDecoder uri) {
    String token = WebSocketUpgrade.bearer(request.headers().get(HttpHeaderNames.AUTHORIZATION));
    if (token == null) {
      HttpReplies.error(ctx, request, HttpResponseStatus.UNAUTHORIZED, ErrorCode.UNAUTHORIZED,
          "Authorization: Bearer <token> is required");
      return;
    }
    boolean everywhere = false;
    if (request.content().isReadable()) {
      JsonNode body = HttpReplies.jsonBody(ctx, request);
      if (body == null) {
        return;
      }
      JsonNode flag = body.get("everywhere");
      if (flag != null && !flag.isNull() && !flag.isBoolean()) {
        HttpReplies.error(ctx, request, HttpResponseStatus.BAD_REQUEST, ErrorCode.INVALID_FIELD,
            "everywhere: must be true or false");
        return;
      }
      everywhere = flag != null && flag.asBoolean();
    }
    SignOut signedOut = everywhere ? SignOut.all() : SignOut.token(AgentTokens.hash(token));
    request.retain();
    HttpReplies.reply(ctx, request, context.auth().logout(token, everywhere).thenApply(user -> {
      user.ifPresent(id -> context.lifecycle().signedOut(id, signedOut));
      return new HttpReplies.Json(HttpResponseStatus.NO_CONTENT, null);
    }));
  }

}
