package io.switchboard.server.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.switchboard.server.access.Principal;
import io.switchboard.server.auth.AuthService;
import io.switchboard.server.contact.ContactService;
import io.switchboard.server.store.contact.ContactField;
import io.switchboard.server.util.BlockingExecutor;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A site's contact fields over REST (PROTOCOL.md 3.10): staff of the site read them, admins
 * replace the whole ordered list. Removing a field leaves stored values alone but hides them.
 *
 * <p>Thread-safe.
 */
public final class ContactFieldApi {
  private static final Pattern KEY = Pattern.compile("^[a-z][a-z0-9_]{0,39}$");
  private static final Set<String> KINDS = Set.of("text", "number", "date", "choice", "boolean");
  private static final int MAX_FIELDS = 100;

  private final ContactService contacts;
  private final AuthService auth;
  private final BlockingExecutor store;

  public ContactFieldApi(ContactService contacts, AuthService auth, BlockingExecutor store) {
    this.contacts = contacts;
    this.auth = auth;
    this.store = store;
  }

  public void register(ApiRoutes routes) {
    String path = "/v1/admin/sites/{siteId}/contact-fields";
    routes.add("GET", path, request -> {
      String site = request.param(0);
      return auth.staff(request.bearer()).thenCompose(staff -> store.call(() ->
          ApiResponse.ok(body(contacts.fields(staff, site)))));
    });
    routes.add("PUT", path, request -> {
      String site = request.param(0);
      List<ContactField> fields = fields(request.body().get("fields"));
      return auth.staff(request.bearer()).thenCompose(admin -> store.call(() -> {
        List<ContactField> before = replace(admin, site, fields);
        return ApiResponse.ok(body(contacts.fields(admin, site))).withBefore(body(before));
      }));
    });
  }

  private List<ContactField> replace(Principal admin, String site, List<ContactField> fields) {
    List<ContactField> before = contacts.fields(admin, site);
    contacts.replaceFields(admin, site, fields);
    return before;
  }

  private static Map<String, Object> body(List<ContactField> fields) {
    return ApiJson.object("fields", fields.stream().map(f -> ApiJson.object("key", f.key(),
        "labelEn", f.labelEn(), "labelZh", f.labelZh(), "kind", f.kind(),
        "choices", f.choices())).toList());
  }

  static List<ContactField> fields(JsonNode list) {
    if (list == null || !list.isArray()) {
      throw TicketFields.invalid("fields", "must be a list");
    }
    if (list.size() > MAX_FIELDS) {
      throw TicketFields.invalid("fields", "at most " + MAX_FIELDS);
    }
    List<ContactField> fields = new ArrayList<>();
    Set<String> keys = new HashSet<>();
    for (int i = 0; i < list.size(); i++) {
      JsonNode item = list.get(i);
      String at = "fields[" + i + "].";
      String key = text(item, at, "key", 40);
      if (!KEY.matcher(key).matches() || !keys.add(key)) {
        throw TicketFields.invalid(at + "key",
            "a new key of a-z, 0-9 and _, starting with a letter");
      }
      String kind = text(item, at, "kind", 10);
      if (!KINDS.contains(kind)) {
        throw TicketFields.invalid(at + "kind", "text, number, date, choice or boolean");
      }
      List<String> choices = new ArrayList<>();
      JsonNode given = item.get("choices");
      if (given != null && !given.isNull()) {
        if (!given.isArray()) {
          throw TicketFields.invalid(at + "choices", "must be a list");
        }
        for (JsonNode choice : given) {
          if (!choice.isTextual() || choice.asText().isBlank() || choice.asText().length() > 80
              || choices.contains(choice.asText())) {
            throw TicketFields.invalid(at + "choices", "distinct texts of 1 to 80 characters");
          }
          choices.add(choice.asText());
        }
      }
      if (kind.equals("choice") != !choices.isEmpty()) {
        throw TicketFields.invalid(at + "choices", "listed for a choice field, and only then");
      }
      fields.add(new ContactField(key, text(item, at, "labelEn", 80),
          text(item, at, "labelZh", 80), kind, choices));
    }
    return fields;
  }

  private static String text(JsonNode item, String at, String name, int max) {
    JsonNode node = item == null ? null : item.get(name);
    if (node == null || !node.isTextual() || node.asText().isBlank()
        || node.asText().length() > max) {
      throw TicketFields.invalid(at + name, "1 to " + max + " characters");
    }
    return node.asText().strip();
  }
}
