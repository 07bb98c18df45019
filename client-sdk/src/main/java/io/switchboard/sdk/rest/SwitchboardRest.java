package io.switchboard.sdk.rest;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A small client for Switchboard's staff and admin REST API (PROTOCOL.md section 3, described by
 * {@code GET /v1/openapi.json}): users, teams, queues, sites, tickets, contacts, search, the
 * reports overview and API keys. It authenticates with a staff user's token ({@link #login},
 * {@link #withToken}) or an integration's API key ({@link #withApiKey}, {@code sbk_...}); both
 * travel as {@code Authorization: Bearer}. What a call may do is the server's decision: the
 * user's role and teams, or the key's scope.
 *
 * <p>Answers are the server's JSON as Jackson {@link JsonNode}s; request bodies are maps of the
 * fields PROTOCOL.md lists, written as JSON. Each call blocks until the server answers (at most
 * 30 seconds) and throws an {@link io.switchboard.sdk.ChatException} with the server's error
 * code for a non-2xx answer ({@code forbidden}, {@code not_found}, {@code invalid_field}, ...),
 * or {@code unavailable} / {@code timeout} when the server cannot be reached.
 *
 * <p>Thread-safe: immutable.
 */
public final class SwitchboardRest {
  /** API keys start with this (PROTOCOL.md, API keys). */
  public static final String API_KEY_PREFIX = "sbk_";
  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  private final RestCalls calls;
  private final String credential;

  private SwitchboardRest(RestCalls calls, String credential) {
    this.calls = calls;
    this.credential = credential;
  }

  /** Signs a staff user in ({@code POST /v1/agents/login}) and uses their session token. */
  public static SwitchboardRest login(URI httpBase, String email, String password) {
    RestCalls anonymous = new RestCalls(SharedClient.INSTANCE, httpBase, null, TIMEOUT);
    JsonNode reply = anonymous.call(RestRoute.LOGIN, new String[0], null,
        Map.of("email", Objects.requireNonNull(email, "email"),
            "password", Objects.requireNonNull(password, "password")));
    String token = reply.path("token").asText(null);
    return new SwitchboardRest(anonymous.withBearer(token), token);
  }

  /** Uses a staff user's session token. */
  public static SwitchboardRest withToken(URI httpBase, String token) {
    return withBearer(httpBase, requireText("token", token), SharedClient.INSTANCE);
  }

  /** Uses an API key ({@code sbk_...}), created by an admin with a scope. */
  public static SwitchboardRest withApiKey(URI httpBase, String apiKey) {
    if (apiKey == null || !apiKey.startsWith(API_KEY_PREFIX)) {
      throw new IllegalArgumentException("apiKey: must start with " + API_KEY_PREFIX);
    }
    return withBearer(httpBase, apiKey, SharedClient.INSTANCE);
  }

  /** Uses a token or key with the caller's HTTP client (proxies, TLS settings). */
  public static SwitchboardRest withBearer(URI httpBase, String bearer, HttpClient httpClient) {
    return new SwitchboardRest(new RestCalls(httpClient, httpBase, bearer, TIMEOUT), bearer);
  }

  /** The token or key this client sends; a signed-in user's token also opens a WebSocket. */
  public String credential() {
    return credential;
  }

  /** {@code GET /v1/me}: the signed-in user (not for API keys). */
  public JsonNode me() {
    return get(RestRoute.ME, null);
  }

  // ---- users, teams, queues, sites (admin) ----

  /** {@code GET /v1/admin/users}. */
  public JsonNode users() {
    return get(RestRoute.USERS, null);
  }

  /** {@code POST /v1/admin/users}: {@code email}, {@code name}, {@code role}, {@code capacity}... */
  public JsonNode createUser(Map<String, ?> user) {
    return send(RestRoute.USER_CREATE, user);
  }

  /** {@code PUT /v1/admin/users/{id}}: the fields to change. */
  public JsonNode updateUser(String userId, Map<String, ?> changes) {
    return send(RestRoute.USER_UPDATE, changes, userId);
  }

  /** {@code POST /v1/admin/users/{id}/disable}: signs the user out everywhere. */
  public JsonNode disableUser(String userId) {
    return send(RestRoute.USER_DISABLE, Map.of(), userId);
  }

  /** {@code GET /v1/teams}. */
  public JsonNode teams() {
    return get(RestRoute.TEAMS, null);
  }

  /** {@code POST /v1/admin/teams}: {@code name}, {@code members}, {@code queues}. */
  public JsonNode createTeam(Map<String, ?> team) {
    return send(RestRoute.TEAM_CREATE, team);
  }

  /** {@code PUT /v1/admin/teams/{id}}. */
  public JsonNode updateTeam(String teamId, Map<String, ?> changes) {
    return send(RestRoute.TEAM_UPDATE, changes, teamId);
  }

  /** {@code DELETE /v1/admin/teams/{id}}. */
  public JsonNode deleteTeam(String teamId) {
    return calls.call(RestRoute.TEAM_DELETE, new String[] {teamId}, null, null);
  }

  /** {@code GET /v1/admin/queues}. */
  public JsonNode queues() {
    return get(RestRoute.QUEUES, null);
  }

  /** {@code POST /v1/admin/queues}: {@code id}, {@code siteId}, {@code name}, {@code teamId}... */
  public JsonNode createQueue(Map<String, ?> queue) {
    return send(RestRoute.QUEUE_CREATE, queue);
  }

  /** {@code PUT /v1/admin/queues/{id}}: name, priority, accept timeout, maximum wait. */
  public JsonNode updateQueue(String queueId, Map<String, ?> changes) {
    return send(RestRoute.QUEUE_UPDATE, changes, queueId);
  }

  /** {@code GET /v1/admin/sites}. */
  public JsonNode sites() {
    return get(RestRoute.SITES, null);
  }

  /** {@code GET /v1/admin/sites/{id}}. */
  public JsonNode site(String siteId) {
    return get(RestRoute.SITE, null, siteId);
  }

  /** {@code POST /v1/admin/sites}: {@code id}, {@code name}, and the site's settings. */
  public JsonNode createSite(Map<String, ?> site) {
    return send(RestRoute.SITE_CREATE, site);
  }

  /** {@code PUT /v1/admin/sites/{id}}. */
  public JsonNode updateSite(String siteId, Map<String, ?> changes) {
    return send(RestRoute.SITE_UPDATE, changes, siteId);
  }

  // ---- tickets ----

  /** {@code GET /v1/tickets}: filters such as {@code view}, {@code status}, {@code queue}. */
  public JsonNode tickets(Map<String, ?> filters) {
    return get(RestRoute.TICKETS, filters);
  }

  /** {@code GET /v1/tickets/{id}}: the ticket with its entries. */
  public JsonNode ticket(String ticketId) {
    return get(RestRoute.TICKET, null, ticketId);
  }

  /**
   * {@code POST /v1/tickets}: a ticket in {@code queue} (its id) for an existing contact
   * ({@code requesterContactId}, or null for none); {@code body} may be null.
   */
  public JsonNode createTicket(String queue, String subject, String body,
      String requesterContactId) {
    Map<String, Object> ticket = new LinkedHashMap<>();
    ticket.put("queue", requireText("queue", queue));
    ticket.put("subject", requireText("subject", subject));
    if (body != null) {
      ticket.put("body", body);
    }
    if (requesterContactId != null) {
      ticket.put("requester", Map.of("contactId", requesterContactId));
    }
    return createTicket(ticket);
  }

  /** {@code POST /v1/tickets} with every field PROTOCOL.md section 3.7 lists. */
  public JsonNode createTicket(Map<String, ?> ticket) {
    return send(RestRoute.TICKET_CREATE, ticket);
  }

  /** {@code PUT /v1/tickets/{id}}: subject, priority, type, queue, assignee, tags. */
  public JsonNode updateTicket(String ticketId, Map<String, ?> changes) {
    return send(RestRoute.TICKET_UPDATE, changes, ticketId);
  }

  /** {@code POST /v1/tickets/{id}/replies}: a public reply (1-20000 characters). */
  public JsonNode replyToTicket(String ticketId, String text) {
    return send(RestRoute.TICKET_REPLY, Map.of("text", requireText("text", text)), ticketId);
  }

  /** {@code POST /v1/tickets/{id}/notes}: an internal note (1-20000 characters). */
  public JsonNode noteOnTicket(String ticketId, String text) {
    return send(RestRoute.TICKET_NOTE, Map.of("text", requireText("text", text)), ticketId);
  }

  /** {@code POST /v1/tickets/{id}/status}: open, pending, on_hold, solved or closed. */
  public JsonNode setTicketStatus(String ticketId, String status) {
    return send(RestRoute.TICKET_STATUS, Map.of("status", requireText("status", status)),
        ticketId);
  }

  // ---- contacts, search, reports ----

  /** {@code GET /v1/contacts}: filters such as {@code site}, {@code q}, {@code stage}. */
  public JsonNode contacts(Map<String, ?> filters) {
    return get(RestRoute.CONTACTS, filters);
  }

  /** {@code GET /v1/contacts/{id}}. */
  public JsonNode contact(String contactId) {
    return get(RestRoute.CONTACT, null, contactId);
  }

  /** {@code POST /v1/contacts}: {@code siteId} and any of name, email, phone, stage... */
  public JsonNode createContact(Map<String, ?> contact) {
    return send(RestRoute.CONTACT_CREATE, contact);
  }

  /** {@code PATCH /v1/contacts/{id}}: the fields to change; null clears one. */
  public JsonNode updateContact(String contactId, Map<String, ?> changes) {
    return send(RestRoute.CONTACT_UPDATE, changes, contactId);
  }

  /** {@code GET /v1/search?q=...} with filters such as {@code kind}, {@code site}, {@code limit}. */
  public JsonNode search(String query, Map<String, ?> filters) {
    Map<String, Object> all = new LinkedHashMap<>();
    all.put("q", requireText("query", query));
    if (filters != null) {
      all.putAll(filters);
    }
    return get(RestRoute.SEARCH, all);
  }

  /**
   * {@code GET /v1/reports/overview}: the figures of the local days {@code from} to {@code to}
   * in {@code timeZone} (null: UTC), with filters such as {@code site}, {@code team}, {@code queue}.
   */
  public JsonNode reportsOverview(LocalDate from, LocalDate to, String timeZone,
      Map<String, ?> filters) {
    Map<String, Object> all = new LinkedHashMap<>();
    all.put("from", Objects.requireNonNull(from, "from").toString());
    all.put("to", Objects.requireNonNull(to, "to").toString());
    all.put("tz", timeZone);
    if (filters != null) {
      all.putAll(filters);
    }
    return get(RestRoute.REPORTS_OVERVIEW, all);
  }

  // ---- API keys (admin, with a user token) ----

  /** {@code GET /v1/admin/api-keys}: the keys, never their secrets. */
  public JsonNode apiKeys() {
    return get(RestRoute.API_KEYS, null);
  }

  /**
   * {@code POST /v1/admin/api-keys}: a key with {@code access} ({@code read}, {@code write}) to
   * {@code resources} (such as {@code tickets}, {@code contacts}); the answer's {@code secret} is
   * shown this once.
   */
  public JsonNode createApiKey(String name, List<String> access, List<String> resources) {
    return send(RestRoute.API_KEY_CREATE, Map.of("name", requireText("name", name),
        "access", List.copyOf(access), "resources", List.copyOf(resources)));
  }

  /** {@code DELETE /v1/admin/api-keys/{id}}: the key stops working at once. */
  public JsonNode revokeApiKey(String keyId) {
    return calls.call(RestRoute.API_KEY_REVOKE, new String[] {keyId}, null, null);
  }

  private JsonNode get(RestRoute route, Map<String, ?> query, String... parameters) {
    return calls.call(route, parameters, query, null);
  }

  private JsonNode send(RestRoute route, Map<String, ?> body, String... parameters) {
    return calls.call(route, parameters, null, Objects.requireNonNull(body, "body"));
  }

  private static String requireText(String field, String value) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(field + ": required");
    }
    return value;
  }

  /** Created on first use; its threads are daemons, so it never keeps the JVM alive. */
  private static final class SharedClient {
    static final HttpClient INSTANCE = HttpClient.newBuilder()
        .connectTimeout(Duration.ofSeconds(10)).build();
  }
}
