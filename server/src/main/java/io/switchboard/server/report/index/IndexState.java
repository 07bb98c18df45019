package io.switchboard.server.report.index;

import io.switchboard.server.store.report.ReportIndexDao;
import io.switchboard.server.store.report.ReportIndexDao.ChatRow;
import io.switchboard.server.store.report.ReportIndexDao.HoldRow;
import io.switchboard.server.store.report.ReportIndexDao.Read;
import io.switchboard.server.store.report.ReportIndexDao.StatusRow;
import io.switchboard.server.store.report.ReportIndexDao.TicketRow;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * What the report index holds: the dictionaries, the chat and ticket facts (chats with their
 * holds) and the agents' time lines; filled by a full read or changed by the rows of a later
 * one, collected first so the index's lock is held only while they are applied.
 *
 * <p>Not thread-safe: {@link ReportIndex} guards it with its lock.
 */
final class IndexState {
  final Dictionaries words = new Dictionaries();
  final ChatColumns chats = new ChatColumns();
  final TicketColumns tickets = new TicketColumns();
  final AgentTimelines timelines = new AgentTimelines();

  /** The rows of one read, kept until they are applied. */
  static final class Rows implements ReportIndexDao.Sink {
    private final List<ChatRow> chats = new ArrayList<>();
    private final List<TicketRow> tickets = new ArrayList<>();
    private final List<StatusRow> statuses = new ArrayList<>();
    private final List<HoldRow> holds = new ArrayList<>();

    @Override
    public void chat(ChatRow row) {
      chats.add(row);
    }

    @Override
    public void ticket(TicketRow row) {
      tickets.add(row);
    }

    @Override
    public void status(StatusRow row) {
      statuses.add(row);
    }

    @Override
    public void hold(HoldRow row) {
      holds.add(row);
    }
  }

  /** A sink that fills this state directly, for a full read into a new state. */
  ReportIndexDao.Sink filler() {
    return new ReportIndexDao.Sink() {
      @Override
      public void chat(ChatRow row) {
        chats.put(row, words);
      }

      @Override
      public void ticket(TicketRow row) {
        tickets.put(row, words);
      }

      @Override
      public void status(StatusRow row) {
        timelines.put(row, words);
      }

      @Override
      public void hold(HoldRow row) {
        addHold(row);
      }
    };
  }

  /** After a full read: builds every agent's time line. */
  void built() {
    timelines.rebuild(chats, words.agents.size(), true);
  }

  /** Applies the rows of a read of changes and what it found gone. */
  void apply(Rows rows, Read read) {
    rows.chats.forEach(row -> chats.put(row, words));
    rows.tickets.forEach(row -> tickets.put(row, words));
    rows.statuses.forEach(row -> timelines.put(row, words));
    // A changed conversation's holds were read again: drop the ones held before.
    for (UUID id : read.changedChats()) {
      int slot = chats.slotOf(id);
      if (slot >= 0 && chats.holds[slot] != null) {
        timelines.touched(chats.holds[slot]);
        chats.holds[slot] = null;
      }
    }
    rows.holds.forEach(this::addHold);
    read.goneChats().forEach(chats::remove);
    read.goneTickets().forEach(tickets::remove);
    read.goneStatuses().forEach(timelines::remove);
    timelines.rebuild(chats, words.agents.size(), false);
  }

  private void addHold(HoldRow row) {
    int slot = chats.slotOf(row.conversation());
    if (slot < 0) {
      return;
    }
    int agent = words.agents.number(row.agent());
    chats.hold(slot, agent, row.from(), row.to() == ReportIndexDao.NONE
        ? AgentTimelines.OPEN : row.to());
    timelines.touch(agent);
  }
}
