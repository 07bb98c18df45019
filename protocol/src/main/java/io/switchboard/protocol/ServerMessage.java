package io.switchboard.protocol;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A reply or an event from the server to a client. Replies carry the {@code id} of the command
 * they answer; events about a conversation carry its {@code conversationId}, and chat messages
 * carry their per-conversation {@code seq}. See PROTOCOL.md section 5.
 *
 * <p>All variants are immutable records and thread-safe.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
  @JsonSubTypes.Type(value = ServerMessage.Welcome.class, name = "welcome"),
  @JsonSubTypes.Type(value = ServerMessage.Started.class, name = "started"),
  @JsonSubTypes.Type(value = ServerMessage.Ack.class, name = "ack"),
  @JsonSubTypes.Type(value = ServerMessage.Ok.class, name = "ok"),
  @JsonSubTypes.Type(value = ServerMessage.Resumed.class, name = "resumed"),
  @JsonSubTypes.Type(value = ServerMessage.Pong.class, name = "pong"),
  @JsonSubTypes.Type(value = ServerMessage.Message.class, name = "message"),
  @JsonSubTypes.Type(value = ServerMessage.Typing.class, name = "typing"),
  @JsonSubTypes.Type(value = ServerMessage.QueuePosition.class, name = "queue"),
  @JsonSubTypes.Type(value = ServerMessage.Assigned.class, name = "assigned"),
  @JsonSubTypes.Type(value = ServerMessage.AgentJoined.class, name = "agent_joined"),
  @JsonSubTypes.Type(value = ServerMessage.ReadUpTo.class, name = "read"),
  @JsonSubTypes.Type(value = ServerMessage.Closed.class, name = "closed"),
  @JsonSubTypes.Type(value = ServerMessage.Error.class, name = "error"),
  @JsonSubTypes.Type(value = ServerMessage.NoteAdded.class, name = "note"),
  @JsonSubTypes.Type(value = ServerMessage.Transferred.class, name = "transferred"),
  @JsonSubTypes.Type(value = ServerMessage.Unassigned.class, name = "unassigned"),
  @JsonSubTypes.Type(value = ServerMessage.VisitorContext.class, name = "context"),
  @JsonSubTypes.Type(value = ServerMessage.Rated.class, name = "rated"),
  @JsonSubTypes.Type(value = ServerMessage.TicketChanged.class, name = "ticket"),
  @JsonSubTypes.Type(value = ServerMessage.SlaAlert.class, name = "sla"),
  @JsonSubTypes.Type(value = ServerMessage.Invite.class, name = "invite"),
})
@JsonInclude(JsonInclude.Include.NON_NULL)
public sealed interface ServerMessage {

  /** Who wrote a message or is typing: a role ({@code visitor}, {@code agent}) and an id. */
  record Participant(String role, String id, String name) {
    public Participant {
      Fields.requireText("role", role, 16);
      Fields.requireText("id", id, 64);
    }
  }

  /** The state of one open conversation, as listed in {@code welcome}. */
  record ConversationState(
      String conversationId, String status, String queue, long lastSeq, Participant agent) {
    public ConversationState {
      Fields.requireText("conversationId", conversationId, 64);
      Fields.requireText("status", status, 16);
    }
  }

  /**
   * First frame after the upgrade: who the server thinks you are, and your open conversations.
   * For staff, {@code status} is their presence right now (feature level 2).
   */
  record Welcome(
      String role,
      String userId,
      String name,
      int featureLevel,
      Instant serverTime,
      List<ConversationState> conversations,
      String status)
      implements ServerMessage {
    public Welcome {
      Fields.requireText("role", role, 16);
      Fields.requireText("userId", userId, 64);
      Fields.require("serverTime", serverTime);
      conversations = conversations == null ? List.of() : List.copyOf(conversations);
    }

    /** A welcome without a presence status (visitors). */
    public Welcome(String role, String userId, String name, int featureLevel, Instant serverTime,
        List<ConversationState> conversations) {
      this(role, userId, name, featureLevel, serverTime, conversations, null);
    }
  }

  /** Reply to {@code start}: the conversation (new, or the visitor's open one). */
  record Started(
      String id, String conversationId, String status, String queue, long lastSeq,
      Instant createdAt)
      implements ServerMessage {
    public Started {
      Fields.requireId(id);
      Fields.requireText("conversationId", conversationId, 64);
      Fields.requireText("status", status, 16);
      Fields.require("createdAt", createdAt);
    }
  }

  /** Reply to {@code send}: the message is committed with this {@code seq}. */
  record Ack(String id, String conversationId, String clientMsgId, long seq, Instant at)
      implements ServerMessage {
    public Ack {
      Fields.requireId(id);
      Fields.requireText("conversationId", conversationId, 64);
      Fields.requireText("clientMsgId", clientMsgId, 64);
      Fields.require("at", at);
    }
  }

  /** Reply to a command that succeeded and has nothing else to say. */
  record Ok(String id) implements ServerMessage {
    public Ok {
      Fields.requireId(id);
    }
  }

  /**
   * Reply to {@code resume}, sent after the replayed messages. {@code lastSeq} is the newest seq
   * replayed; when {@code more} is true the client resumes again from it.
   */
  record Resumed(String id, String conversationId, String status, long lastSeq, boolean more)
      implements ServerMessage {
    public Resumed {
      Fields.requireId(id);
      Fields.requireText("conversationId", conversationId, 64);
      Fields.requireText("status", status, 16);
    }
  }

  /** Reply to {@code ping}. */
  record Pong(String id, Instant serverTime) implements ServerMessage {
    public Pong {
      Fields.requireId(id);
      Fields.require("serverTime", serverTime);
    }
  }

  /** A chat message, live or replayed. */
  record Message(
      String conversationId, long seq, String clientMsgId, Participant sender, String text,
      Instant at, @JsonInclude(JsonInclude.Include.NON_EMPTY) List<Attachment> attachments)
      implements ServerMessage {
    /** A message of text only. */
    public Message(String conversationId, long seq, String clientMsgId, Participant sender,
        String text, Instant at) {
      this(conversationId, seq, clientMsgId, sender, text, at, List.of());
    }

    public Message {
      Fields.requireText("conversationId", conversationId, 64);
      Fields.requireText("clientMsgId", clientMsgId, 64);
      Fields.require("sender", sender);
      Fields.require("text", text);
      Fields.require("at", at);
      if (seq < 1) {
        throw new IllegalArgumentException("seq: must be 1 or more");
      }
      attachments = attachments == null ? List.of() : List.copyOf(attachments);
    }
  }

  /**
   * A file on a message (feature level 8): {@code url} is a signed link, relative to the server,
   * that works until {@code expiresAt}; {@code GET /v1/attachments/{id}} gives a fresh one.
   * {@code image} marks raster images that may be shown inline.
   */
  record Attachment(String id, String name, long size, String contentType, boolean image,
      String url, Instant expiresAt) {
    public Attachment {
      Fields.requireText("id", id, 64);
      Fields.requireText("name", name, 255);
      Fields.requireText("contentType", contentType, 200);
      Fields.requireText("url", url, 2048);
      Fields.require("expiresAt", expiresAt);
    }
  }

  /** The other side started or stopped typing. */
  record Typing(String conversationId, String role, boolean active) implements ServerMessage {
    public Typing {
      Fields.requireText("conversationId", conversationId, 64);
      Fields.requireText("role", role, 16);
    }
  }

  /** To a waiting visitor: place in the queue (1 = next) and estimated wait in seconds. */
  record QueuePosition(String conversationId, int position, int estimatedWaitSeconds)
      implements ServerMessage {
    public QueuePosition {
      Fields.requireText("conversationId", conversationId, 64);
      if (position < 1) {
        throw new IllegalArgumentException("position: must be 1 or more");
      }
    }
  }

  /** To an agent: a conversation was assigned to you. */
  record Assigned(
      String conversationId, String queue, Participant visitor, Map<String, String> fields,
      long lastSeq, Instant at)
      implements ServerMessage {
    public Assigned {
      Fields.requireText("conversationId", conversationId, 64);
      Fields.require("visitor", visitor);
      Fields.require("at", at);
      fields = fields == null ? Map.of() : Map.copyOf(fields);
    }
  }

  /** To a visitor: an agent accepted the conversation. */
  record AgentJoined(String conversationId, Participant agent, Instant at)
      implements ServerMessage {
    public AgentJoined {
      Fields.requireText("conversationId", conversationId, 64);
      Fields.require("agent", agent);
      Fields.require("at", at);
    }
  }

  /** The other side has read everything up to and including {@code seq}. */
  record ReadUpTo(String conversationId, String role, long seq) implements ServerMessage {
    public ReadUpTo {
      Fields.requireText("conversationId", conversationId, 64);
      Fields.requireText("role", role, 16);
    }
  }

  /** The conversation is closed; {@code lastSeq} is its final message. */
  record Closed(String conversationId, String by, long lastSeq, String disposition, Instant at)
      implements ServerMessage {
    public Closed {
      Fields.requireText("conversationId", conversationId, 64);
      Fields.requireText("by", by, 16);
      Fields.require("at", at);
    }
  }

  /**
   * A command failed. {@code id} is the failed command's id, or absent when the frame could not be
   * read far enough to find one. {@code temporary} repeats {@link ErrorCode#temporary()}.
   * {@code retryAfterMs}, when present, says how long to wait before trying again (rate limits).
   */
  record Error(String id, ErrorCode code, String message, boolean temporary, Long retryAfterMs)
      implements ServerMessage {
    public Error {
      Fields.require("code", code);
      Fields.require("message", message);
    }

    public static Error of(String id, ErrorCode code, String message) {
      return new Error(id, code, message, code.temporary(), null);
    }

    /** An error that says when to retry; {@code retryAfterMs} may be null. */
    public static Error of(String id, ErrorCode code, String message, Long retryAfterMs) {
      return new Error(id, code, message, code.temporary(), retryAfterMs);
    }
  }

  /**
   * To staff following the conversation: a private note was added. From feature level 6,
   * {@code kind} is {@code "whisper"} for a supervisor's whisper to the agent (absent for a note).
   */
  record NoteAdded(String conversationId, long noteId, Participant author, String text, Instant at,
      String kind) implements ServerMessage {
    public NoteAdded {
      Fields.requireText("conversationId", conversationId, 64);
      Fields.require("author", author);
      Fields.require("text", text);
      Fields.require("at", at);
      if (kind != null && !kind.equals("whisper")) {
        throw new IllegalArgumentException("kind: absent or whisper");
      }
    }

    /** A note (not a whisper). */
    public NoteAdded(String conversationId, long noteId, Participant author, String text,
        Instant at) {
      this(conversationId, noteId, author, text, at, null);
    }
  }

  /** To everyone following: the conversation moved to another agent or queue. (Level 2.) */
  record Transferred(String conversationId, String toQueue, Participant toAgent, String note,
      Instant at) implements ServerMessage {
    public Transferred {
      Fields.requireText("conversationId", conversationId, 64);
      Fields.require("at", at);
    }
  }

  /** To an agent: a conversation is no longer theirs (for example transferred). (Level 2.) */
  record Unassigned(String conversationId, String reason) implements ServerMessage {
    public Unassigned {
      Fields.requireText("conversationId", conversationId, 64);
      Fields.requireText("reason", reason, 32);
    }
  }

  /**
   * To staff following the conversation: the visitor rated it (1-5, with an optional comment); a
   * second rating replaces the first. (Feature level 6.)
   */
  record Rated(String conversationId, int score, String comment, Instant at)
      implements ServerMessage {
    public Rated {
      Fields.requireText("conversationId", conversationId, 64);
      if (score < 1 || score > 5) {
        throw new IllegalArgumentException("score: 1 to 5");
      }
      Fields.require("at", at);
    }
  }

  /**
   * A ticket changed ({@code change}: created, reply, note, call, status, assigned, priority,
   * merged, ...). Staff of the ticket's team and its assignee get it for every change, so views
   * and counts stay live; the requester's widget gets it for changes they may see (public replies
   * and status). Fetch the ticket over REST for the details. (Feature level 7.)
   */
  record TicketChanged(String ticketId, String siteId, long number, String status, String change,
      Instant at) implements ServerMessage {
    public TicketChanged {
      Fields.requireText("ticketId", ticketId, 64);
      Fields.requireText("siteId", siteId, 64);
      Fields.requireText("status", status, 16);
      Fields.requireText("change", change, 32);
      Fields.require("at", at);
    }
  }

  /**
   * To the assignee and the supervisors of the ticket's team: an SLA clock of the ticket turned
   * at risk ({@code kind} at_risk) or breached ({@code breached}); each fires once. (Level 7.)
   */
  record SlaAlert(String ticketId, long number, String subject, String metric, String kind,
      Instant deadline, Instant at) implements ServerMessage {
    public SlaAlert {
      Fields.requireText("ticketId", ticketId, 64);
      Fields.requireText("metric", metric, 32);
      Fields.requireText("kind", kind, 16);
      Fields.require("at", at);
    }
  }

  /**
   * To a visitor's open widgets: an invitation to chat, from a campaign ({@code campaignId}) or
   * from an agent; {@code sender} names the agent, or is absent for the team. Replying starts a
   * conversation with {@code start} and {@code invitation}. (Level 9; older clients ignore it.)
   */
  record Invite(String invitationId, String campaignId, String text, Participant sender,
      Instant at) implements ServerMessage {
    public Invite {
      Fields.requireText("invitationId", invitationId, 64);
      Fields.requireText("text", text, 1000);
      Fields.require("at", at);
    }
  }

  /** To staff following the visitor's conversation: the page the visitor is on. (Level 2.) */
  record VisitorContext(String conversationId, String url, String title, String userAgent,
      String language, String timeZone, Instant at) implements ServerMessage {
    public VisitorContext {
      Fields.requireText("conversationId", conversationId, 64);
      Fields.require("url", url);
      Fields.require("at", at);
    }
  }
}
