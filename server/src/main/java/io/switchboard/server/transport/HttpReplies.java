package io.switchboard.server.transport;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.AttributeKey;
import io.switchboard.protocol.ErrorCode;
import io.switchboard.server.api.ApiResponse;
import io.switchboard.server.api.Download;
import io.switchboard.server.util.Futures;
import io.switchboard.server.util.SwitchboardException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Writes HTTP responses: JSON bodies, the shared error shape
 * {@code {"error":{"code":..,"message":..}}}, and security headers on every response.
 *
 * <p>Stateless and thread-safe.
 */
final class HttpReplies {
  static final ObjectMapper JSON = new ObjectMapper();

  /** A status and a body to be serialised as JSON (null for no body), or text with its type. */
  record Json(HttpResponseStatus status, Object body, String contentType) {
    Json(HttpResponseStatus status, Object body) {
      this(status, body, null);
    }
  }

  /** A request whose answer pages on {@code origin} may read (a cross-origin REST route). */
  private record CrossOrigin(FullHttpRequest request, String origin) {}

  private static final AttributeKey<CrossOrigin> CROSS_ORIGIN =
      AttributeKey.valueOf("switchboard.crossOrigin");

  private HttpReplies() {}

  /**
   * The answer to {@code request}, error or not, tells the browser that scripts on {@code origin}
   * may read it. Requests on one connection are answered one at a time, so the mark is the
   * channel's until that answer is sent.
   */
  static void allowOrigin(ChannelHandlerContext ctx, FullHttpRequest request, String origin) {
    ctx.channel().attr(CROSS_ORIGIN).set(new CrossOrigin(request, origin));
  }

  static void json(ChannelHandlerContext ctx, FullHttpRequest request, HttpResponseStatus status,
      Object body) {
    send(ctx, request, jsonResponse(status, body));
  }

  private static FullHttpResponse jsonResponse(HttpResponseStatus status, Object body) {
    byte[] bytes;
    try {
      bytes = body == null ? new byte[0] : JSON.writeValueAsBytes(body);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
    FullHttpResponse response = new DefaultFullHttpResponse(
        HttpVersion.HTTP_1_1, status, Unpooled.wrappedBuffer(bytes));
    if (body != null) {
      response.headers().set(HttpHeaderNames.CONTENT_TYPE, "application/json; charset=utf-8");
    }
    response.headers().set(HttpHeaderNames.CACHE_CONTROL, "no-store");
    return response;
  }

  static void error(ChannelHandlerContext ctx, FullHttpRequest request, HttpResponseStatus status,
      ErrorCode code, String message) {
    json(ctx, request, status, Map.of("error", Map.of("code", code.wire(), "message", message)));
  }

  /**
   * The error shape for a {@link SwitchboardException}: one that lifts by itself also carries
   * {@code retryAfterMs} in the body and a {@code Retry-After} header (whole seconds, rounded up).
   */
  static void error(ChannelHandlerContext ctx, FullHttpRequest request, SwitchboardException e) {
    Long retryAfterMs = e.retryAfterMillis();
    if (retryAfterMs == null) {
      error(ctx, request, statusFor(e.code()), e.code(), e.getMessage());
      return;
    }
    FullHttpResponse response = jsonResponse(statusFor(e.code()), Map.of("error", Map.of(
        "code", e.code().wire(), "message", e.getMessage(), "retryAfterMs", retryAfterMs)));
    response.headers().set(HttpHeaderNames.RETRY_AFTER, (retryAfterMs + 999) / 1000);
    send(ctx, request, response);
  }

  static void send(ChannelHandlerContext ctx, FullHttpRequest request, FullHttpResponse response) {
    CrossOrigin cross = ctx.channel().attr(CROSS_ORIGIN).get();
    if (cross != null && cross.request() == request) {
      ctx.channel().attr(CROSS_ORIGIN).set(null);
      response.headers().set(HttpHeaderNames.ACCESS_CONTROL_ALLOW_ORIGIN, cross.origin());
      response.headers().add(HttpHeaderNames.VARY, HttpHeaderNames.ORIGIN);
    }
    response.headers().set("X-Content-Type-Options", "nosniff");
    response.headers().set("Referrer-Policy", "no-referrer");
    // A HEAD answer carries the length its GET would have; a 304 carries none.
    if (!response.headers().contains(HttpHeaderNames.CONTENT_LENGTH)
        && !response.status().equals(HttpResponseStatus.NOT_MODIFIED)) {
      HttpUtil.setContentLength(response, response.content().readableBytes());
    }
    boolean keepAlive = HttpUtil.isKeepAlive(request) && response.status().code() < 500;
    if (keepAlive) {
      response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
      ctx.writeAndFlush(response);
    } else {
      response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
      ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
    }
  }

  /** Parses the request body as a JSON object, or answers 400 and returns null. */
  static JsonNode jsonBody(ChannelHandlerContext ctx, FullHttpRequest request) {
    ByteBuf content = request.content();
    try {
      JsonNode node = JSON.readTree(content.toString(StandardCharsets.UTF_8));
      if (node != null && node.isObject()) {
        return node;
      }
    } catch (JsonProcessingException e) {
      error(ctx, request, HttpResponseStatus.BAD_REQUEST, ErrorCode.BAD_REQUEST,
          "malformed JSON: " + e.getOriginalMessage());
      return null;
    }
    error(ctx, request, HttpResponseStatus.BAD_REQUEST, ErrorCode.BAD_REQUEST,
        "the body must be a JSON object");
    return null;
  }

  /** Writes a text body (an export) with its content type, as a download. */
  static void text(ChannelHandlerContext ctx, FullHttpRequest request, HttpResponseStatus status,
      String contentType, String body) {
    download(ctx, request, status, contentType, body.getBytes(StandardCharsets.UTF_8));
  }

  /** A page shown in the browser (not a download), under its own Content-Security-Policy. */
  static void page(ChannelHandlerContext ctx, FullHttpRequest request, HttpResponseStatus status,
      ApiResponse.Page page) {
    FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status,
        Unpooled.wrappedBuffer(page.html().getBytes(StandardCharsets.UTF_8)));
    response.headers().set(HttpHeaderNames.CONTENT_TYPE, "text/html; charset=utf-8");
    response.headers().set("Content-Security-Policy", page.contentSecurityPolicy());
    response.headers().set(HttpHeaderNames.CACHE_CONTROL, "no-store");
    send(ctx, request, response);
  }

  /** A download of bytes sent as they are (such as a raw mail), never shown inline. */
  static void download(ChannelHandlerContext ctx, FullHttpRequest request,
      HttpResponseStatus status, String contentType, byte[] body) {
    download(ctx, request, status, contentType, body, "attachment");
  }

  /** A download with its {@code Content-Disposition} (such as a file name to save it under). */
  static void download(ChannelHandlerContext ctx, FullHttpRequest request,
      HttpResponseStatus status, String contentType, byte[] body, String disposition) {
    FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status,
        Unpooled.wrappedBuffer(body));
    response.headers().set(HttpHeaderNames.CONTENT_TYPE, contentType);
    response.headers().set("X-Content-Type-Options", "nosniff");
    response.headers().set(HttpHeaderNames.CONTENT_DISPOSITION, disposition);
    response.headers().set(HttpHeaderNames.CACHE_CONTROL, "no-store");
    send(ctx, request, response);
  }

  /**
   * Writes the future's answer on the event loop once it completes (an error as the contract's
   * error body) and releases the request, which the caller retained.
   */
  static void reply(ChannelHandlerContext ctx, FullHttpRequest request,
      CompletableFuture<Json> future) {
    future.whenComplete((json, error) -> ctx.executor().execute(() -> {
      try {
        if (error == null && json.body() instanceof ApiResponse.Page page) {
          page(ctx, request, json.status(), page);
        } else if (error == null && json.body() instanceof Download file) {
          download(ctx, request, json.status(), json.contentType(), file.bytes(),
              "attachment; filename=\"" + file.fileName() + "\"");
        } else if (error == null && json.contentType() != null
            && json.body() instanceof byte[] bytes) {
          download(ctx, request, json.status(), json.contentType(), bytes);
        } else if (error == null && json.contentType() != null) {
          text(ctx, request, json.status(), json.contentType(), String.valueOf(json.body()));
        } else if (error == null) {
          json(ctx, request, json.status(), json.body());
        } else {
          error(ctx, request, Futures.asSwitchboard(error));
        }
      } finally {
        request.release();
      }
    }));
  }

  /**
   * A non-blank string field of a JSON body, or null when it is absent, null or blank; {@code
   * INVALID_FIELD} naming the field when it has another JSON type.
   */
  static String text(JsonNode body, String field) {
    JsonNode node = body.get(field);
    if (node == null || node.isNull()) {
      return null;
    }
    if (!node.isTextual()) {
      throw new SwitchboardException(ErrorCode.INVALID_FIELD, field + ": must be a string");
    }
    return node.asText().isBlank() ? null : node.asText();
  }

  static HttpResponseStatus statusFor(ErrorCode code) {
    return switch (code) {
      case BAD_REQUEST, INVALID_FIELD, UNKNOWN_TYPE, TOO_LARGE -> HttpResponseStatus.BAD_REQUEST;
      case FILE_TOO_LARGE -> HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE;
      case UNSUPPORTED_TYPE -> HttpResponseStatus.UNSUPPORTED_MEDIA_TYPE;
      case UNAUTHORIZED -> HttpResponseStatus.UNAUTHORIZED;
      case FORBIDDEN -> HttpResponseStatus.FORBIDDEN;
      case NOT_FOUND -> HttpResponseStatus.NOT_FOUND;
      case CONFLICT, CONVERSATION_CLOSED, RESUME_GAP, QUEUE_CLOSED -> HttpResponseStatus.CONFLICT;
      case RATE_LIMITED -> HttpResponseStatus.TOO_MANY_REQUESTS;
      case UNAVAILABLE, TIMEOUT -> HttpResponseStatus.SERVICE_UNAVAILABLE;
      case INTERNAL -> HttpResponseStatus.INTERNAL_SERVER_ERROR;
    };
  }
}
