package io.switchboard.server.api;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The REST routes: a method and a path pattern, where {@code {name}} matches one path segment,
 * mapped to a handler. Routes are registered once at start and then only read.
 *
 * <p>Thread-safe after registration.
 */
public final class ApiRoutes {
  /** Handles one matched request. */
  @FunctionalInterface
  public interface Handler {
    CompletableFuture<ApiResponse> handle(ApiRequest request);
  }

  /**
   * A matched route: its handler, the values of its path parameters, and whether pages on other
   * origins may read its answers (CORS).
   */
  public record Match(Handler handler, List<String> params, boolean crossOrigin) {}

  /**
   * Checks a request before its handler runs (such as an API key's scopes); a failed future
   * answers the request instead of the handler. {@code route} is the registered path pattern.
   */
  @FunctionalInterface
  public interface Guard {
    CompletableFuture<Void> check(String method, String route, ApiRequest request);
  }

  /** A registered route as its method and path pattern, such as {@code GET /v1/tickets/{id}}. */
  public record Described(String method, String path) {}

  private record Route(String method, String path, Pattern pattern, Handler handler,
      boolean crossOrigin) {}

  private final List<Route> routes = new ArrayList<>();
  private final List<Runnable> afterWrites = new ArrayList<>();
  private final List<Guard> guards = new java.util.concurrent.CopyOnWriteArrayList<>();
  private final List<WriteListener> writeListeners = new java.util.concurrent.CopyOnWriteArrayList<>();

  /**
   * Runs {@code hook} after every request with a method other than GET or HEAD has been handled,
   * whether it succeeded or not: for caches of what such requests may change.
   */
  public ApiRoutes afterEveryWrite(Runnable hook) {
    afterWrites.add(hook);
    return this;
  }

  /** Told of every write (not GET or HEAD) that succeeded, with its request and answer. */
  public interface WriteListener {
    void written(String method, String path, ApiRequest request, ApiResponse response);
  }

  /** Adds a listener for every successful write, such as the audit log. */
  public ApiRoutes onSuccessfulWrite(WriteListener listener) {
    writeListeners.add(listener);
    return this;
  }

  /** Adds a check that runs before every route's handler. */
  public ApiRoutes guardEvery(Guard guard) {
    guards.add(guard);
    return this;
  }

  public ApiRoutes add(String method, String path, Handler handler) {
    return add(method, path, handler, false);
  }

  /**
   * A route that scripts on any page may call and read the answer of, as a CORS simple request
   * (no preflight): the handler must check the caller's credential and {@link ApiRequest#origin}
   * itself, and take its body as plain text.
   */
  public ApiRoutes addCrossOrigin(String method, String path, Handler handler) {
    return add(method, path, handler, true);
  }

  private ApiRoutes add(String method, String path, Handler handler, boolean crossOrigin) {
    String regex = path.replaceAll("\\{[a-zA-Z]+}", "([^/]+)");
    routes.add(new Route(method, path, Pattern.compile("^" + regex + "$"), handler, crossOrigin));
    return this;
  }

  /** Every registered route, in the order they were added. */
  public List<Described> described() {
    return routes.stream().map(route -> new Described(route.method(), route.path())).toList();
  }

  public Optional<Match> match(String method, String path) {
    for (Route route : routes) {
      Matcher matcher = route.pattern().matcher(path);
      if (route.method().equals(method) && matcher.matches()) {
        List<String> params = new ArrayList<>();
        for (int i = 1; i <= matcher.groupCount(); i++) {
          params.add(matcher.group(i));
        }
        Handler guarded = guarded(method, route);
        Handler handler = method.equals("GET") || method.equals("HEAD")
            ? guarded
            : request -> guarded.handle(request).whenComplete((response, error) -> {
              afterWrites.forEach(Runnable::run);
              if (error == null) {
                writeListeners.forEach(l -> l.written(method, path, request, response));
              }
            });
        return Optional.of(new Match(handler, params, route.crossOrigin()));
      }
    }
    return Optional.empty();
  }

  private Handler guarded(String method, Route route) {
    if (guards.isEmpty()) {
      return route.handler();
    }
    return request -> {
      CompletableFuture<Void> checked = CompletableFuture.completedFuture(null);
      for (Guard guard : guards) {
        checked = checked.thenCompose(ignored -> guard.check(method, route.path(), request));
      }
      return checked.thenCompose(ignored -> route.handler().handle(request));
    };
  }

  /** True when some route has this path with another method (for a 405 answer). */
  public boolean knowsPath(String path) {
    return routes.stream().anyMatch(route -> route.pattern().matcher(path).matches());
  }
}
