package io.switchboard.server.testing;

import io.switchboard.server.access.Role;
import io.switchboard.server.auth.PasswordHasher;
import io.switchboard.server.store.queue.QueueDao;
import io.switchboard.server.store.queue.QueueInfo;
import io.switchboard.server.store.site.Site;
import io.switchboard.server.store.site.SiteDao;
import io.switchboard.server.store.team.TeamDao;
import io.switchboard.server.store.user.User;
import io.switchboard.server.store.user.UserDao;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;

/**
 * A fresh site with one queue and its agents, with random ids so tests never share data.
 *
 * <p>Not thread-safe.
 */
public final class Fixtures {
  /** An agent account and the password to log in with. */
  public record Agent(UUID id, String email, String password, String name) {}

  private static final PasswordHasher HASHER = new PasswordHasher();
  private static String cachedPassword;
  private static String cachedHash;

  public final String siteId;
  public final String siteKey;
  public final String queueId;
  /** The team that owns the queue; every user added here is a member. */
  public final String teamId;
  public final List<Agent> agents = new ArrayList<>();
  private final Jdbi jdbi;

  private Fixtures(Jdbi jdbi) {
    this.jdbi = jdbi;
    String suffix = UUID.randomUUID().toString().substring(0, 8);
    siteId = "site-" + suffix;
    siteKey = "key-" + suffix;
    queueId = "queue-" + suffix;
    SiteDao sites = new SiteDao(jdbi);
    sites.create(new Site(siteId, "Test site " + suffix, siteKey, List.of(), queueId));
    new QueueDao(jdbi).create(new QueueInfo(queueId, siteId, "Support", 0));
    teamId = "team-" + suffix;
    new TeamDao(jdbi).create(teamId, "Team " + suffix, Set.of(), Set.of(queueId));
  }

  public static Fixtures create(Jdbi jdbi) {
    return new Fixtures(jdbi);
  }

  /** Adds an agent (role agent) with the given capacity, member of the queue. */
  public Agent addAgent(int capacity) {
    return addUser(Role.AGENT, capacity);
  }

  public Agent addUser(Role role, int capacity) {
    UUID id = UUID.randomUUID();
    String email = role.wire() + "-" + id + "@example.test";
    String name = "Agent " + id.toString().substring(0, 4);
    UserDao users = new UserDao(jdbi);
    users.create(new User(id, email, name, role, passwordHash(), capacity, false));
    users.addToQueue(queueId, id);
    new TeamDao(jdbi).addMember(teamId, id);
    Agent agent = new Agent(id, email, password(), name);
    agents.add(agent);
    return agent;
  }

  /** One hash shared by every test agent: hashing at OWASP strength takes a while. */
  private static synchronized String passwordHash() {
    if (cachedHash == null) {
      cachedPassword = "pw-" + UUID.randomUUID();
      cachedHash = HASHER.hash(cachedPassword);
    }
    return cachedHash;
  }

  private static synchronized String password() {
    passwordHash();
    return cachedPassword;
  }
}
