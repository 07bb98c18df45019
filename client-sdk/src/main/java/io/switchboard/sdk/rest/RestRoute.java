package io.switchboard.sdk.rest;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Every REST endpoint {@link SwitchboardRest} calls: its HTTP method and its path template as
 * the server's OpenAPI description ({@code GET /v1/openapi.json}) names it. The client builds
 * each request from these, so checking this list against the description checks the client.
 *
 * <p>Immutable and thread-safe.
 */
public enum RestRoute {
  LOGIN("POST", "/v1/agents/login"),
  ME("GET", "/v1/me"),
  USERS("GET", "/v1/admin/users"),
  USER_CREATE("POST", "/v1/admin/users"),
  USER_UPDATE("PUT", "/v1/admin/users/{id}"),
  USER_DISABLE("POST", "/v1/admin/users/{id}/disable"),
  TEAMS("GET", "/v1/teams"),
  TEAM_CREATE("POST", "/v1/admin/teams"),
  TEAM_UPDATE("PUT", "/v1/admin/teams/{id}"),
  TEAM_DELETE("DELETE", "/v1/admin/teams/{id}"),
  QUEUES("GET", "/v1/admin/queues"),
  QUEUE_CREATE("POST", "/v1/admin/queues"),
  QUEUE_UPDATE("PUT", "/v1/admin/queues/{id}"),
  SITES("GET", "/v1/admin/sites"),
  SITE("GET", "/v1/admin/sites/{id}"),
  SITE_CREATE("POST", "/v1/admin/sites"),
  SITE_UPDATE("PUT", "/v1/admin/sites/{id}"),
  TICKETS("GET", "/v1/tickets"),
  TICKET("GET", "/v1/tickets/{id}"),
  TICKET_CREATE("POST", "/v1/tickets"),
  TICKET_UPDATE("PUT", "/v1/tickets/{id}"),
  TICKET_REPLY("POST", "/v1/tickets/{id}/replies"),
  TICKET_NOTE("POST", "/v1/tickets/{id}/notes"),
  TICKET_STATUS("POST", "/v1/tickets/{id}/status"),
  CONTACTS("GET", "/v1/contacts"),
  CONTACT("GET", "/v1/contacts/{id}"),
  CONTACT_CREATE("POST", "/v1/contacts"),
  CONTACT_UPDATE("PATCH", "/v1/contacts/{id}"),
  SEARCH("GET", "/v1/search"),
  REPORTS_OVERVIEW("GET", "/v1/reports/overview"),
  API_KEYS("GET", "/v1/admin/api-keys"),
  API_KEY_CREATE("POST", "/v1/admin/api-keys"),
  API_KEY_REVOKE("DELETE", "/v1/admin/api-keys/{id}");

  private static final Pattern PARAMETER = Pattern.compile("\\{[a-zA-Z]+}");

  private final String method;
  private final String template;

  RestRoute(String method, String template) {
    this.method = method;
    this.template = template;
  }

  /** The HTTP method, upper case. */
  public String method() {
    return method;
  }

  /** The path with its parameters in braces, such as {@code /v1/tickets/{id}}. */
  public String template() {
    return template;
  }

  /** The path with each parameter, in order, replaced by its URL-encoded value. */
  public String path(String... parameters) {
    Matcher matcher = PARAMETER.matcher(template);
    StringBuilder path = new StringBuilder();
    int given = 0;
    while (matcher.find()) {
      if (given == parameters.length || parameters[given] == null
          || parameters[given].isEmpty()) {
        throw new IllegalArgumentException(matcher.group() + ": required for " + template);
      }
      matcher.appendReplacement(path, Matcher.quoteReplacement(
          URLEncoder.encode(parameters[given++], StandardCharsets.UTF_8).replace("+", "%20")));
    }
    matcher.appendTail(path);
    if (given != parameters.length) {
      throw new IllegalArgumentException(template + " takes " + given + " parameters");
    }
    return path.toString();
  }
}
