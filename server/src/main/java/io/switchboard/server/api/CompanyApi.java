package io.switchboard.server.api;

import io.switchboard.protocol.ErrorCode;
import io.switchboard.server.access.Principal;
import io.switchboard.server.auth.AuthService;
import io.switchboard.server.contact.ContactService;
import io.switchboard.server.store.company.Company;
import io.switchboard.server.store.company.CompanyDao;
import io.switchboard.server.store.contact.ContactProfile;
import io.switchboard.server.util.BlockingExecutor;
import io.switchboard.server.util.SwitchboardException;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Companies over REST (PROTOCOL.md 3.10): list, create, read with their contacts and open work,
 * and change. Whoever may work a site's contacts may work its companies.
 *
 * <p>Thread-safe.
 */
public final class CompanyApi {
  private static final Pattern DOMAIN = Pattern.compile("^[a-z0-9.-]{1,253}$");

  private final CompanyDao companies;
  private final ContactService contacts;
  private final AuthService auth;
  private final BlockingExecutor store;
  private final Clock clock;
  private final ContactJson json;

  public CompanyApi(CompanyDao companies, ContactService contacts, AuthService auth,
      BlockingExecutor store, Clock clock) {
    this.companies = companies;
    this.contacts = contacts;
    this.auth = auth;
    this.store = store;
    this.clock = clock;
    this.json = new ContactJson(contacts);
  }

  public void register(ApiRoutes routes) {
    routes.add("GET", "/v1/companies", request -> {
      String site = request.query("site");
      String text = request.query("q");
      String cursor = request.query("cursor");
      int limit = request.queryInt("limit", 50, 1, 200);
      return call(request, staff -> {
        if (site != null) {
          contacts.access().require(staff, site, "site");
        }
        List<Company> found = companies.list(contacts.access().sites(staff), site,
            text == null || text.isBlank() ? null : text.strip(), cursor, limit);
        Company last = found.size() == limit ? found.get(found.size() - 1) : null;
        return ApiResponse.ok(ContactJson.page("companies",
            found.stream().map(CompanyApi::company).toList(), last == null ? null
                : last.name().toLowerCase(Locale.ROOT) + "|" + last.id()));
      });
    });
    routes.add("POST", "/v1/companies", request -> {
      String site = request.requiredText("siteId", 64);
      String name = request.requiredText("name", 200).strip();
      String domain = domain(request.text("domain"));
      return call(request, staff -> {
        contacts.access().require(staff, site, "site");
        Company company = new Company(UUID.randomUUID(), site, name, domain, clock.instant(),
            clock.instant());
        companies.create(company);
        return ApiResponse.created(company(companies.find(company.id()).orElseThrow()));
      });
    });
    routes.add("GET", "/v1/companies/{id}", request -> {
      UUID id = ContactRequests.id(request);
      return call(request, staff -> ApiResponse.ok(detail(visible(staff, id))));
    });
    routes.add("PATCH", "/v1/companies/{id}", request -> {
      UUID id = ContactRequests.id(request);
      String name = request.text("name");
      if (name != null && (name.isBlank() || name.length() > 200)) {
        throw TicketFields.invalid("name", "1 to 200 characters");
      }
      boolean clearDomain = TicketFields.has(request, "domain") && request.text("domain") == null;
      String domain = domain(request.text("domain"));
      return call(request, staff -> {
        Company before = visible(staff, id);
        companies.update(id, name == null ? null : name.strip(), domain, clearDomain,
            clock.instant());
        return ApiResponse.ok(company(companies.find(id).orElseThrow()))
            .withBefore(company(before));
      });
    });
  }

  private Company visible(Principal staff, UUID id) {
    Company company = companies.find(id).orElseThrow(() ->
        new SwitchboardException(ErrorCode.NOT_FOUND, "no such company"));
    contacts.access().require(staff, company.siteId(), "company");
    return company;
  }

  private Map<String, Object> detail(Company company) {
    Map<String, Object> body = company(company);
    List<CompanyDao.ContactWork> work = companies.contactWork(company.id());
    Map<UUID, ContactProfile> profiles = contacts.profiles().findAll(
        work.stream().map(CompanyDao.ContactWork::contactId).toList()).stream()
        .collect(Collectors.toMap(ContactProfile::id, Function.identity()));
    body.put("contacts", work.stream().filter(w -> profiles.containsKey(w.contactId()))
        .map(w -> {
          Map<String, Object> contact = json.contact(profiles.get(w.contactId()));
          contact.put("openConversations", w.openConversations());
          contact.put("openTickets", w.openTickets());
          return contact;
        }).toList());
    body.put("openConversations", work.stream()
        .mapToInt(CompanyDao.ContactWork::openConversations).sum());
    List<CompanyDao.OpenTicket> open = companies.openTickets(company.id());
    body.put("openTickets", work.stream().mapToInt(CompanyDao.ContactWork::openTickets).sum());
    body.put("tickets", open.stream().map(t -> ApiJson.object("id", t.id().toString(),
        "contactId", t.contactId().toString(), "number", t.number(), "subject", t.subject(),
        "status", t.status())).toList());
    return body;
  }

  static Map<String, Object> company(Company c) {
    Map<String, Object> json = ApiJson.object("id", c.id().toString(), "siteId", c.siteId(),
        "name", c.name(), "createdAt", c.createdAt().toString(),
        "updatedAt", c.updatedAt().toString());
    json.put("domain", c.domain());
    return json;
  }

  private static String domain(String text) {
    if (text == null) {
      return null;
    }
    String domain = text.strip().toLowerCase(Locale.ROOT);
    if (!DOMAIN.matcher(domain).matches()) {
      throw TicketFields.invalid("domain", "a mail domain such as example.com");
    }
    return domain;
  }

  private java.util.concurrent.CompletableFuture<ApiResponse> call(ApiRequest request,
      Function<Principal, ApiResponse> work) {
    return auth.staff(request.bearer()).thenCompose(staff -> store.call(() -> work.apply(staff)));
  }
}
