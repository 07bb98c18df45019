package io.switchboard.server.access;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * Everything someone can ask Switchboard to do, over REST or WebSocket, with who may do it: the
 * roles allowed, and for each role the relations to the conversation that qualify (an empty set
 * means any relation). {@link AccessPolicy} reads this table and nothing else.
 *
 * <p>Immutable and thread-safe.
 */
public enum Action {
  /** Start a chat (or get the open one back). */
  START("start is for visitors", rule(Role.VISITOR)),
  /** Rate a closed conversation. */
  RATE("rate is for visitors", rule(Role.VISITOR, Relation.OWN)),
  /** Tell the agent which page the visitor is on. */
  SHARE_CONTEXT("context is for visitors", rule(Role.VISITOR)),
  /** Fill in the visitor's own name, email and phone. */
  EDIT_PROFILE("profile is for visitors", rule(Role.VISITOR)),
  /** Write a message into the conversation. */
  SEND("send is for the visitor, the assigned agent and who joined", participants()),
  /** Typing indicators and read receipts. */
  SIGNAL("typing and read are for the visitor, the assigned agent and who joined",
      participants()),
  /** Read the conversation: resume it, its transcript, details and notes. */
  READ("reading is for the visitor, staff serving the contact, their team and supervisors", Map.of(
      Role.VISITOR, EnumSet.of(Relation.OWN),
      Role.AGENT, EnumSet.of(Relation.ASSIGNED, Relation.SERVES_CONTACT, Relation.TEAM),
      Role.SUPERVISOR, EnumSet.of(Relation.ASSIGNED, Relation.SERVES_CONTACT, Relation.TEAM),
      Role.ADMIN, Set.of())),
  /** Take an offered conversation (whether it is theirs, PostgreSQL decides). */
  ACCEPT("accept is for agents", staff()),
  /** End the conversation. */
  CLOSE("close is for the visitor, the assigned agent and supervisors", Map.of(
      Role.VISITOR, EnumSet.of(Relation.OWN),
      Role.AGENT, EnumSet.of(Relation.ASSIGNED),
      Role.SUPERVISOR, EnumSet.of(Relation.ASSIGNED, Relation.TEAM),
      Role.ADMIN, Set.of())),
  /** Add a private note. */
  NOTE("note is for agents", assigneeOrOverseer()),
  /** Move an assigned conversation to another agent or queue. */
  TRANSFER("transfer is for agents", assigneeOrOverseer()),
  /** Write to the agent of a conversation, never seen by the visitor. */
  WHISPER("whispering is for supervisors of the conversation's team", overseersOfOthers()),
  /** Join a conversation beside its agent, and write in it. */
  BARGE("joining a conversation is for supervisors of its team", overseersOfOthers()),
  /** Move a waiting conversation, or hand it straight to an agent. */
  MOVE_WAITING("only supervisors move a waiting conversation", overseers()),
  /** Make a conversation more or less urgent. */
  SET_PRIORITY("setting priorities is for supervisors", overseers()),
  /** Set one's own status (online, away, offline). */
  SET_STATUS("status is for agents", staff()),
  /** One's own account, the canned replies, the queues and agents lists. */
  USE_CONSOLE("the console is for staff", staff()),
  /** A contact's earlier conversations. */
  READ_CONTACT_HISTORY("you are not serving this contact", Map.of(
      Role.AGENT, EnumSet.of(Relation.SERVES_CONTACT),
      Role.SUPERVISOR, EnumSet.of(Relation.SERVES_CONTACT, Relation.TEAM),
      Role.ADMIN, Set.of())),
  /** The live wall and the queues' waiting lists (a supervisor: their teams' queues). */
  WATCH_QUEUES("the wall is for supervisors", overseers()),
  /** Pause and resume queues. */
  PAUSE_QUEUE("pausing queues is for supervisors", overseers()),
  /** Change a site's settings, such as its identity-verification keys and enforcement. */
  MANAGE_SITES("only admins change sites", admins()),
  /** Create users, change their name, email and role, and start password resets. */
  MANAGE_USERS("only admins manage users", admins()),
  /** Disable a user: every login of theirs signed out on every node, and no new ones. */
  DISABLE_USERS("only admins disable users", admins()),
  /** Let a disabled user sign in again. */
  ENABLE_USERS("only admins enable users", admins()),
  /** End a login lock of a user's account before it runs out. */
  UNLOCK_LOGINS("only admins unlock sign-ins", admins()),
  /** Read, verify and export the audit log. */
  READ_AUDIT("only admins read the audit log", admins()),
  /** Generate and download the monthly compliance reports. */
  COMPLIANCE_REPORTS("only admins read compliance reports", admins()),
  /** Create teams, and change their names, members and queues. */
  MANAGE_TEAMS("only admins manage teams", admins()),
  /** Create and change queues, their hours and rules, and agents' routing settings. */
  MANAGE_ROUTING("only admins change queues and agents", admins()),
  /** Export or erase everything about one contact (GDPR), and set sites' retention. */
  PERSONAL_DATA("only admins export, erase and retain personal data", admins()),
  /** Create and delete canned replies. */
  MANAGE_CANNED_REPLIES("only admins manage canned replies", admins()),
  /** Tickets: staff of the ticket's team and its assignee read and work it; admins any. */
  WORK_TICKET("this ticket is neither yours nor your team's", Map.of(
      Role.AGENT, EnumSet.of(Relation.ASSIGNED, Relation.TEAM),
      Role.SUPERVISOR, EnumSet.of(Relation.ASSIGNED, Relation.TEAM), Role.ADMIN, Set.of())),
  /** Giving a ticket to someone else (taking it oneself is {@link #WORK_TICKET}). */
  ASSIGN_TICKET("only supervisors of the ticket's team assign it to others", overseers()),
  /** The requester's own tickets, from the widget. */
  OWN_TICKET("this is not your ticket", rule(Role.VISITOR, Relation.OWN)),
  /**
   * Contacts and companies: staff of a team that owns one of the site's queues see and edit the
   * site's contacts (including notes and merges); admins any site's.
   */
  WORK_CONTACTS("this contact's site is not one of your teams'", Map.of(
      Role.AGENT, EnumSet.of(Relation.TEAM), Role.SUPERVISOR, EnumSet.of(Relation.TEAM),
      Role.ADMIN, Set.of())),
  /** Define the custom fields of a site's contacts. */
  MANAGE_CONTACT_FIELDS("only admins change contact fields", admins()),
  READ_SLA_POLICIES("SLA policies are for supervisors and admins",
      Map.of(Role.SUPERVISOR, Set.of(), Role.ADMIN, Set.of())),
  MANAGE_SLA_POLICIES("only admins change SLA policies", admins()),
  /** Import contacts and transcripts. */
  IMPORT_DATA("only admins import", admins()),
  /** Export contacts (admins), conversations and tickets (a supervisor: their teams'). */
  EXPORT_DATA("exports are for supervisors and admins",
      Map.of(Role.SUPERVISOR, Set.of(), Role.ADMIN, Set.of())),
  /** Reports: admins all, supervisors their teams', agents their own figures. */
  READ_REPORTS("reports are for staff", staff()),
  /** Read the measured availability and the current status. */
  READ_AVAILABILITY("availability is for supervisors and admins",
      Map.of(Role.SUPERVISOR, Set.of(), Role.ADMIN, Set.of())),
  /** Create, list and revoke API keys. */
  MANAGE_API_KEYS("only admins manage API keys", admins()),
  /** Declare and delete maintenance windows. */
  MANAGE_MAINTENANCE("only admins declare maintenance", admins()),
  /** Configure webhooks, read their delivery log and replay deliveries. */
  MANAGE_WEBHOOKS("only admins manage webhooks", admins());

  /** Why a role that may never do this is refused. */
  private final String refusal;
  private final Map<Role, Set<Relation>> allowed;

  Action(String refusal, Map<Role, Set<Relation>> allowed) {
    this.refusal = refusal;
    this.allowed = allowed;
  }

  /** Why someone whose role may never do this is refused (safe to show). */
  public String refusal() {
    return refusal;
  }

  /** Whether the role may ever do this. */
  boolean allows(Role role) {
    return allowed.containsKey(role);
  }

  /** Whether the role, standing in this relation, may do this. */
  boolean allows(Role role, Relation relation) {
    Set<Relation> relations = allowed.get(role);
    return relations != null && (relations.isEmpty() || relations.contains(relation));
  }

  private static Map<Role, Set<Relation>> rule(Role role) {
    return Map.of(role, Set.of());
  }

  private static Map<Role, Set<Relation>> rule(Role role, Relation relation) {
    return Map.of(role, EnumSet.of(relation));
  }

  private static Map<Role, Set<Relation>> participants() {
    return Map.of(Role.VISITOR, EnumSet.of(Relation.OWN), Role.AGENT, EnumSet.of(Relation.ASSIGNED),
        Role.SUPERVISOR, EnumSet.of(Relation.ASSIGNED, Relation.JOINED),
        Role.ADMIN, EnumSet.of(Relation.ASSIGNED, Relation.JOINED));
  }

  private static Map<Role, Set<Relation>> assigneeOrOverseer() {
    return Map.of(Role.AGENT, EnumSet.of(Relation.ASSIGNED),
        Role.SUPERVISOR, EnumSet.of(Relation.ASSIGNED, Relation.TEAM), Role.ADMIN, Set.of());
  }

  private static Map<Role, Set<Relation>> staff() {
    return Map.of(Role.AGENT, Set.of(), Role.SUPERVISOR, Set.of(), Role.ADMIN, Set.of());
  }

  /** Supervisors of the conversation's or queue's team, and admins. */
  private static Map<Role, Set<Relation>> overseers() {
    return Map.of(Role.SUPERVISOR, EnumSet.of(Relation.TEAM), Role.ADMIN, Set.of());
  }

  /** Overseers (above) of a conversation that is not their own. */
  private static Map<Role, Set<Relation>> overseersOfOthers() {
    return Map.of(Role.SUPERVISOR, EnumSet.of(Relation.TEAM, Relation.JOINED),
        Role.ADMIN, EnumSet.of(Relation.TEAM, Relation.JOINED, Relation.NONE));
  }

  private static Map<Role, Set<Relation>> admins() {
    return Map.of(Role.ADMIN, Set.of());
  }
}
