package io.switchboard.server.store;

import io.switchboard.server.testing.TestServices;
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
final class StoreFixture {
  private static Database database;

  final SiteDao sites;
  final UserDao users;
  final ContactDao contacts;
  final ConversationDao conversations;
  final MessageDao messages;
  final String siteId;
  final String queueId;

  StoreFixture() {
    Database db = database();
    sites = new SiteDao(db.jdbi());
    users = new UserDao(db.jdbi());
    contacts = new ContactDao(db.jdbi());
    conversations = new ConversationDao(db.jdbi());
    messages = new MessageDao(db.jdbi());
    siteId = "site-" + UUID.randomUUID();
    queueId = "queue-" + UUID.randomUUID();
    sites.create(new Site(siteId, "Test site", "key-" + UUID.randomUUID(),
        List.of("https://shop.example"), queueId));
    sites.createQueue(new QueueInfo(queueId, siteId, "Support", 0));
  }

  /** The migrated database every store test shares; never closed before the JVM exits. */
  static synchronized Database database() {
    if (database == null) {
      database = Database.open(new DatabaseSettings(
          TestServices.jdbcUrl(), 24, Duration.ofSeconds(10), Duration.ofSeconds(30)));
    }
    return database;
  }

  /** A JDBC URL for a new, empty database on the test server. */
  static String freshDatabaseUrl() {
    String name = "store_" + UUID.randomUUID().toString().replace("-", "");
    try (Connection connection = DriverManager.getConnection(TestServices.jdbcUrl());
        Statement statement = connection.createStatement()) {
      statement.execute("CREATE DATABASE " + name);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
    return TestServices.jdbcUrl().replaceFirst("/[^/?]+(\\?|$)", "/" + name + "$1");
  }

  UUID newContact() {
    UUID id = UUID.randomUUID();
    contacts.create(new Contact(id, siteId, "Visitor", "visitor@example.com", null));
    return id;
  }

  User newAgent() {
    UUID id = UUID.randomUUID();
    return users.create(new User(id, "Agent-" + id + "@Example.com", "Agent " + id, Role.AGENT,
        "$argon2id$v=19$m=65536,t=3,p=1$c2FsdA$aGFzaA", 3, false));
  }

  /** A new queued conversation of a new contact. */
  Conversation newConversation() {
    return conversations.startOrGetOpen(siteId, newContact(), queueId, Map.of(), 0)
        .conversation();
  }

  /** A new conversation assigned to {@code agentId}. */
  Conversation newAssignedConversation(UUID agentId) {
    Conversation conversation = newConversation();
    if (!conversations.assign(conversation.id(), agentId)) {
      throw new IllegalStateException("could not assign " + conversation.id());
    }
    return conversations.find(conversation.id()).orElseThrow();
  }
}
