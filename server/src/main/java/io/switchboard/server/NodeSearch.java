package io.switchboard.server;

import io.switchboard.server.api.SearchApi;
import io.switchboard.server.search.SearchService;
import io.switchboard.server.store.search.SearchDao;

/**
 * A node's search: the store over the database's search indexes (on the replica when one is
 * configured), the service with the permission
 * policy's team scope, and {@code GET /v1/search}.
 *
 * <p>Stateless and thread-safe: everything it builds is.
 */
final class NodeSearch {
  private NodeSearch() {}

  static SearchService start(NodeServiceDesk.Parts parts) {
    SearchService search = new SearchService(new SearchDao(parts.readJdbi()), parts.clock());
    new SearchApi(search, parts.auth(), parts.store()).register(parts.api());
    return search;
  }
}
