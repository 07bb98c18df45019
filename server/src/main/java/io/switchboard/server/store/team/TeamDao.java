package io.switchboard.server.store.team;

import io.switchboard.protocol.ErrorCode;
import io.switchboard.server.db.StoreFailures;
import io.switchboard.server.util.SwitchboardException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Teams, their members and the queues they own: all the SQL on {@code teams}, {@code
 * team_members} and {@code queues.team_id}.
 *
 * <p>Thread-safe: every call runs on its own pooled connection.
 */
public final class TeamDao {
  private final Jdbi jdbi;

  public TeamDao(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  /**
   * Stores a new team with its members and queues, in one transaction; {@code CONFLICT} when the
   * id or the name is taken, {@code NOT_FOUND} when a user or a queue does not exist. A queue
   * moves here from whichever team owned it.
   */
  public void create(String id, String name, Set<UUID> members, Set<String> queues) {
    StoreFailures.run("create team", () -> jdbi.useTransaction(handle -> {
      handle.createUpdate("INSERT INTO teams (id, name) VALUES (:id, :name)")
          .bind("id", id).bind("name", name).execute();
      replaceMembersAndQueues(handle, id, members, queues);
    }));
  }

  /** Renames a team; {@code NOT_FOUND} when there is none, {@code CONFLICT} when the name is taken. */
  /** How many new or open tickets take one chat slot of the team's members (0: none count). */
  public void setTicketsPerChatSlot(String id, int tickets) {
    StoreFailures.run("set team ticket load", () -> jdbi.useHandle(handle -> handle
        .createUpdate("UPDATE teams SET tickets_per_chat_slot = :tickets WHERE id = :id")
        .bind("id", id).bind("tickets", tickets).execute()));
  }

  public void rename(String id, String name) {
    StoreFailures.run("rename team", () -> requireOne(jdbi.withHandle(handle -> handle
        .createUpdate("UPDATE teams SET name = :name WHERE id = :id")
        .bind("id", id).bind("name", name).execute())));
  }

  /** Deletes a team: its queues keep going without a team, its members stay users. */
  public void delete(String id) {
    StoreFailures.run("delete team", () -> requireOne(jdbi.withHandle(handle -> handle
        .createUpdate("DELETE FROM teams WHERE id = :id").bind("id", id).execute())));
  }

  /**
   * Replaces the team's members and queues in one transaction; {@code NOT_FOUND} when the team,
   * a user or a queue does not exist. A queue moves here from whichever team owned it.
   */
  public void setMembersAndQueues(String id, Set<UUID> members, Set<String> queues) {
    StoreFailures.run("update team", () -> jdbi.useTransaction(handle -> {
      requireOne(handle.createUpdate("UPDATE teams SET name = name WHERE id = :id")
          .bind("id", id).execute());
      replaceMembersAndQueues(handle, id, members, queues);
    }));
  }

  private static void replaceMembersAndQueues(Handle handle, String id, Set<UUID> members,
      Set<String> queues) {
    handle.createUpdate("DELETE FROM team_members WHERE team_id = :id").bind("id", id).execute();
    for (UUID member : members) {
      handle.createUpdate("INSERT INTO team_members (team_id, user_id) VALUES (:id, :user)")
          .bind("id", id).bind("user", member).execute();
    }
    handle.createUpdate("UPDATE queues SET team_id = NULL WHERE team_id = :id")
        .bind("id", id).execute();
    for (String queue : queues) {
      if (handle.createUpdate("UPDATE queues SET team_id = :id WHERE id = :queue")
          .bind("id", id).bind("queue", queue).execute() != 1) {
        throw new SwitchboardException(ErrorCode.NOT_FOUND, "no such queue: " + queue);
      }
    }
  }

  /** Adds a user to a team (nothing when already a member). */
  public void addMember(String id, UUID userId) {
    StoreFailures.run("add team member", () -> jdbi.useHandle(handle -> handle.createUpdate("""
            INSERT INTO team_members (team_id, user_id) VALUES (:id, :user)
            ON CONFLICT DO NOTHING""")
        .bind("id", id).bind("user", userId).execute()));
  }

  /** Gives the queue to the team, or to no team when {@code teamId} is null. */
  public void assignQueue(String queueId, String teamId) {
    StoreFailures.run("assign queue to team", () -> requireOne(jdbi.withHandle(handle -> handle
        .createUpdate("UPDATE queues SET team_id = :team WHERE id = :queue")
        .bind("team", teamId).bind("queue", queueId).execute())));
  }

  public Optional<Team> find(String id) {
    return all().stream().filter(team -> team.id().equals(id)).findFirst();
  }

  /** Every team by name, with its queues and members. */
  public List<Team> all() {
    return StoreFailures.call("list teams", () -> jdbi.withHandle(handle -> {
      Map<String, String> names = new LinkedHashMap<>();
      Map<String, Integer> slots = new LinkedHashMap<>();
      handle.createQuery("SELECT id, name, tickets_per_chat_slot FROM teams"
              + " ORDER BY lower(name), id")
          .map((rs, ctx) -> {
            slots.put(rs.getString("id"), rs.getInt("tickets_per_chat_slot"));
            return names.put(rs.getString("id"), rs.getString("name"));
          }).list();
      Map<String, List<String>> queues = new LinkedHashMap<>();
      handle.createQuery("SELECT team_id, id FROM queues WHERE team_id IS NOT NULL ORDER BY id")
          .map((rs, ctx) -> queues.computeIfAbsent(rs.getString("team_id"), k -> new ArrayList<>())
              .add(rs.getString("id"))).list();
      Map<String, List<UUID>> members = new LinkedHashMap<>();
      handle.createQuery("SELECT team_id, user_id FROM team_members ORDER BY user_id")
          .map((rs, ctx) -> members.computeIfAbsent(rs.getString("team_id"), k -> new ArrayList<>())
              .add(rs.getObject("user_id", UUID.class))).list();
      List<Team> teams = new ArrayList<>();
      names.forEach((id, name) -> teams.add(new Team(id, name, queues.get(id), members.get(id),
          slots.get(id))));
      return teams;
    }));
  }

  /** The queues owned by the user's teams: the queues a supervisor oversees. */
  public Set<String> teamQueuesOf(UUID userId) {
    return StoreFailures.call("team queues", () -> jdbi.withHandle(handle ->
        teamQueuesOf(handle, userId)));
  }

  /** The queues each of the users' teams own (a user in no team maps to an empty set). */
  public java.util.Map<UUID, Set<String>> teamQueuesOf(java.util.Collection<UUID> userIds) {
    java.util.Map<UUID, Set<String>> queues = new java.util.HashMap<>();
    userIds.forEach(id -> queues.put(id, new LinkedHashSet<>()));
    if (userIds.isEmpty()) {
      return queues;
    }
    StoreFailures.run("team queues", () -> jdbi.useHandle(handle -> handle.createQuery("""
            SELECT m.user_id, q.id FROM team_members m JOIN queues q ON q.team_id = m.team_id
            WHERE m.user_id = ANY(:users) ORDER BY q.id""")
        .bindArray("users", UUID.class, userIds)
        .map((rs, ctx) -> java.util.Map.entry(rs.getObject(1, UUID.class), rs.getString(2)))
        .forEach(row -> queues.get(row.getKey()).add(row.getValue()))));
    return queues;
  }

  /** The users who share a team with {@code userId}, the user included when in any team. */
  public Set<UUID> teammatesOf(UUID userId) {
    return StoreFailures.call("teammates", () -> jdbi.withHandle(handle -> new LinkedHashSet<>(
        handle.createQuery("""
                SELECT DISTINCT other.user_id FROM team_members mine
                JOIN team_members other ON other.team_id = mine.team_id
                WHERE mine.user_id = :user ORDER BY other.user_id""")
            .bind("user", userId).mapTo(UUID.class).list())));
  }

  private static Set<String> teamQueuesOf(Handle handle, UUID userId) {
    return new LinkedHashSet<>(handle.createQuery("""
            SELECT q.id FROM queues q JOIN team_members m ON m.team_id = q.team_id
            WHERE m.user_id = :user ORDER BY q.id""")
        .bind("user", userId).mapTo(String.class).list());
  }

  private static int requireOne(int rows) {
    if (rows != 1) {
      throw new SwitchboardException(ErrorCode.NOT_FOUND, "no such team");
    }
    return rows;
  }
}
