package io.switchboard.server.apikey;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which resources each REST route reaches, for API key scopes: a route is matched by the longest
 * prefix of its path pattern listed here; a route matched by none (sign-in, one's own account,
 * password links, the widget and visitor routes, attachments, the keys themselves) is not for
 * keys. A contact's GDPR export and erasure need {@link #PRIVACY}, which no other route needs:
 * erasing a person is not an ordinary contact edit, so the {@code contacts} resource does not
 * reach them.
 *
 * <p>Stateless and thread-safe.
 */
public final class KeyedRoutes {
  /** The resource of the GDPR routes, which a key must be given on its own. */
  public static final String PRIVACY = "privacy";
  private static final Set<String> CONVERSATIONS = Set.of("conversations");
  private static final Set<String> ADMIN = Set.of("admin");
  private static final Set<String> REPORTS = Set.of("reports");
  private static final Set<String> CONTACTS = Set.of("contacts");
  private static final Set<String> TICKETS = Set.of("tickets");
  private static final Map<String, Set<String>> BY_PREFIX = Map.ofEntries(
      Map.entry("/v1/conversations/", CONVERSATIONS),
      Map.entry("/v1/live-conversations", CONVERSATIONS),
      Map.entry("/v1/queues", CONVERSATIONS),
      Map.entry("/v1/wall", CONVERSATIONS),
      Map.entry("/v1/visitors/", CONVERSATIONS),
      Map.entry("/v1/agents", CONVERSATIONS),
      Map.entry("/v1/teams", CONVERSATIONS),
      Map.entry("/v1/canned-replies", CONVERSATIONS),
      Map.entry("/v1/search", Set.of("conversations", "tickets", "contacts")),
      Map.entry("/v1/tickets", TICKETS),
      Map.entry("/v1/contacts", CONTACTS),
      Map.entry("/v1/contacts/{id}/gdpr-export", Set.of(PRIVACY)),
      Map.entry("/v1/contacts/{id}/gdpr-erase", Set.of(PRIVACY)),
      Map.entry("/v1/companies", CONTACTS),
      Map.entry("/v1/reports/", REPORTS),
      Map.entry("/v1/availability", REPORTS),
      Map.entry("/v1/compliance-reports", REPORTS),
      Map.entry("/v1/admin/", ADMIN),
      Map.entry("/v1/admin/api-keys", Set.of()),
      Map.entry("/v1/maintenance-windows", ADMIN),
      Map.entry("/v1/webhooks", ADMIN),
      Map.entry("/v1/imports/", ADMIN),
      Map.entry("/v1/exports/", ADMIN),
      Map.entry("/v1/jobs/", ADMIN));
  private static final List<String> PREFIXES = BY_PREFIX.keySet().stream()
      .sorted((a, b) -> b.length() - a.length()).toList();

  /** Routes anyone may call, so a key passes them without any scope. */
  private static final Set<String> OPEN = Set.of("/v1/openapi.json");

  private KeyedRoutes() {}

  /** Whether the route is open to anyone (a key needs no scope for it). */
  public static boolean open(String route) {
    return OPEN.contains(route);
  }

  /** Whether every use of the route by a key is audited, reads included (the GDPR routes). */
  public static boolean alwaysAudited(String route) {
    return needed(route).contains(PRIVACY);
  }

  /** The resources a key needs for the route with this path pattern; empty: not for keys. */
  public static Set<String> needed(String route) {
    for (String prefix : PREFIXES) {
      if (route.startsWith(prefix)) {
        return BY_PREFIX.get(prefix);
      }
    }
    return Set.of();
  }
}
