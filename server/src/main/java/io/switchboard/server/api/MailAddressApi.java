package io.switchboard.server.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.switchboard.protocol.ErrorCode;
import io.switchboard.server.access.AccessPolicy;
import io.switchboard.server.access.Action;
import io.switchboard.server.access.Principal;
import io.switchboard.server.auth.AuthService;
import io.switchboard.server.mail.MailCredentials;
import io.switchboard.server.store.Stores;
import io.switchboard.server.store.mail.MailAddress;
import io.switchboard.server.store.mail.MailRecord;
import io.switchboard.server.util.BlockingExecutor;
import io.switchboard.server.util.SwitchboardException;
import java.time.Clock;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Pattern;

/**
 * Support addresses over REST, for admins: {@code GET/POST /v1/admin/mail-addresses},
 * {@code PUT/DELETE /v1/admin/mail-addresses/{id}}, and the mail that was ignored
 * ({@code GET /v1/admin/mail-ignored}). An IMAP password is sealed before it is stored and never
 * returned ({@code passwordSet} says whether there is one). Each write is audited.
 *
 * <p>Thread-safe.
 */
public final class MailAddressApi {
  private static final Pattern ADDRESS =
      Pattern.compile("[a-z0-9.!#$%&'*+/=?^_`{|}~-]{1,64}@[a-z0-9-]+(\\.[a-z0-9-]+)+");

  private final Stores stores;
  private final MailCredentials credentials;
  private final AuthService auth;
  private final BlockingExecutor store;
  private final Clock clock;
  private final Runnable changed;

  /** {@code changed} runs after each write (the node restarts its IMAP mailboxes). */
  public MailAddressApi(Stores stores, MailCredentials credentials, AuthService auth,
      BlockingExecutor store, Clock clock, Runnable changed) {
    this.stores = stores;
    this.credentials = credentials;
    this.auth = auth;
    this.store = store;
    this.clock = clock;
    this.changed = changed;
  }

  public void register(ApiRoutes routes) {
    routes.add("GET", "/v1/admin/mail-addresses", request -> admin(request).thenCompose(staff ->
        store.call(() -> ApiResponse.ok(stores.mailAddresses().all().stream()
            .map(MailAddressApi::json).toList()))));
    routes.add("POST", "/v1/admin/mail-addresses", this::create);
    routes.add("PUT", "/v1/admin/mail-addresses/{id}", this::update);
    routes.add("DELETE", "/v1/admin/mail-addresses/{id}", request -> admin(request)
        .thenCompose(staff -> store.call(() -> {
          MailAddress before = found(request.param(0));
          stores.mailAddresses().delete(before.id());
          changed.run();
          return ApiResponse.noContent().withBefore(json(before));
        })));
    routes.add("GET", "/v1/admin/mail-ignored", request -> admin(request).thenCompose(staff ->
        store.call(() -> ApiResponse.ok(stores.mail()
            .ignored(request.queryInt("limit", 100, 1, 500)).stream()
            .map(MailAddressApi::ignored).toList()))));
  }

  private CompletableFuture<ApiResponse> create(ApiRequest request) {
    return admin(request).thenCompose(staff -> {
      String siteId = request.requiredText("siteId", 40);
      String address = address(request.requiredText("address", 254));
      String queue = request.requiredText("queue", 64);
      String name = displayName(request);
      JsonNode imapNode = request.body().get("imap");
      return store.call(() -> {
        checkQueue(siteId, queue);
        taken(address, null);
        MailAddress.Imap imap = imap(imapNode, null);
        MailAddress created = new MailAddress(UUID.randomUUID(), siteId, address, name, queue,
            imap, clock.instant(), clock.instant());
        stores.mailAddresses().create(created);
        changed.run();
        return ApiResponse.created(json(created));
      });
    });
  }

  private CompletableFuture<ApiResponse> update(ApiRequest request) {
    return admin(request).thenCompose(staff -> store.call(() -> {
      MailAddress before = found(request.param(0));
      JsonNode body = request.body() != null ? request.body()
          : com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
      String address = body.has("address")
          ? address(request.requiredText("address", 254)) : before.address();
      String queue = body.has("queue") ? request.requiredText("queue", 64) : before.queueId();
      String name = body.has("displayName") ? displayName(request) : before.displayName();
      MailAddress.Imap imap = body.has("imap") ? imap(body.get("imap"), before.imap())
          : before.imap();
      checkQueue(before.siteId(), queue);
      taken(address, before.id());
      MailAddress after = new MailAddress(before.id(), before.siteId(), address, name, queue,
          imap, before.createdAt(), clock.instant());
      stores.mailAddresses().update(after);
      changed.run();
      return ApiResponse.ok(json(after)).withBefore(json(before));
    }));
  }

  /** The {@code imap} object: null removes the mailbox; a password left out keeps the old. */
  private MailAddress.Imap imap(JsonNode node, MailAddress.Imap old) {
    if (node == null || node.isNull()) {
      return null;
    }
    if (!node.isObject()) {
      throw invalid("imap: an object with host, port, tls, user, password, folder, or null");
    }
    String host = text(node, "host", 253, true);
    boolean tls = !node.has("tls") || node.get("tls").isNull() ? true : bool(node, "tls");
    int port = tls ? 993 : 143;
    if (node.has("port") && !node.get("port").isNull()) {
      JsonNode value = node.get("port");
      if (!value.canConvertToInt() || !value.isIntegralNumber() || value.asInt() < 1
          || value.asInt() > 65535) {
        throw invalid("imap.port: a port from 1 to 65535");
      }
      port = value.asInt();
    }
    String user = text(node, "user", 254, true);
    String password = text(node, "password", 1024, false);
    String sealed = password != null ? credentials.seal(password)
        : old != null ? old.encryptedPassword() : null;
    if (sealed == null) {
      throw invalid("imap.password: required for a new mailbox");
    }
    String folder = text(node, "folder", 200, false);
    String processed = text(node, "processedFolder", 200, false);
    if (processed != null && processed.equals(folder == null ? "INBOX" : folder)) {
      throw invalid("imap.processedFolder: another folder than the one polled");
    }
    return new MailAddress.Imap(host, port, tls, user, sealed, folder == null ? "INBOX" : folder,
        processed);
  }

  private static String text(JsonNode node, String field, int max, boolean required) {
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) {
      if (required) {
        throw invalid("imap." + field + ": required");
      }
      return null;
    }
    if (!value.isTextual() || value.asText().isBlank() || value.asText().length() > max) {
      throw invalid("imap." + field + ": a text of 1 to " + max + " characters");
    }
    return value.asText().strip();
  }

  private static boolean bool(JsonNode node, String field) {
    if (!node.get(field).isBoolean()) {
      throw invalid("imap." + field + ": true or false");
    }
    return node.get(field).asBoolean();
  }

  private static String address(String value) {
    String lower = value.strip().toLowerCase(Locale.ROOT);
    if (!ADDRESS.matcher(lower).matches()) {
      throw invalid("address: an email address such as help@example.com");
    }
    return lower;
  }

  private static String displayName(ApiRequest request) {
    String name = request.text("displayName");
    if (name != null && (name.isBlank() || name.length() > 100 || name.contains("\n"))) {
      throw invalid("displayName: 1 to 100 characters on one line, or null");
    }
    return name == null ? null : name.strip();
  }

  private void checkQueue(String siteId, String queue) {
    if (stores.sites().find(siteId).isEmpty()) {
      throw invalid("siteId: no such site");
    }
    stores.lookups().queue(queue).filter(found -> found.siteId().equals(siteId))
        .orElseThrow(() -> invalid("queue: no queue " + queue + " on site " + siteId));
  }

  private void taken(String address, UUID self) {
    stores.mailAddresses().byAddress(address).filter(other -> !other.id().equals(self))
        .ifPresent(other -> {
          throw new SwitchboardException(ErrorCode.CONFLICT,
              "address: " + address + " is a support address already");
        });
  }

  private MailAddress found(String id) {
    UUID uuid;
    try {
      uuid = UUID.fromString(id);
    } catch (IllegalArgumentException e) {
      throw invalid("id: not a support address id");
    }
    return stores.mailAddresses().find(uuid).orElseThrow(() ->
        new SwitchboardException(ErrorCode.NOT_FOUND, "no such support address: " + id));
  }

  private CompletableFuture<Principal> admin(ApiRequest request) {
    return auth.staff(request.bearer()).thenApply(staff -> {
      AccessPolicy.requireRole(staff, Action.MANAGE_SITES);
      return staff;
    });
  }

  private static SwitchboardException invalid(String message) {
    return new SwitchboardException(ErrorCode.INVALID_FIELD, message);
  }

  static Map<String, Object> json(MailAddress a) {
    MailAddress.Imap imap = a.imap();
    return ApiJson.object("id", a.id().toString(), "siteId", a.siteId(), "address", a.address(),
        "displayName", a.displayName(), "queue", a.queueId(),
        "imap", imap == null ? null : ApiJson.object("host", imap.host(), "port", imap.port(),
            "tls", imap.tls(), "user", imap.user(), "folder", imap.folder(),
            "processedFolder", imap.processedFolder(),
            "passwordSet", imap.encryptedPassword() != null),
        "createdAt", a.createdAt().toString(), "updatedAt", a.updatedAt().toString());
  }

  private static Map<String, Object> ignored(MailRecord m) {
    return ApiJson.object("id", m.id(), "messageId", m.messageId(), "source", m.source(),
        "reason", m.ignoredReason(), "from", m.sender(), "to", m.recipient(),
        "subject", m.subject(), "receivedAt", m.receivedAt().toString());
  }
}
