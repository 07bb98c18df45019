package io.switchboard.protocol;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.exc.InvalidTypeIdException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.type.LogicalType;
import java.time.Instant;
import java.util.stream.Collectors;

/**
 * The one JSON codec for protocol v1, used by the server and the SDK alike. Unknown fields are
 * ignored; timestamps are RFC 3339 UTC strings with milliseconds.
 *
 * <p>Thread-safe: the underlying mapper is configured once and then only read.
 */
public final class ProtocolCodec {
  /** The WebSocket subprotocol name for this codec. */
  public static final String SUBPROTOCOL = "switchboard.v1.json";
  /** Bumped on every additive protocol change; see the changelog in PROTOCOL.md. */
  public static final int FEATURE_LEVEL = 9;
  /**
   * Deepest nesting of arrays and objects a message may have. No v1 message nests more than 3
   * levels; Jackson's own default (1000) would let a hostile frame make the parser recurse far
   * deeper before it gives up.
   */
  public static final int MAX_NESTING_DEPTH = 32;
  /** Longest number, in characters, the parser reads (Jackson's default made explicit). */
  public static final int MAX_NUMBER_LENGTH = 1000;

  private final ObjectMapper mapper;
  private final ObjectReader clientReader;
  private final ObjectReader serverReader;

  public ProtocolCodec() {
    SimpleModule time = new SimpleModule("rfc3339-millis");
    time.addSerializer(Instant.class, new InstantFormat.Serializer());
    time.addDeserializer(Instant.class, new InstantFormat.Deserializer());
    this.mapper = JsonMapper.builder()
        .addModule(time)
        .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
        .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
        .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
        .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
        .serializationInclusion(JsonInclude.Include.NON_NULL)
        // The same field twice is ambiguous (which one counts?): refused as malformed.
        .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
        .build();
    // A JSON number or boolean where a string is expected is a wrong type, not a string.
    mapper.coercionConfigFor(LogicalType.Textual)
        .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
        .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
        .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
    mapper.getFactory().setStreamReadConstraints(StreamReadConstraints.builder()
        .maxNestingDepth(MAX_NESTING_DEPTH)
        .maxNumberLength(MAX_NUMBER_LENGTH)
        .build());
    this.clientReader = mapper.readerFor(ClientMessage.class);
    this.serverReader = mapper.readerFor(ServerMessage.class);
  }

  /** Decodes a client command, or explains precisely what is wrong with it. */
  public ClientMessage decodeClient(String json) throws ProtocolException {
    ClientMessage.Ping ping = Keepalive.ping(json);
    return ping != null ? ping : decode(json, ClientMessage.class, clientReader);
  }

  /** Decodes a server message (used by clients). */
  public ServerMessage decodeServer(String json) throws ProtocolException {
    return decode(json, ServerMessage.class, serverReader);
  }

  public String encode(ClientMessage message) {
    return write(message);
  }

  public String encode(ServerMessage message) {
    if (message instanceof ServerMessage.Pong pong) {
      String text = Keepalive.pong(pong);
      if (text != null) {
        return text;
      }
    }
    return write(message);
  }

  private String write(Object message) {
    try {
      return mapper.writeValueAsString(message);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot encode " + message.getClass().getSimpleName(), e);
    }
  }

  /**
   * Reads a valid message in one pass. Only when that fails is the text read again as a tree, to
   * say precisely what is wrong: profiles of busy nodes showed the tree-then-value reading of
   * every message among the costliest steps.
   */
  private <T> T decode(String json, Class<T> type, ObjectReader reader) throws ProtocolException {
    if (startsWithObject(json)) {
      try {
        T message = reader.readValue(json);
        if (message != null) {
          return message;
        }
      } catch (JsonProcessingException | RuntimeException e) {
        // explained below
      }
    }
    return explain(json, type);
  }

  /** Whether the first character after any white space opens an object (arrays never pass). */
  private static boolean startsWithObject(String json) {
    for (int i = 0; i < json.length(); i++) {
      char c = json.charAt(i);
      if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
        return c == '{';
      }
    }
    return false;
  }

  /** Decodes through a tree, turning each way a message can be wrong into a precise error. */
  private <T> T explain(String json, Class<T> type) throws ProtocolException {
    JsonNode tree;
    try {
      tree = mapper.readTree(json);
    } catch (StreamConstraintsException e) {
      throw new ProtocolException(
          ErrorCode.BAD_REQUEST, "malformed JSON: " + e.getOriginalMessage(), null, e);
    } catch (StreamReadException e) {
      throw new ProtocolException(
          ErrorCode.BAD_REQUEST, "malformed JSON: " + e.getOriginalMessage(), null, e);
    } catch (JsonProcessingException e) {
      throw new ProtocolException(ErrorCode.BAD_REQUEST, "malformed JSON", null, e);
    }
    if (tree == null || !tree.isObject()) {
      throw new ProtocolException(ErrorCode.BAD_REQUEST, "a message must be a JSON object", null, null);
    }
    JsonNode idNode = tree.get("id");
    String id = idNode != null && idNode.isTextual() ? idNode.asText() : null;
    JsonNode typeNode = tree.get("type");
    if (typeNode == null || typeNode.isNull()) {
      throw new ProtocolException(ErrorCode.INVALID_FIELD, "type: required", id, null);
    }
    if (!typeNode.isTextual()) {
      throw new ProtocolException(ErrorCode.INVALID_FIELD, "type: must be a string", id, null);
    }
    try {
      return mapper.treeToValue(tree, type);
    } catch (InvalidTypeIdException e) {
      throw new ProtocolException(
          ErrorCode.UNKNOWN_TYPE, "unknown message type \"" + typeNode.asText() + "\"", id, e);
    } catch (ValueInstantiationException e) {
      Throwable cause = e.getCause() != null ? e.getCause() : e;
      String message = cause.getMessage() != null ? cause.getMessage() : "invalid field value";
      throw new ProtocolException(ErrorCode.INVALID_FIELD, message, id, e);
    } catch (MismatchedInputException e) {
      throw new ProtocolException(
          ErrorCode.INVALID_FIELD, path(e) + ": wrong type, expected " + expected(e), id, e);
    } catch (JsonMappingException e) {
      throw new ProtocolException(ErrorCode.INVALID_FIELD, path(e) + ": invalid value", id, e);
    } catch (JsonProcessingException e) {
      throw new ProtocolException(ErrorCode.BAD_REQUEST, "malformed message", id, e);
    }
  }

  private static String path(JsonMappingException e) {
    String path = e.getPath().stream()
        .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
        .collect(Collectors.joining("."));
    return path.isEmpty() ? "message" : path;
  }

  private static String expected(MismatchedInputException e) {
    Class<?> target = e.getTargetType();
    if (target == null) {
      return "another JSON type";
    }
    if (target == String.class) {
      return "a string";
    }
    if (target == long.class || target == int.class || target == Long.class
        || target == Integer.class) {
      return "an integer";
    }
    if (target == boolean.class || target == Boolean.class) {
      return "a boolean";
    }
    if (java.util.Map.class.isAssignableFrom(target)) {
      return "an object";
    }
    return "a " + target.getSimpleName();
  }
}
