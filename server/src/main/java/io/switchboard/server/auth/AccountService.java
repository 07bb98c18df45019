package io.switchboard.server.auth;

import io.switchboard.protocol.ErrorCode;
import io.switchboard.server.access.Principal;
import io.switchboard.server.access.Role;
import io.switchboard.server.delivery.SignOut;
import io.switchboard.server.store.Stores;
import io.switchboard.server.store.user.AgentTokenDao;
import io.switchboard.server.store.user.InviteDao;
import io.switchboard.server.store.user.User;
import io.switchboard.server.store.user.UserAccountDao;
import io.switchboard.server.store.user.UserDao;
import io.switchboard.server.util.BlockingExecutor;
import io.switchboard.server.util.SwitchboardException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiConsumer;

/**
 * People's accounts: a user changes their own name and password; an admin creates users (with a
 * password, or an invitation link that lets them choose one) and starts password resets; a link
 * sets the password once. A new password signs the user out everywhere else: their other tokens
 * are revoked and those tokens' sockets closed on every node.
 *
 * <p>Thread-safe. Store work and password hashing run on the blocking executor.
 */
public final class AccountService {
  /** The shortest and longest password accepted. */
  public static final int MIN_PASSWORD = 12;
  public static final int MAX_PASSWORD = 256;
  /** How long an invitation or reset link works. */
  public static final Duration LINK_LIFETIME = Duration.ofHours(72);
  private static final String LINK_PREFIX = "sbi1.";
  private static final SecureRandom RANDOM = new SecureRandom();

  /** A created user, and the one-time link token when they were invited. */
  public record Created(User user, String inviteToken, Instant inviteExpiresAt) {}

  /** A one-time link: its token (shown once) and when it stops working. */
  public record Link(String token, Instant expiresAt) {}

  private final UserDao users;
  private final UserAccountDao accounts;
  private final AgentTokenDao tokens;
  private final InviteDao invites;
  private final PasswordHasher hasher;
  private final BlockingExecutor store;
  private final Clock clock;
  private final BiConsumer<UUID, SignOut> signOut;

  /** @param signOut closes the sessions of a user that a sign-out covers, on every node */
  public AccountService(Stores stores, UserAccountDao accounts, InviteDao invites,
      PasswordHasher hasher, BlockingExecutor store, Clock clock,
      BiConsumer<UUID, SignOut> signOut) {
    this.signOut = signOut;
    this.users = stores.users();
    this.tokens = stores.agentTokens();
    this.accounts = accounts;
    this.invites = invites;
    this.hasher = hasher;
    this.store = store;
    this.clock = clock;
  }

  /** The user changes their own display name. */
  public CompletableFuture<User> rename(Principal me, String name) {
    return store.call(() -> {
      accounts.update(UUID.fromString(me.id()), name, null, null);
      return found(UUID.fromString(me.id()));
    });
  }

  /**
   * The user changes their own password, proving the current one; every other token of theirs is
   * revoked (the one making this call stays valid). {@code FORBIDDEN} when the current password
   * is wrong.
   */
  public CompletableFuture<Void> changePassword(Principal me, String current, String next) {
    checkPassword(next);
    return store.call(() -> {
      UUID id = UUID.fromString(me.id());
      User user = found(id);
      if (!hasher.verify(current, user.passwordHash())) {
        throw new SwitchboardException(ErrorCode.FORBIDDEN, "currentPassword: not your password");
      }
      accounts.setPassword(id, hasher.hash(next), clock.instant());
      tokens.revokeAllExcept(id, me.tokenHash());
      signOut.accept(id, SignOut.allBut(me.tokenHash()));
      return null;
    });
  }

  /**
   * Creates a user. With {@code password} null they get an invitation link instead (they cannot
   * log in until they used it). {@code CONFLICT} when the email is taken.
   */
  public CompletableFuture<Created> create(String email, String name, Role role, int capacity,
      String password) {
    if (password != null) {
      checkPassword(password);
    }
    return store.call(() -> {
      // An invited user's placeholder is a real hash of a secret nobody knows, so a login
      // attempt takes as long as for anyone else.
      String hash = hasher.hash(password != null ? password : randomToken());
      User user = users.create(new User(UUID.randomUUID(), email, name, role, hash, capacity,
          false));
      if (password != null) {
        return new Created(user, null, null);
      }
      Link link = link(user.id(), "invite");
      return new Created(user, link.token(), link.expiresAt());
    });
  }

  /** An admin starts a password reset: a new link, and every login of the user signed out. */
  public CompletableFuture<Link> startReset(UUID userId) {
    return store.call(() -> {
      found(userId);
      tokens.revokeAllFor(userId);
      Link link = link(userId, "reset");
      signOut.accept(userId, SignOut.all());
      return link;
    });
  }

  /**
   * Disables (or enables again) a user. A disabled user is refused everywhere at once: every
   * token revoked and every socket closed on every node. {@code CONFLICT} for one's own account.
   */
  public CompletableFuture<User> setDisabled(Principal admin, UUID userId, boolean disabled) {
    if (admin.id().equals(userId.toString())) {
      return CompletableFuture.failedFuture(new SwitchboardException(ErrorCode.CONFLICT,
          "you cannot disable or enable your own account"));
    }
    return store.call(() -> {
      if (!accounts.setDisabled(userId, disabled)) {
        throw new SwitchboardException(ErrorCode.NOT_FOUND, "no such user");
      }
      if (disabled) {
        tokens.revokeAllFor(userId);
        signOut.accept(userId, SignOut.all());
      }
      return found(userId);
    });
  }

  /** Who a link is for (to greet them), without using it; {@code NOT_FOUND} when it is not open. */
  public CompletableFuture<User> linkOwner(String token) {
    return store.call(() -> invites.find(AgentTokens.hash(token), clock.instant())
        .map(invite -> found(invite.userId()))
        .orElseThrow(linkGone()));
  }

  /** Sets the password through a link, once; other tokens of the user are revoked. */
  public CompletableFuture<UUID> useLink(String token, String password) {
    checkPassword(password);
    return store.call(() -> {
      Optional<UUID> user = invites.use(AgentTokens.hash(token), clock.instant(),
          hasher.hash(password));
      UUID id = user.orElseThrow(linkGone());
      tokens.revokeAllFor(id);
      signOut.accept(id, SignOut.all());
      return id;
    });
  }

  private Link link(UUID userId, String purpose) {
    String token = LINK_PREFIX + randomToken();
    Instant expires = clock.instant().plus(LINK_LIFETIME);
    invites.create(AgentTokens.hash(token), userId, purpose, expires);
    return new Link(token, expires);
  }

  private User found(UUID id) {
    return users.find(id).orElseThrow(() ->
        new SwitchboardException(ErrorCode.NOT_FOUND, "no such user"));
  }

  /** {@code INVALID_FIELD} unless the password is 12-256 characters. */
  public static void checkPassword(String password) {
    if (password == null || password.length() < MIN_PASSWORD || password.length() > MAX_PASSWORD) {
      throw new SwitchboardException(ErrorCode.INVALID_FIELD,
          "password: " + MIN_PASSWORD + "-" + MAX_PASSWORD + " characters");
    }
  }

  private static java.util.function.Supplier<SwitchboardException> linkGone() {
    return () -> new SwitchboardException(ErrorCode.NOT_FOUND,
        "this link is unknown, used already or expired");
  }

  private static String randomToken() {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }
}
