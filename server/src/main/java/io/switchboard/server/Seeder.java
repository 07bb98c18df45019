package io.switchboard.server;

import io.switchboard.server.access.Role;
import io.switchboard.server.auth.PasswordHasher;
import io.switchboard.server.store.queue.QueueDao;
import io.switchboard.server.store.queue.QueueInfo;
import io.switchboard.server.store.site.Site;
import io.switchboard.server.store.site.SiteDao;
import io.switchboard.server.store.team.TeamDao;
import io.switchboard.server.store.user.User;
import io.switchboard.server.store.user.UserDao;
import io.switchboard.server.store.mail.MailAddress;
import io.switchboard.server.store.mail.MailAddressDao;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;

/**
 * First-run data: one site, one queue with a support address, and an admin, a supervisor and an agent with random
 * one-time passwords. It runs only when the database has no site at all, so a restart never
 * re-seeds and the passwords are printed exactly once.
 *
 * <p>Stateless and thread-safe.
 */
public final class Seeder {
  /** What was created, for printing. */
  public record Seeded(String siteKey, List<Account> accounts) {}

  /** One seeded account and its one-time password. */
  public record Account(String role, String email, String password) {}

  private static final SecureRandom RANDOM = new SecureRandom();
  /** The demo site's support address: mail to it becomes a ticket in the support queue. */
  static final String DEMO_ADDRESS = "help@demo.switchboard.local";

  private Seeder() {}

  public static Optional<Seeded> seedIfEmpty(Jdbi jdbi) {
    SiteDao sites = new SiteDao(jdbi);
    if (sites.anySite()) {
      return Optional.empty();
    }
    String siteKey = "site_" + randomText(16);
    sites.create(new Site("demo", "Demo site", siteKey, List.of(), "support"));
    new QueueDao(jdbi).create(new QueueInfo("support", "demo", "Support", 0));
    TeamDao teams = new TeamDao(jdbi);
    teams.create("support", "Support", Set.of(), Set.of("support"));
    UserDao users = new UserDao(jdbi);
    PasswordHasher hasher = new PasswordHasher();
    List<Account> accounts = new ArrayList<>();
    for (Role role : List.of(Role.ADMIN, Role.SUPERVISOR, Role.AGENT)) {
      String email = role.wire() + "@switchboard.local";
      String password = randomText(14);
      UUID id = UUID.randomUUID();
      users.create(new User(id, email, capitalise(role.wire()), role, hasher.hash(password), 3,
          false));
      users.addToQueue("support", id);
      teams.addMember("support", id);
      accounts.add(new Account(role.wire(), email, password));
    }
    java.time.Instant now = java.time.Instant.now();
    new MailAddressDao(jdbi).create(new MailAddress(UUID.randomUUID(), "demo", DEMO_ADDRESS,
        "Demo support", "support", null, now, now));
    return Optional.of(new Seeded(siteKey, accounts));
  }

  private static String randomText(int length) {
    String alphabet = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    StringBuilder text = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      text.append(alphabet.charAt(RANDOM.nextInt(alphabet.length())));
    }
    return text.toString();
  }

  private static String capitalise(String word) {
    return Character.toUpperCase(word.charAt(0)) + word.substring(1);
  }
}
