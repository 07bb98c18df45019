package io.switchboard.bench.growth;

import io.switchboard.server.access.Role;
import io.switchboard.server.db.Database;
import io.switchboard.server.db.DatabaseSettings;
import io.switchboard.server.store.contact.Contact;
import io.switchboard.server.store.contact.ContactDao;
import io.switchboard.server.store.conversation.ConversationDao;
import io.switchboard.server.store.message.GroupCommitMessageWriter;
import io.switchboard.server.store.queue.QueueDao;
import io.switchboard.server.store.queue.QueueInfo;
import io.switchboard.server.store.site.Site;
import io.switchboard.server.store.site.SiteDao;
import io.switchboard.server.store.user.User;
import io.switchboard.server.store.user.UserDao;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * One database the growth benchmark writes into: migrated, given a site of its own with open
 * conversations assigned to agents, and a group-commit writer (the path every chat send takes).
 *
 * <p>Not thread-safe to set up; {@link #conversations} and {@link #writer} are then shared by the
 * senders (the writer is thread-safe).
 */
final class GrowthTarget implements AutoCloseable {
  /** An open conversation and the contact who writes in it. */
  record Open(UUID id, UUID contactId) {}

  final String name;
  final Database database;
  final GroupCommitMessageWriter writer;
  final List<Open> conversations = new ArrayList<>();

  private GrowthTarget(String name, Database database) {
    this.name = name;
    this.database = database;
    this.writer = new GroupCommitMessageWriter(database.dataSource());
  }

  /** Opens (and migrates) the database and creates {@code count} assigned conversations. */
  static GrowthTarget open(String name, String jdbcUrl, int count) {
    Database database = Database.open(new DatabaseSettings(jdbcUrl, 16, Duration.ofSeconds(30),
        Duration.ofMinutes(5)));
    GrowthTarget target = new GrowthTarget(name, database);
    String tag = UUID.randomUUID().toString().substring(0, 8);
    String siteId = "growth-" + tag;
    String queueId = "growth-q-" + tag;
    new SiteDao(database.jdbi()).create(new Site(siteId, "Growth benchmark", "key-growth-" + tag,
        List.of("https://shop.example"), queueId));
    new QueueDao(database.jdbi()).create(new QueueInfo(queueId, siteId, "Growth", 0));
    UserDao users = new UserDao(database.jdbi());
    ContactDao contacts = new ContactDao(database.jdbi());
    ConversationDao conversationDao = new ConversationDao(database.jdbi());
    List<UUID> agents = new ArrayList<>();
    for (int i = 0; i < Math.max(1, count / 4); i++) {
      UUID id = UUID.randomUUID();
      users.create(new User(id, "growth-" + id + "@example.com", "Growth agent " + i,
          Role.AGENT, "$argon2id$v=19$m=65536,t=3,p=1$c2FsdA$aGFzaA", 4, false));
      agents.add(id);
    }
    for (int i = 0; i < count; i++) {
      UUID contact = UUID.randomUUID();
      contacts.create(new Contact(contact, siteId, "Visitor " + i, null, null));
      UUID conversation = conversationDao.startOrGetOpen(siteId, contact, queueId, Map.of(), 0)
          .conversation().id();
      if (!conversationDao.assign(conversation, agents.get(i % agents.size()))) {
        throw new IllegalStateException("could not assign " + conversation);
      }
      target.conversations.add(new Open(conversation, contact));
    }
    return target;
  }

  /** Rows in the messages table now (exact; takes seconds on tens of millions). */
  long messages() {
    return database.jdbi().withHandle(h -> h.createQuery("SELECT count(*) FROM messages")
        .mapTo(Long.class).one());
  }

  /** The messages table with its indexes and TOAST, in bytes. */
  long messagesBytes() {
    return database.jdbi().withHandle(h -> h.createQuery(
        "SELECT pg_total_relation_size('messages')").mapTo(Long.class).one());
  }

  @Override
  public void close() {
    writer.close();
    database.close();
  }
}
