package io.switchboard.protocol;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.util.List;
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
  @JsonSubTypes.Type(value = ClientMessage.Note.class, name = "note"),
  @JsonSubTypes.Type(value = ClientMessage.Transfer.class, name = "transfer"),
  @JsonSubTypes.Type(value = ClientMessage.Rate.class, name = "rate"),
  @JsonSubTypes.Type(value = ClientMessage.Context.class, name = "context"),
  @JsonSubTypes.Type(value = ClientMessage.Profile.class, name = "profile"),
  @JsonSubTypes.Type(value = ClientMessage.Whisper.class, name = "whisper"),
  @JsonSubTypes.Type(value = ClientMessage.Barge.class, name = "barge"),
})
public sealed interface ClientMessage {
  /** The client's command id, echoed in the reply. */
  String id();

  /**
   * Visitor: open a conversation (or get the open one back) in a queue, with pre-chat fields and,
   * from feature level 4, the visitor's language (a {@link LanguageTag}, kept in its usual case).
   * From feature level 9, {@code invitation}: the id of the invitation the visitor replies to;
   * the conversation then starts in the invitation's queue with its text as the first message.
   */
  record Start(String id, String queue, Map<String, String> fields, String language,
      @JsonInclude(JsonInclude.Include.NON_NULL) String invitation) implements ClientMessage {
    /** A start without a language. */
    public Start(String id, String queue, Map<String, String> fields) {
      this(id, queue, fields, null, null);
    }

    /** A start that replies to no invitation. */
    public Start(String id, String queue, Map<String, String> fields, String language) {
      this(id, queue, fields, language, null);
    }

    public Start {
      Fields.requireId(id);
      Fields.optionalText("queue", queue, 64);
      Fields.optionalText("invitation", invitation, 64);
      if (language != null) {
        language = LanguageTag.canonical("language", language);
      }
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
  record Send(String id, String conversationId, String clientMsgId, String text,
      @JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> attachments)
      implements ClientMessage {
    /** The most attachments on one message. (Feature level 8.) */
    public static final int MAX_ATTACHMENTS = 10;

    /** A message of text only. */
    public Send(String id, String conversationId, String clientMsgId, String text) {
      this(id, conversationId, clientMsgId, text, List.of());
    }

    public Send {
      Fields.requireId(id);
      Fields.requireText("conversationId", conversationId, 64);
      Fields.requireText("clientMsgId", clientMsgId, 64);
      attachments = attachments == null ? List.of() : List.copyOf(attachments);
      if (attachments.size() > MAX_ATTACHMENTS) {
        throw new IllegalArgumentException(
            "attachments: at most " + MAX_ATTACHMENTS + " on one message");
      }
      for (String attachment : attachments) {
        Fields.requireText("attachments: an id", attachment, 64);
      }
      if (attachments.isEmpty() || text != null && !text.isEmpty()) {
        Fields.requireText("text", text, Integer.MAX_VALUE);
      } else {
        text = "";
      }
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

  /** Agent (assignee) or visitor (own conversation): close a conversation, with optional tags. */
  record Close(String id, String conversationId, String disposition,
      @JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> tags)
      implements ClientMessage {
    public Close {
      Fields.requireId(id);
      Fields.requireText("conversationId", conversationId, 64);
      Fields.optionalText("disposition", disposition, 64);
      tags = tags == null ? List.of() : tags;
      if (tags.size() > 10) {
        throw new IllegalArgumentException("tags: at most 10");
      }
      tags.forEach(tag -> Fields.requireText("tags: a tag", tag, 32));
      tags = List.copyOf(tags);
    }

    public Close(String id, String conversationId, String disposition) {
      this(id, conversationId, disposition, List.of());
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

  /** Staff: a private note in a conversation; never sent to the visitor. (Feature level 2.) */
  record Note(String id, String conversationId, String text) implements ClientMessage {
    public Note {
      Fields.requireId(id);
      Fields.requireText("conversationId", conversationId, 64);
      Fields.requireText("text", text, 8000);
    }
  }

  /**
   * Supervisor: a note to the agent of a conversation of their team, shown to staff only and
   * never to the visitor. (Feature level 6.)
   */
  record Whisper(String id, String conversationId, String text) implements ClientMessage {
    public Whisper {
      Fields.requireId(id);
      Fields.requireText("conversationId", conversationId, 64);
      Fields.requireText("text", text, 8000);
    }
  }

  /**
   * Supervisor: join a conversation of their team as a participant beside its agent; the visitor
   * is told, and the supervisor may then write. (Feature level 6.)
   */
  record Barge(String id, String conversationId) implements ClientMessage {
    public Barge {
      Fields.requireId(id);
      Fields.requireText("conversationId", conversationId, 64);
    }
  }

  /** Staff: hand a conversation to another agent or queue (exactly one). (Feature level 2.) */
  record Transfer(String id, String conversationId, String toAgentId, String toQueue, String note)
      implements ClientMessage {
    public Transfer {
      Fields.requireId(id);
      Fields.requireText("conversationId", conversationId, 64);
      Fields.optionalText("toAgentId", toAgentId, 64);
      Fields.optionalText("toQueue", toQueue, 64);
      Fields.optionalText("note", note, 2000);
      if ((toAgentId == null) == (toQueue == null)) {
        throw new IllegalArgumentException("toAgentId, toQueue: give exactly one");
      }
    }
  }

  /** Visitor: rate a closed conversation from 1 to 5. (Feature level 2.) */
  record Rate(String id, String conversationId, int score, String comment) implements ClientMessage {
    public Rate {
      Fields.requireId(id);
      Fields.requireText("conversationId", conversationId, 64);
      if (score < 1 || score > 5) {
        throw new IllegalArgumentException("score: must be 1 to 5");
      }
      Fields.optionalText("comment", comment, 2000);
    }
  }

  /** Visitor: the host page the visitor is on, and their browser. (Feature level 2.) */
  record Context(String id, String url, String title, String userAgent, String language,
      String timeZone) implements ClientMessage {
    public Context {
      Fields.requireId(id);
      Fields.requireText("url", url, 2048);
      Fields.optionalText("title", title, 512);
      Fields.optionalText("userAgent", userAgent, 512);
      Fields.optionalText("language", language, 35);
      Fields.optionalText("timeZone", timeZone, 64);
    }
  }

  /** Visitor: name, email or phone for the contact record. (Feature level 2.) */
  record Profile(String id, String name, String email, String phone) implements ClientMessage {
    public Profile {
      Fields.requireId(id);
      Fields.optionalText("name", name, 100);
      Fields.optionalText("email", email, 254);
      Fields.optionalText("phone", phone, 32);
    }
  }
}
