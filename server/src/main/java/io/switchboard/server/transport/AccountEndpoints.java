package io.switchboard.server.transport;

import com.fasterxml.jackson.databind.JsonNode;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.switchboard.protocol.ErrorCode;
import io.switchboard.server.auth.identity.IdentityProof;
import io.switchboard.server.util.SwitchboardException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Getting in and out: {@code POST /v1/visitors} (a visitor token for a site), {@code POST
 * /v1/agents/login} and {@code POST /v1/agents/logout} (which also closes the user's sockets on
 * this node; other nodes find the token revoked).
 *
 * <p>Thread-safe: stateless.
 */
final class AccountEndpoints {
  private final TransportContext context;

  AccountEndpoints(TransportContext context) {
    this.context = context;
  }

  void visitorToken(ChannelHandlerContext ctx, FullHttpRequest request, QueryStringDecoder uri) {
    JsonNode body = HttpReplies.jsonBody(ctx, request);
    if (body == null) {
      return;
    }
    String siteKey = HttpReplies.text(body, "siteKey");
    if (siteKey == null) {
      HttpReplies.error(ctx, request, HttpResponseStatus.BAD_REQUEST, ErrorCode.INVALID_FIELD,
          "siteKey: required string");
      return;
    }
    IdentityProof proof;
    try {
      proof = IdentityProof.parse(body.get("identity"));
    } catch (SwitchboardException e) {
      HttpReplies.error(ctx, request, e);
      return;
    }
    request.retain();
    HttpReplies.reply(ctx, request, context.auth()
        .visitorToken(siteKey, HttpReplies.text(body, "visitorToken"), proof)
        .thenApply(credentials -> new HttpReplies.Json(HttpResponseStatus.OK, Map.of(
            "visitorToken", credentials.token(),
            "contactId", credentials.contactId().toString(),
            "siteId", credentials.siteId()))));
  }

  void login(ChannelHandlerContext ctx, FullHttpRequest request, QueryStringDecoder uri) {
    JsonNode body = HttpReplies.jsonBody(ctx, request);
    if (body == null) {
      return;
    }
    String email = HttpReplies.text(body, "email");
    String password = HttpReplies.text(body, "password");
    if (email == null || password == null) {
      HttpReplies.error(ctx, request, HttpResponseStatus.BAD_REQUEST, ErrorCode.INVALID_FIELD,
          (email == null ? "email" : "password") + ": required string");
      return;
    }
    request.retain();
    HttpReplies.reply(ctx, request, context.auth().login(email, password).thenApply(login -> {
      Map<String, Object> reply = new LinkedHashMap<>();
      reply.put("token", login.token());
      reply.put("userId", login.userId().toString());
      reply.put("role", login.role());
      reply.put("name", login.name());
      reply.put("expiresAt", login.expiresAt().toString());
      return new HttpReplies.Json(HttpResponseStatus.OK, reply);
    }));
  }

  void logout(ChannelHandlerContext ctx, FullHttpRequest request, QueryStringDecoder uri) {
    String token = WebSocketUpgrade.bearer(request.headers().get(HttpHeaderNames.AUTHORIZATION));
    if (token == null) {
      HttpReplies.error(ctx, request, HttpResponseStatus.UNAUTHORIZED, ErrorCode.UNAUTHORIZED,
          "Authorization: Bearer <token> is required");
      return;
    }
    request.retain();
    HttpReplies.reply(ctx, request, context.auth().logout(token).thenApply(revokedUser -> {
      revokedUser.ifPresent(userId -> context.sessions().revokeUser(userId));
      return new HttpReplies.Json(HttpResponseStatus.NO_CONTENT, null);
    }));
  }
}
