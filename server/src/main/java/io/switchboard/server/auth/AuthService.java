package io.switchboard.server.auth;

import io.switchboard.protocol.ErrorCode;
import io.switchboard.server.access.Principal;
import io.switchboard.server.auth.identity.IdentityProof;
import io.switchboard.server.auth.lockout.LoginGuard;
import io.switchboard.server.auth.identity.IdentityVerifier;
import io.switchboard.server.auth.identity.VerifiedIdentity;
import io.switchboard.server.store.Stores;
import io.switchboard.server.store.identity.IdentityKeyDao;
import io.switchboard.server.store.cache.CachedLookups;
import io.switchboard.server.store.contact.Contact;
import io.switchboard.server.store.contact.ContactDao;
import io.switchboard.server.store.handover.VisitHandoverDao;
import io.switchboard.server.store.site.Site;
import io.switchboard.server.store.site.SiteDao;
import io.switchboard.server.store.team.TeamDao;
import io.switchboard.server.store.user.AgentTokenDao;
import io.switchboard.server.store.user.User;
import io.switchboard.server.store.user.UserDao;
import io.switchboard.server.util.BlockingExecutor;
import io.switchboard.server.util.SwitchboardException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

/**
 * Logs staff in and out, issues visitor tokens, and turns a token into a {@link Principal} for the
 * WebSocket handshake, checking the visitor's Origin against the site's allow-list. All store
 * work and password hashing run on the blocking executor.
 *
 * <p>Thread-safe.
 */
public final class AuthService {
  /** Result of a successful login. */
  public record Login(String token, UUID userId, String role, String name, Instant expiresAt) {}

  /** Result of a visitor token request. */
  /**
   * A visitor token and the contact it stands for. {@code mergedFrom} is the contact the caller's
   * previous token stood for when that contact has since been merged into this one (its
   * conversations moved here), else null.
   */
  public record VisitorCredentials(String token, UUID contactId, String siteId, UUID mergedFrom) {}

  /** A visitor the widget's loader made on a shop page's first view, and its visit pass. */
  public record FirstVisit(Principal visitor, String pass) {}

  /**
   * Turns integration credentials (API keys) into the principal they act as; set once at start
   * by the feature that owns them. {@link #principal} does store work.
   */
  public interface KeyPrincipals {
    /** Whether the token is meant as one of these credentials. */
    boolean recognises(String token);

    /** The principal, or UNAUTHORIZED. */
    Principal principal(String token);
  }

  private static final String BAD_LOGIN = "email or password is wrong";
  private static final String IDENTITY_REQUIRED =
      "this site accepts visitors with a verified identity only";

  private final SiteDao sites;
  private final CachedLookups lookups;
  private final UserDao users;
  private final TeamDao teams;
  private final AgentTokenDao tokens;
  private final ContactDao contacts;
  private final VisitHandoverDao handovers;
  private final IdentityKeyDao identityKeys;
  private final IdentityVerifier identities;
  private final VisitorTokens visitorTokens;
  private final PasswordHasher hasher;
  private final BlockingExecutor store;
  private final BlockingExecutor hashing;
  private final LoginGuard guard;
  private final Duration agentTokenTtl;
  private final Clock clock;
  private final String dummyHash;
  private volatile KeyPrincipals keyPrincipals;

  /**
   * @param agentTokenTtl how long a staff login lasts
   * @param clock the time tokens are issued and checked at
   */
  public AuthService(Stores stores, VisitorTokens visitorTokens, PasswordHasher hasher,
      BlockingExecutor store, Duration agentTokenTtl, Clock clock, LoginGuard guard,
      BlockingExecutor hashing) {
    this.guard = guard;
    this.hashing = hashing;
    this.sites = stores.sites();
    this.lookups = stores.lookups();
    this.users = stores.users();
    this.teams = stores.teams();
    this.tokens = stores.agentTokens();
    this.contacts = stores.contacts();
    this.handovers = stores.handovers();
    this.identityKeys = stores.identityKeys();
    this.identities = new IdentityVerifier(clock);
    this.visitorTokens = visitorTokens;
    this.hasher = hasher;
    this.store = store;
    this.agentTokenTtl = agentTokenTtl;
    this.clock = clock;
    this.dummyHash = hasher.hash("timing-equaliser");
  }

  /**
   * Logs a staff member in from {@code address}: the attempt is counted (a locked account or
   * address is refused with {@code rate_limited} and when to retry, before any hashing), the
   * password is hashed on the hashing pool (full: {@code rate_limited} at once, so a flood never
   * slows health checks or chat), and a good login gives its attempt back.
   */
  public CompletableFuture<Login> login(String email, String password, String address) {
    return guard.attempt(email, address)
        .thenCompose(allowed -> store.call(() -> users.findByEmail(email)))
        .thenCompose(user -> hashing.call(() ->
            // Hash even for an unknown email, so timing does not reveal which emails exist.
            hasher.verify(password, user.map(User::passwordHash).orElse(dummyHash)))
            .thenApply(matches -> {
              if (user.isEmpty() || !matches) {
                throw new SwitchboardException(ErrorCode.UNAUTHORIZED, BAD_LOGIN);
              }
              if (user.get().disabled()) {
                throw new SwitchboardException(ErrorCode.UNAUTHORIZED, "this account is disabled");
              }
              return user.get();
            }))
        .thenCompose(user -> guard.succeeded(email, address).thenCompose(ignored ->
            store.call(() -> {
              String token = AgentTokens.newToken();
              Instant expires = clock.instant().plus(agentTokenTtl);
              tokens.insert(AgentTokens.hash(token), user.id(), expires);
              return new Login(token, user.id(), user.role().wire(), user.displayName(), expires);
            })));
  }

  /**
   * Revokes a staff token, or with {@code everywhere} every token of its user; returns the user
   * it belonged to, so their sessions can be closed.
   */
  public CompletableFuture<Optional<UUID>> logout(String token, boolean everywhere) {
    if (!AgentTokens.looksLikeAgentToken(token)) {
      return CompletableFuture.failedFuture(
          new SwitchboardException(ErrorCode.UNAUTHORIZED, "not a staff token"));
    }
    byte[] hash = AgentTokens.hash(token);
    return store.call(() -> {
      Optional<UUID> user = tokens.findActiveUser(hash);
      if (everywhere && user.isPresent()) {
        tokens.revokeAllFor(user.get());
      } else {
        tokens.revoke(hash);
      }
      return user;
    });
  }

  /**
   * Issues a visitor token for a site, or returns the caller's still-valid anonymous one for that
   * site. With an identity {@code proof} signed by one of the site's keys, the token stands for
   * the site's contact with that user id, the same on every device; a proof that does not verify
   * is refused ({@code UNAUTHORIZED}), and so is a visitor without one when the site enforces
   * verified identities. Without a valid token, a {@code visitPass} from {@link #firstVisit}
   * takes over the visitor it names, once; otherwise a new contact is made.
   */
  public CompletableFuture<VisitorCredentials> visitorToken(String siteKey, String existing,
      IdentityProof proof, String visitPass) {
    return store.call(() -> {
      Site site = sites.findBySiteKey(siteKey).orElseThrow(() ->
          new SwitchboardException(ErrorCode.NOT_FOUND, "unknown site key"));
      if (proof != null) {
        VerifiedIdentity identity = identities.verify(proof, identityKeys.keys(site.id()));
        UUID contactId = contacts.verified(site.id(), identity.userId(), identity.name(),
            identity.email());
        return new VisitorCredentials(visitorTokens.issue(site.id(), contactId, true), contactId,
            site.id(), mergedFrom(existing, site.id(), contactId));
      }
      if (site.identityEnforced()) {
        throw new SwitchboardException(ErrorCode.UNAUTHORIZED, IDENTITY_REQUIRED);
      }
      if (existing != null) {
        Optional<VisitorTokens.Claims> claims = visitorTokens.verify(existing);
        if (claims.isPresent() && claims.get().siteId().equals(site.id())
            && !claims.get().verified()) {
          UUID held = claims.get().contactId();
          Optional<UUID> now = contacts.survivorOf(held);
          if (now.isPresent() && now.get().equals(held)) {
            return new VisitorCredentials(existing, held, site.id(), null);
          }
          if (now.isPresent()) {
            // Staff merged this visitor into another contact: carry on as the survivor.
            return new VisitorCredentials(visitorTokens.issue(site.id(), now.get()), now.get(),
                site.id(), held);
          }
        }
      }
      UUID contactId = handedOver(site.id(), visitPass).orElseGet(() -> {
        UUID created = UUID.randomUUID();
        contacts.create(new Contact(created, site.id(), null, null, null));
        return created;
      });
      return new VisitorCredentials(visitorTokens.issue(site.id(), contactId), contactId, site.id(),
          null);
    });
  }

  /**
   * A new anonymous visitor of the site, made by the widget's loader on a shop page's first view
   * (before the chat's frame ever ran in that browser), and its visit pass: the frame, when it
   * first starts, takes the visitor over with that pass ({@link #visitorToken}). NOT_FOUND for an
   * unknown site, UNAUTHORIZED when the site enforces verified identities, FORBIDDEN for an
   * origin outside its allow-list; nothing is stored then.
   */
  public CompletableFuture<FirstVisit> firstVisit(String siteKey, String origin) {
    return store.call(() -> {
      Site site = sites.findBySiteKey(siteKey).orElseThrow(() ->
          new SwitchboardException(ErrorCode.NOT_FOUND, "unknown site key"));
      UUID contactId = UUID.randomUUID();
      Principal visitor = visitorOf(new VisitorTokens.Claims(site.id(), contactId, 0, false),
          Optional.of(site), origin);
      handovers.create(contactId, site.id(), clock.instant());
      return new FirstVisit(visitor, visitorTokens.issuePass(site.id(), contactId, false));
    });
  }

  /**
   * The contact a first view's visit pass names, the first time it is presented for this site
   * (it was not merged away meanwhile); empty for any other pass, and every later time.
   */
  private Optional<UUID> handedOver(String siteId, String visitPass) {
    if (visitPass == null) {
      return Optional.empty();
    }
    return visitorTokens.verifyPass(visitPass)
        .filter(c -> c.siteId().equals(siteId) && !c.verified())
        .map(VisitorTokens.Claims::contactId)
        .filter(id -> contacts.survivorOf(id).filter(id::equals).isPresent())
        .filter(handovers::take);
  }

  /** The contact {@code existing} stood for, when it has been merged into {@code contactId}. */
  private UUID mergedFrom(String existing, String siteId, UUID contactId) {
    if (existing == null) {
      return null;
    }
    Optional<VisitorTokens.Claims> claims = visitorTokens.verify(existing);
    if (claims.isEmpty() || !claims.get().siteId().equals(siteId)
        || claims.get().contactId().equals(contactId)) {
      return null;
    }
    UUID held = claims.get().contactId();
    return contacts.survivorOf(held).filter(contactId::equals).map(x -> held).orElse(null);
  }

  /**
   * Authenticates a WebSocket handshake. Fails with UNAUTHORIZED, or FORBIDDEN when a visitor's
   * {@code origin} (null for same-origin or non-browser clients) is outside the site's allow-list.
   */
  public CompletableFuture<Principal> authenticateSocket(String token, String origin) {
    if (VisitorTokens.looksLikeVisitorToken(token)) {
      return visitor(token, origin);
    }
    if (AgentTokens.looksLikeAgentToken(token)) {
      return staff(token);
    }
    return unauthorized("the token is not recognised");
  }

  /**
   * A REST caller that may be a visitor or staff: a visitor token's visitor, else what
   * {@link #staff} accepts (a staff token or an API key).
   */
  public CompletableFuture<Principal> visitorOrStaff(String token) {
    return VisitorTokens.looksLikeVisitorToken(token) ? visitor(token, null) : staff(token);
  }

  /** Accepts API keys wherever a staff token is accepted over REST (never on WebSockets). */
  public void acceptKeys(KeyPrincipals keys) {
    this.keyPrincipals = keys;
  }

  /**
   * A staff principal for a REST call: a valid staff token's user, or an accepted API key's
   * principal; UNAUTHORIZED for anything else.
   */
  public CompletableFuture<Principal> staff(String token) {
    KeyPrincipals keys = keyPrincipals;
    if (keys != null && keys.recognises(token)) {
      return store.call(() -> keys.principal(token));
    }
    if (!AgentTokens.looksLikeAgentToken(token)) {
      return unauthorized("a staff token is required: Authorization: Bearer <token>");
    }
    byte[] hash = AgentTokens.hash(token);
    return store.call(() -> {
      UUID userId = tokens.findActiveUser(hash).orElseThrow(() ->
          new SwitchboardException(ErrorCode.UNAUTHORIZED, "the token is invalid, expired or revoked"));
      User user = users.find(userId).filter(u -> !u.disabled()).orElseThrow(() ->
          new SwitchboardException(ErrorCode.UNAUTHORIZED, "this account is disabled"));
      return new Principal(user.role(), user.id().toString(), null, user.displayName(),
          user.capacity(), users.queuesOf(user.id()), hash, teams.teamQueuesOf(user.id()));
    });
  }

  /** A visitor principal; with a non-null {@code origin} it must pass the site's allow-list. */
  public CompletableFuture<Principal> visitor(String token, String origin) {
    return visitorOf(visitorTokens.verify(token), origin, "the visitor token is invalid or expired");
  }

  /**
   * The visitor a visit pass stands for (it only reports pages; see {@link VisitorTokens}); with
   * a non-null {@code origin} it must pass the site's allow-list.
   */
  public CompletableFuture<Principal> visitorByPass(String pass, String origin) {
    return visitorOf(visitorTokens.verifyPass(pass), origin, "the visit pass is invalid or expired");
  }

  /** A visit pass for the visitor a valid visitor token stands for; empty for any other token. */
  public Optional<String> visitPass(String visitorToken) {
    return visitorTokens.verify(visitorToken)
        .map(c -> visitorTokens.issuePass(c.siteId(), c.contactId(), c.verified()));
  }

  private CompletableFuture<Principal> visitorOf(Optional<VisitorTokens.Claims> claims,
      String origin, String refusal) {
    if (claims.isEmpty()) {
      return unauthorized(refusal);
    }
    VisitorTokens.Claims c = claims.get();
    // The site is nearly always cached: answer on the calling event loop instead of queueing
    // behind the store's work, which a burst of connecting visitors made the slowest step.
    Optional<Optional<Site>> cached = lookups.cachedSite(c.siteId());
    if (cached.isPresent()) {
      try {
        return CompletableFuture.completedFuture(visitorOf(c, cached.get(), origin));
      } catch (SwitchboardException e) {
        return CompletableFuture.failedFuture(e);
      }
    }
    return store.call(() -> visitorOf(c, lookups.site(c.siteId()), origin));
  }

  private static Principal visitorOf(VisitorTokens.Claims c, Optional<Site> found, String origin) {
    Site site = found.orElseThrow(() ->
        new SwitchboardException(ErrorCode.UNAUTHORIZED, "the token's site no longer exists"));
    if (site.identityEnforced() && !c.verified()) {
      throw new SwitchboardException(ErrorCode.UNAUTHORIZED, IDENTITY_REQUIRED);
    }
    if (!site.allowedOrigins().isEmpty() && origin != null
        && !site.allowedOrigins().contains(origin)) {
      throw new SwitchboardException(ErrorCode.FORBIDDEN,
          "origin " + origin + " is not allowed for this site");
    }
    return Principal.visitor(c.contactId().toString(), c.siteId());
  }

  private static <T> CompletableFuture<T> unauthorized(String message) {
    return CompletableFuture.failedFuture(new SwitchboardException(ErrorCode.UNAUTHORIZED, message));
  }
}
