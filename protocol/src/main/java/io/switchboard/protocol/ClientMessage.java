package io.switchboard.protocol;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.util.Map;

/**
 * A command from a client (visitor widget, agent console or SDK) to the server. Every command
 * carries an {@code id} chosen by the client, which the reply echoes. See PROTOCOL.md section 4.
 *
 * <p>All variants are immutable records and thread-safe. Compact constructors reject missing or
 * out-of-range fields with {@link IllegalArgumentException}, which the codec reports as
 * {@link ErrorCode#INVALID_FIELD}.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
  @JsonSubTypes.Type(value = ClientMessage.Start.class, name = "start"),
  @JsonSubTypes.Type(value = ClientMessage.Send.class, name = "send"),
  @JsonSubTypes.Type(value = ClientMessage.Typing.class, name = "typing"),
  @JsonSubTypes.Type(value = ClientMessage.SetStatus.class, name = "status"),
  @JsonSubTypes.Type(value = ClientMessage.Accept.class, name = "accept"),
  @JsonSubTypes.Type(value = ClientMessage.Close.class, name = "close"),
  @JsonSubTypes.Type(value = ClientMessage.Resume.class, name = "resume"),
  @JsonSubTypes.Type(value = ClientMessage.Read.class, name = "read"),
  @JsonSubTypes.Type(value = ClientMessage.Ping.class, name = "ping"),
})
public sealed interface ClientMessage {
  /** The client's command id, echoed in the reply. */
  String id();

  /** Visitor: open a conversation (or get the open one back) in a queue, with pre-chat fields. */
  record Start(String id, String queue, Map<String, String> fields) implements ClientMessage {
    public Start {
      Fields.requireId(id);
      Fields.optionalText("queue", queue, 64);
      if (fields == null) {
        fields = Map.of();
      }
      if (fields.size() > 32) {
        throw new IllegalArgumentException("fields: at most 32 pre-chat fields");
      }
      fields.forEach((key, value) -> {
        Fields.requireText("fields: a field name", key, 64);
        Fields.requireText("fields." + key, value, 1024);
      });
      fields = Map.copyOf(fields);
    }
  }

  /** Visitor or agent: post a chat message. {@code clientMsgId} makes retries idempotent. */
  record Send(String id, String conversationId, String clientMsgId, String text)
      implements ClientMessage {
    public Send {
      Fields.requireId(id);
      Fields.requireText("conversationId", conversationId, 64);
      Fields.requireText("clientMsgId", clientMsgId, 64);
      Fields.requireText("text", text, Integer.MAX_VALUE);
    }
  }

  /** Visitor or agent: typing started ({@code active=true}) or stopped. */
  record Typing(String id, String conversationId, boolean active) implements ClientMessage {
    public Typing {
      Fields.requireId(id);
      Fields.requireText("conversationId", conversationId, 64);
    }
  }

  /** Agent: set presence status: {@code online}, {@code away} or {@code offline}. */
  record SetStatus(String id, String status) implements ClientMessage {
    public SetStatus {
      Fields.requireId(id);
      Fields.requireOneOf("status", status, "online", "away", "offline");
    }
  }

  /** Agent: accept an assigned conversation; the visitor is told the agent joined. */
  record Accept(String id, String conversationId) implements ClientMessage {
    public Accept {
      Fields.requireId(id);
      Fields.requireText("conversationId", conversationId, 64);
    }
  }

  /** Agent (assignee) or visitor (own conversation): close a conversation. */
  record Close(String id, String conversationId, String disposition) implements ClientMessage {
    public Close {
      Fields.requireId(id);
      Fields.requireText("conversationId", conversationId, 64);
      Fields.optionalText("disposition", disposition, 64);
    }
  }

  /** Both: replay every message after {@code lastSeq}, in order, then follow live. */
  record Resume(String id, String conversationId, long lastSeq) implements ClientMessage {
    public Resume {
      Fields.requireId(id);
      Fields.requireText("conversationId", conversationId, 64);
      if (lastSeq < 0) {
        throw new IllegalArgumentException("lastSeq: must be 0 or more");
      }
    }
  }

  /** Both: everything up to and including {@code seq} has been read. */
  record Read(String id, String conversationId, long seq) implements ClientMessage {
    public Read {
      Fields.requireId(id);
      Fields.requireText("conversationId", conversationId, 64);
      if (seq < 0) {
        throw new IllegalArgumentException("seq: must be 0 or more");
      }
    }
  }

  /** Both: application-level keepalive; the server answers {@code pong}. */
  record Ping(String id) implements ClientMessage {
    public Ping {
      Fields.requireId(id);
    }
  }
}
