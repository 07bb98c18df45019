package io.switchboard.server.access;

import java.util.Set;

/**
 * What an API key may do: read (GET) and/or write (every other method), on a set of resources
 * ({@link #RESOURCES}). A key's principal is an admin limited to this scope: {@link
 * AccessPolicy#requireKeyScope} checks it before any route runs, and the route then checks the
 * admin role as for anyone else.
 *
 * <p>Immutable and thread-safe.
 *
 * @param access {@code read} and/or {@code write}
 * @param resources the resources the key may reach
 */
public record KeyScope(Set<String> access, Set<String> resources) {
  public static final String READ = "read";
  public static final String WRITE = "write";
  /** Every resource a key may be given, in the order the console lists them. */
  public static final java.util.List<String> RESOURCES =
      java.util.List.of("conversations", "tickets", "contacts", "privacy", "reports", "admin");

  public KeyScope {
    access = Set.copyOf(access);
    resources = Set.copyOf(resources);
  }

  /** Whether a request with this HTTP method needs {@link #WRITE} rather than {@link #READ}. */
  public static boolean writes(String method) {
    return !method.equals("GET") && !method.equals("HEAD");
  }
}
