package io.switchboard.server.api;

import io.switchboard.server.auth.AuthService;
import io.switchboard.server.contact.ContactPatch;
import io.switchboard.server.contact.ContactService;
import io.switchboard.server.store.contact.ContactMergeDao;
import io.switchboard.server.store.contact.ContactProfile;
import io.switchboard.server.store.contact.ContactQuery;
import io.switchboard.server.store.contact.TimelineItem;
import io.switchboard.server.util.BlockingExecutor;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Contacts over REST (PROTOCOL.md 3.10): list and search, read (a merged id answers its
 * survivor), create, edit, the timeline, notes, merges and duplicate suggestions. Staff only;
 * what each may see is the one permission policy's {@code WORK_CONTACTS}.
 *
 * <p>Thread-safe.
 */
public final class ContactApi {
  private final ContactService contacts;
  private final AuthService auth;
  private final BlockingExecutor store;
  private final ContactJson json;

  public ContactApi(ContactService contacts, AuthService auth, BlockingExecutor store) {
    this.contacts = contacts;
    this.auth = auth;
    this.store = store;
    this.json = new ContactJson(contacts);
  }

  public void register(ApiRoutes routes) {
    routes.add("GET", "/v1/contacts/duplicates", request -> {
      String site = ContactRequests.requiredQuery(request, "site");
      int limit = request.queryInt("limit", 100, 1, 500);
      return call(request, staff -> duplicates(contacts.duplicates(staff, site, limit)));
    });
    routes.add("GET", "/v1/contacts", request -> {
      ContactQuery query = ContactRequests.query(request);
      return call(request, staff -> page(contacts.list(staff, query), query.limit()));
    });
    routes.add("POST", "/v1/contacts", request -> {
      ContactService.NewContact contact = ContactRequests.newContact(request);
      return call(request, staff -> ApiResponse.created(json.contact(
          contacts.create(staff, contact))));
    });
    routes.add("GET", "/v1/contacts/{id}", request -> {
      UUID id = ContactRequests.id(request);
      return call(request, staff -> {
        ContactService.Found found = contacts.find(staff, id);
        Map<String, Object> body = json.contact(found.contact());
        if (found.redirectedFrom() != null) {
          body.put("redirectedFrom", found.redirectedFrom().toString());
        }
        return ApiResponse.ok(body);
      });
    });
    routes.add("PATCH", "/v1/contacts/{id}", request -> {
      UUID id = ContactRequests.id(request);
      ContactPatch patch = ContactRequests.patch(request);
      return call(request, staff -> {
        Map<String, Object> before = json.contact(contacts.find(staff, id).contact());
        return ApiResponse.ok(json.contact(contacts.edit(staff, id, patch)))
            .withBefore(before);
      });
    });
    routes.add("GET", "/v1/contacts/{id}/timeline", request -> {
      UUID id = ContactRequests.id(request);
      ContactRequests.Cursor before = ContactRequests.timelineCursor(request.query("before"));
      int limit = request.queryInt("limit", 50, 1, 200);
      return call(request, staff -> {
        List<TimelineItem> items = contacts.timeline(staff, id, before.at(), before.key(),
            limit);
        TimelineItem last = items.size() == limit ? items.get(items.size() - 1) : null;
        return ApiResponse.ok(ContactJson.page("items",
            items.stream().map(ContactJson::item).toList(),
            last == null ? null : ContactRequests.timelineNext(last)));
      });
    });
    routes.add("POST", "/v1/contacts/{id}/notes", request -> {
      UUID id = ContactRequests.id(request);
      String body = request.text("body");
      return call(request, staff -> ApiResponse.created(ContactJson.note(
          contacts.addNote(staff, id, body))));
    });
    routes.add("GET", "/v1/contacts/{id}/notes", request -> {
      UUID id = ContactRequests.id(request);
      int limit = request.queryInt("limit", 100, 1, 500);
      return call(request, staff -> ApiResponse.ok(ApiJson.object("notes",
          contacts.notes(staff, id, limit).stream().map(ContactJson::note).toList())));
    });
    routes.add("POST", "/v1/contacts/{id}/merge", request -> {
      UUID id = ContactRequests.id(request);
      UUID merged = ContactRequests.requiredId(request, "mergedId");
      return call(request, staff -> ApiResponse.ok(json.contact(
          contacts.merge(staff, id, merged))));
    });
  }

  private java.util.concurrent.CompletableFuture<ApiResponse> call(ApiRequest request,
      java.util.function.Function<io.switchboard.server.access.Principal, ApiResponse> work) {
    return auth.staff(request.bearer()).thenCompose(staff -> store.call(() -> work.apply(staff)));
  }

  private ApiResponse page(List<ContactProfile> found, int limit) {
    ContactProfile last = found.size() == limit ? found.get(found.size() - 1) : null;
    return ApiResponse.ok(ContactJson.page("contacts",
        found.stream().map(json::contact).toList(),
        last == null ? null : ContactRequests.contactNext(last)));
  }

  private ApiResponse duplicates(List<ContactMergeDao.DuplicatePair> pairs) {
    Set<UUID> ids = new HashSet<>();
    pairs.forEach(pair -> {
      ids.add(pair.a());
      ids.add(pair.b());
    });
    Map<UUID, Map<String, Object>> byId = contacts.profiles().findAll(ids).stream()
        .collect(Collectors.toMap(ContactProfile::id, json::contact));
    return ApiResponse.ok(ApiJson.object("pairs", pairs.stream().map(pair -> ApiJson.object(
        "a", byId.get(pair.a()), "b", byId.get(pair.b()), "reason", pair.reason(),
        "value", pair.value())).toList()));
  }
}
