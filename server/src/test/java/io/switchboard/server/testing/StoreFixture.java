package io.switchboard.server.testing;

import io.switchboard.server.access.Role;
import io.switchboard.server.db.Database;
import io.switchboard.server.db.DatabaseSettings;
import io.switchboard.server.store.contact.Contact;
import io.switchboard.server.store.contact.ContactDao;
import io.switchboard.server.store.conversation.Conversation;
import io.switchboard.server.store.conversation.ConversationDao;
import io.switchboard.server.store.message.MessageDao;
import io.switchboard.server.store.queue.QueueDao;
import io.switchboard.server.store.queue.QueueInfo;
import io.switchboard.server.store.site.Site;
import io.switchboard.server.store.site.SiteDao;
import io.switchboard.server.store.user.User;
import io.switchboard.server.store.user.UserDao;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Test data on the shared test PostgreSQL: one migrated {@link Database} per test JVM, and helpers
 * that create sites, queues, users, contacts and conversations with random ids, so that tests never
 * see each other's rows.
 *
 * <p>Thread-safe: the database is opened under the class lock; each fixture instance only holds
 * ids that it created.
 */
public final class StoreFixture {
  private static Database database;

  public final SiteDao sites;
  public final QueueDao queues;
  public final UserDao users;
  public final ContactDao contacts;
  public final ConversationDao conversations;
  public final MessageDao messages;
  public final String siteId;
  public final String queueId;

  public StoreFixture() {
    Database db = database();
    sites = new SiteDao(db.jdbi());
    queues = new QueueDao(db.jdbi());
    users = new UserDao(db.jdbi());
    contacts = new ContactDao(db.jdbi());
    conversations = new ConversationDao(db.jdbi());
    messages = new MessageDao(db.jdbi());
    siteId = "site-" + UUID.randomUUID();
    queueId = "queue-" + UUID.randomUUID();
    sites.create(new Site(siteId, "Test site", "key-" + UUID.randomUUID(),
        List.of("https://shop.example"), queueId));
    queues.create(new QueueInfo(queueId, siteId, "Support", 0));
  }

  /** The migrated database every store test shares; never closed before the JVM exits. */
  public static synchronized Database database() {
    if (database == null) {
      database = Database.open(new DatabaseSettings(
          TestServices.jdbcUrl(), 24, Duration.ofSeconds(10), Duration.ofSeconds(30)));
    }
    return database;
  }

  /** A JDBC URL for a new, empty database on the test server. */
  public static String freshDatabaseUrl() {
    String name = "store_" + UUID.randomUUID().toString().replace("-", "");
    try (Connection connection = DriverManager.getConnection(TestServices.jdbcUrl());
        Statement statement = connection.createStatement()) {
      statement.execute("CREATE DATABASE " + name);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
    return TestServices.jdbcUrl().replaceFirst("/[^/?]+(\\?|$)", "/" + name + "$1");
  }

  public UUID newContact() {
    UUID id = UUID.randomUUID();
    contacts.create(new Contact(id, siteId, "Visitor", "visitor@example.com", null));
    return id;
  }

  public User newAgent() {
    UUID id = UUID.randomUUID();
    return users.create(new User(id, "Agent-" + id + "@Example.com", "Agent " + id, Role.AGENT,
        "$argon2id$v=19$m=65536,t=3,p=1$c2FsdA$aGFzaA", 3, false));
  }

  /** A new queued conversation of a new contact. */
  public Conversation newConversation() {
    return conversations.startOrGetOpen(siteId, newContact(), queueId, Map.of(), 0)
        .conversation();
  }

  /** A new conversation assigned to {@code agentId}. */
  public Conversation newAssignedConversation(UUID agentId) {
    Conversation conversation = newConversation();
    if (!conversations.assign(conversation.id(), agentId)) {
      throw new IllegalStateException("could not assign " + conversation.id());
    }
    return conversations.find(conversation.id()).orElseThrow();
  }
}
