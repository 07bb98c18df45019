package io.switchboard.server.exchange;

import io.switchboard.server.store.exchange.ExportFilter;
import io.switchboard.server.store.exchange.ExportQueries;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * Writes an export's CSV file (contacts of a site, or conversations or tickets matching a
 * filter), row by row as the database streams them, telling {@code progress} (done, total) as
 * it goes.
 *
 * <p>Thread-safe: stateless apart from the queries, which are.
 */
final class Exports {
  static final List<String> KINDS = List.of("contacts", "conversations", "tickets");

  private final ExportQueries queries;

  Exports(ExportQueries queries) {
    this.queries = queries;
  }

  int write(String kind, ExportFilter filter, Path file, BiConsumer<Integer, Integer> progress)
      throws IOException {
    int total = switch (kind) {
      case "contacts" -> queries.countContacts(filter.siteId());
      case "conversations" -> queries.countConversations(filter);
      default -> queries.countTickets(filter);
    };
    List<String> header = switch (kind) {
      case "contacts" -> ExportQueries.CONTACT_COLUMNS;
      case "conversations" -> ExportQueries.CONVERSATION_COLUMNS;
      default -> ExportQueries.TICKET_COLUMNS;
    };
    int[] done = {0};
    progress.accept(0, total);
    try (CsvOutput csv = CsvOutput.create(file, header)) {
      Consumer<List<String>> row = values -> {
        csv.row(values);
        done[0]++;
        progress.accept(done[0], Math.max(total, done[0]));
      };
      switch (kind) {
        case "contacts" -> queries.contacts(filter.siteId(), row);
        case "conversations" -> queries.conversations(filter, row);
        default -> queries.tickets(filter, row);
      }
    }
    return done[0];
  }
}
