package io.switchboard.bench.suite;

import io.switchboard.bench.driver.SwitchboardLoad;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.UUID;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import org.jdbi.v3.core.Jdbi;

/**
 * The data the workloads need beyond the first-run seed, written straight into PostgreSQL (the
 * admin API has no endpoint that creates agents): one queue per workload family and numbered
 * agents {@code bench-agent-N@bench.local} with a given capacity in a given queue. Their password
 * hash uses a low PBKDF2 iteration count in the server's own format, so that logging in hundreds
 * of agents takes seconds; logins are setup and never measured.
 *
 * <p>Thread-safe (Jdbi is).
 */
public final class BenchSetup {
  private static final int ITERATIONS = 1_000;
  private final Jdbi jdbi;

  public BenchSetup(String jdbcUrl) {
    this.jdbi = Jdbi.create(jdbcUrl);
  }

  public Jdbi jdbi() {
    return jdbi;
  }

  public String siteKey() {
    return jdbi.withHandle(h -> h.createQuery("SELECT site_key FROM sites WHERE id = 'demo'")
        .mapTo(String.class).one());
  }

  public void queue(String id) {
    jdbi.useHandle(h -> h.execute("INSERT INTO queues (id, site_id, name) VALUES (?, 'demo', ?) "
        + "ON CONFLICT (id) DO NOTHING", id, id));
  }

  /** Creates agents {@code first .. first + count - 1} in {@code queue}, if not there yet. */
  public void agents(int first, int count, int capacity, String queue) {
    String hash = hash(SwitchboardLoad.AGENT_PASSWORD);
    jdbi.useTransaction(h -> {
      for (int i = first; i < first + count; i++) {
        UUID id = UUID.randomUUID();
        int added = h.execute("INSERT INTO users (id, email, display_name, role, password_hash, "
            + "capacity) VALUES (?, ?, ?, 'agent', ?, ?) ON CONFLICT (email) DO NOTHING",
            id, SwitchboardLoad.agentEmail(i), "Bench Agent " + i, hash, capacity);
        if (added == 1) {
          h.execute("INSERT INTO queue_members (queue_id, user_id) VALUES (?, ?)", queue, id);
        }
      }
    });
  }

  public long count(String table) {
    return jdbi.withHandle(h -> h.createQuery("SELECT count(*) FROM " + table)
        .mapTo(Long.class).one());
  }

  /** Agents holding more assigned conversations than their capacity right now. */
  public long agentsOverCapacity() {
    return jdbi.withHandle(h -> h.createQuery("SELECT count(*) FROM (SELECT c.agent_id "
        + "FROM conversations c JOIN users u ON u.id = c.agent_id WHERE c.status = 'assigned' "
        + "GROUP BY c.agent_id, u.capacity HAVING count(*) > u.capacity) over")
        .mapTo(Long.class).one());
  }

  private static String hash(String password) {
    byte[] salt = new byte[16];
    new SecureRandom().nextBytes(salt);
    PBEKeySpec spec = new PBEKeySpec(password.toCharArray(), salt, ITERATIONS, 256);
    try {
      byte[] key = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec)
          .getEncoded();
      Base64.Encoder b64 = Base64.getEncoder().withoutPadding();
      return "pbkdf2-sha256$" + ITERATIONS + "$" + b64.encodeToString(salt) + "$"
          + b64.encodeToString(key);
    } catch (java.security.GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
