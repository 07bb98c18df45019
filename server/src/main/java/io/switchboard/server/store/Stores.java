package io.switchboard.server.store;

import io.switchboard.server.store.attachment.AttachmentDao;
import io.switchboard.server.store.attachment.AttachmentPolicyDao;
import io.switchboard.server.store.cache.CachedLookups;
import io.switchboard.server.store.canned.CannedReplyDao;
import io.switchboard.server.store.contact.ContactDao;
import io.switchboard.server.store.conversation.ClaimRecords;
import io.switchboard.server.store.conversation.ConversationDao;
import io.switchboard.server.store.conversation.NoteDao;
import io.switchboard.server.store.conversation.ParticipantDao;
import io.switchboard.server.store.conversation.RatingDao;
import io.switchboard.server.store.handover.VisitHandoverDao;
import io.switchboard.server.store.identity.IdentityKeyDao;
import io.switchboard.server.store.mail.MailAddressDao;
import io.switchboard.server.store.mail.MailMessageDao;
import io.switchboard.server.store.mail.OutboxDao;
import io.switchboard.server.store.mail.OutboxEnqueuer;
import io.switchboard.server.store.message.BulkReadDao;
import io.switchboard.server.store.message.MessageDao;
import io.switchboard.server.store.queue.QueueDao;
import io.switchboard.server.store.queue.QueueScheduleDao;
import io.switchboard.server.store.queue.QueueSettingsDao;
import io.switchboard.server.store.rules.RoutingRulesDao;
import io.switchboard.server.store.secret.ServerSecretDao;
import io.switchboard.server.store.site.SiteDao;
import io.switchboard.server.store.sla.SlaClockDao;
import io.switchboard.server.store.sla.SlaEscalations;
import io.switchboard.server.store.sla.SlaPolicyDao;
import io.switchboard.server.store.team.TeamDao;
import io.switchboard.server.store.ticket.TicketDao;
import io.switchboard.server.store.user.AgentTokenDao;
import io.switchboard.server.store.user.PreferenceDao;
import io.switchboard.server.store.user.UserDao;
import java.time.Clock;
import org.jdbi.v3.core.Jdbi;

/**
 * Every store of the node, each built once on the node's one Jdbi: the domain services and APIs
 * take what they need from here. (The group-commit message writer is not here: it owns threads
 * and is opened and closed by the node.)
 *
 * <p>Immutable and thread-safe (every store is).
 *
 * @param lookups sites, queues, schedules and agents' queues, kept for a second
 */
public record Stores(SiteDao sites, QueueDao queues, QueueScheduleDao schedules, QueueSettingsDao queueSettings,
    RoutingRulesDao rules, UserDao users, AgentTokenDao agentTokens, ContactDao contacts,
    ConversationDao conversations, ClaimRecords claims, MessageDao messages, BulkReadDao bulkReads,
    NoteDao notes, RatingDao ratings, CannedReplyDao cannedReplies, TicketDao tickets,
    ServerSecretDao secrets, CachedLookups lookups, TeamDao teams, IdentityKeyDao identityKeys,
    ParticipantDao participants, PreferenceDao preferences, SlaPolicyDao slaPolicies,
    SlaClockDao slaClocks, SlaEscalations slaEscalations, MailAddressDao mailAddresses,
    MailMessageDao mail, OutboxDao outbox, AttachmentDao attachments,
    AttachmentPolicyDao attachmentPolicies, VisitHandoverDao handovers) {

  /** Builds every store on {@code jdbi}; {@code clock} ages the cached lookups. */
  public static Stores open(Jdbi jdbi, Clock clock) {
    SiteDao sites = new SiteDao(jdbi);
    QueueDao queues = new QueueDao(jdbi);
    QueueScheduleDao schedules = new QueueScheduleDao(jdbi);
    UserDao users = new UserDao(jdbi);
    return new Stores(sites, queues, schedules, new QueueSettingsDao(jdbi), new RoutingRulesDao(jdbi),
        users, new AgentTokenDao(jdbi), new ContactDao(jdbi), new ConversationDao(jdbi),
        new ClaimRecords(jdbi), new MessageDao(jdbi), new BulkReadDao(jdbi), new NoteDao(jdbi),
        new RatingDao(jdbi), new CannedReplyDao(jdbi), new TicketDao(jdbi, new OutboxEnqueuer()),
        new ServerSecretDao(jdbi), new CachedLookups(sites, queues, schedules, users, clock),
        new TeamDao(jdbi), new IdentityKeyDao(jdbi), new ParticipantDao(jdbi),
        new PreferenceDao(jdbi), new SlaPolicyDao(jdbi), new SlaClockDao(jdbi),
        new SlaEscalations(jdbi), new MailAddressDao(jdbi), new MailMessageDao(jdbi),
        new OutboxDao(jdbi), new AttachmentDao(jdbi), new AttachmentPolicyDao(jdbi),
        new VisitHandoverDao(jdbi));
  }
}
