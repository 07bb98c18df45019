package io.switchboard.server.store.conversation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.switchboard.protocol.ErrorCode;
import io.switchboard.server.store.conversation.ConversationDao.StartResult;
import io.switchboard.server.store.user.User;
import io.switchboard.server.testing.StoreFixture;
import io.switchboard.server.util.SwitchboardException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class ConversationDaoTest {
  private final StoreFixture fixture = new StoreFixture();
  private final ConversationDao conversations = fixture.conversations;

  @Test
  void startCreatesOneQueuedConversationAndThenReturnsIt() {
    UUID contact = fixture.newContact();
    StartResult first = conversations.startOrGetOpen(
        fixture.siteId, contact, fixture.queueId, Map.of("topic", "billing"), 3);
    StartResult second = conversations.startOrGetOpen(
        fixture.siteId, contact, fixture.queueId, Map.of(), 0);

    Conversation created = first.conversation();
    assertThat(first.created()).isTrue();
    assertThat(second.created()).isFalse();
    assertThat(second.conversation()).isEqualTo(created);
    assertThat(created.status()).isEqualTo(ConversationStatus.QUEUED);
    assertThat(created.fields()).containsExactly(Map.entry("topic", "billing"));
    assertThat(created.priority()).isEqualTo(3);
    assertThat(created.lastSeq()).isZero();
    assertThat(created.agentId()).isNull();
    assertThat(created.enqueuedAt()).isNotNull();
    assertThat(conversations.find(created.id())).contains(created);
    assertThat(conversations.openForContact(fixture.siteId, contact)).contains(created);
    assertThat(conversations.events(created.id()))
        .extracting(ConversationEvent::kind).containsExactly("queued");
  }

  @Test
  void aBatchStartsTheNewOnesAndLeavesOutContactsWithAnOpenOneAndStrangers() {
    UUID fresh = fixture.newContact();
    UUID twice = fixture.newContact();
    Conversation open = fixture.newConversation();
    NewConversation first = new NewConversation(fixture.siteId, fresh, fixture.queueId,
        Map.of("topic", "billing"), 2, "zh-CN");
    NewConversation again = new NewConversation(fixture.siteId, twice, fixture.queueId,
        Map.of(), 0, null);
    NewConversation againOther = new NewConversation(fixture.siteId, twice, fixture.queueId,
        Map.of("topic", "other"), 0, null);
    NewConversation hasOpen = new NewConversation(fixture.siteId, open.contactId(),
        fixture.queueId, Map.of(), 0, null);
    NewConversation stranger = new NewConversation("no-such-site", UUID.randomUUID(),
        fixture.queueId, Map.of(), 0, null);

    Map<NewConversation, Conversation> started = conversations.startAll(
        List.of(first, again, againOther, hasOpen, stranger));

    // The contact named twice gets one conversation; the other request is left to the
    // one-at-a-time path, which returns it.
    assertThat(started).containsKey(first).doesNotContainKeys(hasOpen, stranger).hasSize(2);
    Conversation created = started.get(first);
    assertThat(created.status()).isEqualTo(ConversationStatus.QUEUED);
    assertThat(created.contactId()).isEqualTo(fresh);
    assertThat(created.fields()).containsExactly(Map.entry("topic", "billing"));
    assertThat(created.priority()).isEqualTo(2);
    assertThat(created.language()).isEqualTo("zh-CN");
    assertThat(conversations.find(created.id())).contains(created);
    assertThat(conversations.events(created.id()))
        .extracting(ConversationEvent::kind).containsExactly("queued");
    Conversation twiceOpen = conversations.openForContact(fixture.siteId, twice).orElseThrow();
    assertThat(started.containsKey(again) ? started.get(again) : started.get(againOther))
        .isEqualTo(twiceOpen);
    assertThat(conversations.startOrGetOpen(fixture.siteId, twice, fixture.queueId, Map.of(), 0)
        .conversation()).isEqualTo(twiceOpen);
    assertThat(conversations.openForContact(fixture.siteId, open.contactId())).contains(open);
    assertThat(conversations.startAll(List.of())).isEmpty();
  }

  @Test
  void aBatchClosesOpenOnesOnceAndTellsWhatEachWas() {
    User agent = fixture.newAgent();
    Conversation assigned = fixture.newAssignedConversation(agent.id());
    Conversation queued = fixture.newConversation();
    Conversation done = fixture.newConversation();
    assertThat(conversations.close(done.id(), "visitor", null)).isPresent();
    CloseRequest byAgent = new CloseRequest(assigned.id(), "agent", "spam", List.of("vip", "x"));
    CloseRequest againByVisitor = new CloseRequest(assigned.id(), "visitor", null, List.of());
    CloseRequest byVisitor = new CloseRequest(queued.id(), "visitor", null, List.of());
    CloseRequest late = new CloseRequest(done.id(), "agent", null, List.of());
    CloseRequest unknown = new CloseRequest(UUID.randomUUID(), "agent", null, List.of());

    Map<CloseRequest, ConversationDao.Closed> closed = conversations.closeAll(
        List.of(byAgent, againByVisitor, byVisitor, late, unknown));

    assertThat(closed).containsOnlyKeys(byAgent, byVisitor);
    ConversationDao.Closed first = closed.get(byAgent);
    assertThat(first.before()).isEqualTo(ConversationStatus.ASSIGNED);
    assertThat(first.previousAgent()).isEqualTo(agent.id());
    assertThat(first.conversation().status()).isEqualTo(ConversationStatus.CLOSED);
    assertThat(first.conversation().closedBy()).isEqualTo("agent");
    assertThat(first.conversation().disposition()).isEqualTo("spam");
    assertThat(first.conversation().closedAt()).isNotNull();
    assertThat(conversations.tags(assigned.id())).containsExactly("vip", "x");
    assertThat(closed.get(byVisitor).before()).isEqualTo(ConversationStatus.QUEUED);
    assertThat(closed.get(byVisitor).previousAgent()).isNull();
    // The same event as a close one at a time records.
    ConversationEvent event = conversations.events(assigned.id()).getLast();
    assertThat(event.kind()).isEqualTo("closed");
    assertThat(event.actorId()).isEqualTo("agent");
    assertThat(io.switchboard.server.db.StoreRows.stringMap(event.detailJson()))
        .containsEntry("disposition", "spam").containsEntry("tags", "[vip, x]")
        .containsEntry("agentId", agent.id().toString());
    assertThat(conversations.events(queued.id())).extracting(ConversationEvent::kind)
        .containsExactly("queued", "closed");
    assertThat(conversations.closeFrom(assigned.id(), "visitor", null, List.of())).isEmpty();
    assertThat(conversations.closeAll(List.of())).isEmpty();
  }

  @Test
  void concurrentStartsForOneVisitorYieldOneOpenConversation() throws Exception {
    try (ExecutorService nodes = Executors.newFixedThreadPool(2)) {
      for (int pair = 0; pair < 20; pair++) {
        UUID contact = fixture.newContact();
        CyclicBarrier together = new CyclicBarrier(2);
        Callable<StartResult> start = () -> {
          together.await();
          return conversations.startOrGetOpen(fixture.siteId, contact, fixture.queueId,
              Map.of(), 0);
        };
        Future<StartResult> a = nodes.submit(start);
        Future<StartResult> b = nodes.submit(start);
        assertThat(a.get().conversation().id()).isEqualTo(b.get().conversation().id());
        assertThat(a.get().created() ^ b.get().created()).isTrue();
        Integer open = StoreFixture.database().jdbi().withHandle(h -> h.createQuery(
                "SELECT count(*) FROM conversations WHERE contact_id = :c AND status <> 'closed'")
            .bind("c", contact).mapTo(Integer.class).one());
        assertThat(open).isEqualTo(1);
      }
    }
  }

  @Test
  void aClosedConversationMakesRoomForANewOne() {
    Conversation first = fixture.newConversation();
    assertThat(conversations.close(first.id(), "visitor", null)).isPresent();
    StartResult next = conversations.startOrGetOpen(
        fixture.siteId, first.contactId(), fixture.queueId, Map.of(), 0);
    assertThat(next.created()).isTrue();
    assertThat(next.conversation().id()).isNotEqualTo(first.id());
  }

  @Test
  void aQueueOrContactOfAnotherSiteIsNotFound() {
    StoreFixture otherSite = new StoreFixture();
    UUID contact = fixture.newContact();
    assertThatThrownBy(() -> conversations.startOrGetOpen(
            fixture.siteId, contact, otherSite.queueId, Map.of(), 0))
        .isInstanceOfSatisfying(SwitchboardException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND));
    assertThatThrownBy(() -> conversations.startOrGetOpen(
            otherSite.siteId, contact, otherSite.queueId, Map.of(), 0))
        .isInstanceOfSatisfying(SwitchboardException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND));
  }

  @Test
  void queuedComesOutByPriorityThenWaitingTime() {
    Conversation older = fixture.newConversation();
    Conversation urgent = conversations.startOrGetOpen(
        fixture.siteId, fixture.newContact(), fixture.queueId, Map.of(), 5).conversation();
    Conversation newer = fixture.newConversation();
    Conversation taken = fixture.newAssignedConversation(fixture.newAgent().id());
    Set<UUID> mine = Set.of(older.id(), urgent.id(), newer.id(), taken.id());

    List<UUID> order = conversations.queued().stream()
        .map(Conversation::id).filter(mine::contains).toList();
    assertThat(order).containsExactly(urgent.id(), older.id(), newer.id());
  }

  @Test
  void assignWorksOnlyFromQueuedAndForOneAgent() throws Exception {
    User ana = fixture.newAgent();
    User ben = fixture.newAgent();
    Conversation conversation = fixture.newConversation();

    try (ExecutorService nodes = Executors.newFixedThreadPool(2)) {
      Future<Boolean> byAna = nodes.submit(() -> conversations.assign(conversation.id(), ana.id()));
      Future<Boolean> byBen = nodes.submit(() -> conversations.assign(conversation.id(), ben.id()));
      assertThat(byAna.get() ^ byBen.get()).isTrue();
    }
    Conversation assigned = conversations.find(conversation.id()).orElseThrow();
    assertThat(assigned.status()).isEqualTo(ConversationStatus.ASSIGNED);
    assertThat(assigned.agentId()).isIn(ana.id(), ben.id());
    assertThat(assigned.assignedAt()).isNotNull();
    assertThat(conversations.assign(conversation.id(), assigned.agentId())).isFalse();
    assertThat(conversations.openForAgent(assigned.agentId()))
        .extracting(Conversation::id).containsExactly(conversation.id());
    assertThat(conversations.assignedCounts()).containsEntry(assigned.agentId(), 1)
        .doesNotContainKey(assigned.agentId().equals(ana.id()) ? ben.id() : ana.id());

    conversations.close(conversation.id(), "visitor", null);
    assertThat(conversations.assign(conversation.id(), ana.id())).isFalse();
    assertThat(conversations.assign(UUID.randomUUID(), ana.id())).isFalse();
  }

  @Test
  void assignAllAssignsTheStillQueuedInOneStatementAndSkipsTheRest() throws Exception {
    User ana = fixture.newAgent();
    User ben = fixture.newAgent();
    Conversation first = fixture.newConversation();
    Conversation second = fixture.newConversation();
    Conversation closed = fixture.newConversation();
    Conversation taken = fixture.newAssignedConversation(ben.id());
    conversations.close(closed.id(), "visitor", null);
    Map<UUID, UUID> batch = new LinkedHashMap<>();
    batch.put(first.id(), ana.id());
    batch.put(second.id(), ben.id());
    batch.put(closed.id(), ana.id());
    batch.put(taken.id(), ana.id());
    batch.put(UUID.randomUUID(), ana.id());

    List<AssignedConversation> assigned = conversations.assignAll(batch);

    assertThat(assigned).extracting(a -> a.conversation().id())
        .containsExactlyInAnyOrder(first.id(), second.id());
    assertThat(assigned).extracting(AssignedConversation::contactName).containsOnly("Visitor");
    for (AssignedConversation a : assigned) {
      Conversation now = conversations.find(a.conversation().id()).orElseThrow();
      assertThat(a.conversation()).isEqualTo(now);
      assertThat(now.status()).isEqualTo(ConversationStatus.ASSIGNED);
      assertThat(now.agentId()).isEqualTo(batch.get(now.id()));
      assertThat(now.assignedAt()).isNotNull();
      assertThat(conversations.events(now.id())).extracting(ConversationEvent::kind,
          ConversationEvent::actorId).containsExactly(
              tuple("queued", now.contactId().toString()),
              tuple("assigned", batch.get(now.id()).toString()));
    }
    assertThat(conversations.find(closed.id()).orElseThrow().status())
        .isEqualTo(ConversationStatus.CLOSED);
    assertThat(conversations.find(taken.id()).orElseThrow().agentId()).isEqualTo(ben.id());
    assertThat(conversations.assignAll(Map.of(first.id(), ben.id()))).isEmpty();
    assertThat(conversations.assignAll(Map.of())).isEmpty();
  }

  @Test
  void concurrentBatchesAssignEachConversationOnce() throws Exception {
    User ana = fixture.newAgent();
    User ben = fixture.newAgent();
    List<UUID> ids = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      ids.add(fixture.newConversation().id());
    }
    Map<UUID, UUID> toAna = new LinkedHashMap<>();
    Map<UUID, UUID> toBen = new LinkedHashMap<>();
    ids.forEach(id -> toAna.put(id, ana.id()));
    ids.reversed().forEach(id -> toBen.put(id, ben.id()));
    try (ExecutorService nodes = Executors.newFixedThreadPool(2)) {
      CyclicBarrier together = new CyclicBarrier(2);
      Future<List<AssignedConversation>> byAna = nodes.submit(() -> {
        together.await();
        return conversations.assignAll(toAna);
      });
      Future<List<AssignedConversation>> byBen = nodes.submit(() -> {
        together.await();
        return conversations.assignAll(toBen);
      });
      List<UUID> all = new ArrayList<>();
      byAna.get().forEach(a -> all.add(a.conversation().id()));
      byBen.get().forEach(a -> all.add(a.conversation().id()));
      assertThat(all).containsExactlyInAnyOrderElementsOf(ids);
    }
  }

  @Test
  void assignedCountsCountOnlyAssignedConversations() {
    User agent = fixture.newAgent();
    fixture.newAssignedConversation(agent.id());
    Conversation second = fixture.newAssignedConversation(agent.id());
    Conversation third = fixture.newAssignedConversation(agent.id());
    conversations.close(second.id(), agent.id().toString(), "resolved");
    conversations.requeue(third.id(), "agent went offline");
    assertThat(conversations.assignedCounts()).containsEntry(agent.id(), 1);
  }

  @Test
  void acceptIsForTheAssigneeAndIdempotent() {
    User ana = fixture.newAgent();
    User ben = fixture.newAgent();
    Conversation queued = fixture.newConversation();
    assertThat(conversations.accept(queued.id(), ana.id())).isFalse();

    Conversation conversation = fixture.newAssignedConversation(ana.id());
    assertThat(conversations.accept(conversation.id(), ben.id())).isFalse();
    assertThat(conversations.accept(conversation.id(), ana.id())).isTrue();
    var acceptedAt = conversations.find(conversation.id()).orElseThrow().acceptedAt();
    assertThat(acceptedAt).isNotNull();
    assertThat(conversations.accept(conversation.id(), ana.id())).isTrue();
    assertThat(conversations.find(conversation.id()).orElseThrow().acceptedAt())
        .isEqualTo(acceptedAt);
    assertThat(conversations.events(conversation.id())).extracting(ConversationEvent::kind)
        .containsExactly("queued", "assigned", "accepted");
  }

  @Test
  void onlyOneCloserWins() throws Exception {
    User agent = fixture.newAgent();
    Conversation conversation = fixture.newAssignedConversation(agent.id());
    List<Future<java.util.Optional<Conversation>>> closes = new ArrayList<>();
    try (ExecutorService nodes = Executors.newFixedThreadPool(4)) {
      for (int i = 0; i < 4; i++) {
        String closer = "closer-" + i;
        closes.add(nodes.submit(() -> conversations.close(conversation.id(), closer, "resolved")));
      }
    }
    List<Conversation> winners = new ArrayList<>();
    for (var close : closes) {
      close.get().ifPresent(winners::add);
    }
    assertThat(winners).hasSize(1);
    Conversation closed = winners.getFirst();
    assertThat(closed.status()).isEqualTo(ConversationStatus.CLOSED);
    assertThat(closed.agentId()).isEqualTo(agent.id());
    assertThat(closed.closedAt()).isNotNull();
    assertThat(closed.disposition()).isEqualTo("resolved");

    Conversation stored = conversations.find(conversation.id()).orElseThrow();
    assertThat(stored.agentId()).as("a closed conversation keeps its last agent").isEqualTo(agent.id());
    assertThat(stored.closedBy()).isEqualTo(closed.closedBy());
    assertThat(conversations.openForContact(fixture.siteId, conversation.contactId())).isEmpty();
    assertThat(conversations.openForAgent(agent.id())).isEmpty();
    assertThat(conversations.close(conversation.id(), "again", null)).isEmpty();
    assertThat(conversations.close(UUID.randomUUID(), "nobody", null)).isEmpty();
    List<ConversationEvent> events = conversations.events(conversation.id());
    assertThat(events).extracting(ConversationEvent::kind)
        .containsExactly("queued", "assigned", "closed");
    assertThat(events.getLast().detailJson()).contains(agent.id().toString(), "resolved");
    assertThat(events).extracting(ConversationEvent::id).isSorted();
  }

  @Test
  void closingTellsWhatTheConversationWasJustBefore() {
    User agent = fixture.newAgent();
    Conversation assigned = fixture.newAssignedConversation(agent.id());
    Conversation queued = fixture.newConversation();

    ConversationDao.Closed fromAgent = conversations.closeFrom(assigned.id(), "agent", "spam",
        List.of("billing", "vip")).orElseThrow();
    ConversationDao.Closed fromQueue =
        conversations.closeFrom(queued.id(), "visitor", null, List.of()).orElseThrow();

    assertThat(fromAgent.before()).isEqualTo(ConversationStatus.ASSIGNED);
    assertThat(fromAgent.previousAgent()).isEqualTo(agent.id());
    assertThat(fromAgent.conversation())
        .isEqualTo(conversations.find(assigned.id()).orElseThrow());
    assertThat(fromAgent.conversation().closedBy()).isEqualTo("agent");
    assertThat(conversations.tags(assigned.id())).containsExactly("billing", "vip");
    assertThat(fromQueue.before()).isEqualTo(ConversationStatus.QUEUED);
    assertThat(fromQueue.previousAgent()).isNull();
    assertThat(fromQueue.conversation().status()).isEqualTo(ConversationStatus.CLOSED);
    assertThat(conversations.closeFrom(queued.id(), "visitor", null, List.of())).isEmpty();

    String agentEvent = conversations.events(assigned.id()).getLast().detailJson();
    assertThat(agentEvent).contains("\"agentId\": \"" + agent.id() + "\"",
        "\"disposition\": \"spam\"", "\"tags\": \"[billing, vip]\"");
    assertThat(conversations.events(queued.id()).getLast().detailJson())
        .doesNotContain("agentId", "disposition").contains("\"tags\": \"[]\"");
  }

  @Test
  void requeueReturnsAnAssignedConversationToItsPlace() {
    User agent = fixture.newAgent();
    Conversation conversation = fixture.newAssignedConversation(agent.id());
    conversations.accept(conversation.id(), agent.id());

    assertThat(conversations.requeue(conversation.id(), "agent went offline")).isTrue();
    Conversation requeued = conversations.find(conversation.id()).orElseThrow();
    assertThat(requeued.status()).isEqualTo(ConversationStatus.QUEUED);
    assertThat(requeued.agentId()).isNull();
    assertThat(requeued.acceptedAt()).isNull();
    assertThat(requeued.enqueuedAt()).isEqualTo(conversation.enqueuedAt());
    assertThat(conversations.requeue(conversation.id(), "again")).isFalse();
    assertThat(conversations.requeue(UUID.randomUUID(), "unknown")).isFalse();

    List<ConversationEvent> events = conversations.events(conversation.id());
    assertThat(events).extracting(ConversationEvent::kind)
        .containsExactly("queued", "assigned", "accepted", "requeued");
    assertThat(events.getLast().detailJson()).contains("agent went offline");
    assertThat(events.stream().map(ConversationEvent::conversationId).collect(Collectors.toSet()))
        .containsExactly(conversation.id());
  }

  @Test
  void statusWireNamesRoundTrip() {
    for (ConversationStatus status : ConversationStatus.values()) {
      assertThat(ConversationStatus.fromWire(status.wire())).isEqualTo(status);
    }
  }
  @Test
  void recentHandleTimeAveragesAssignmentToCloseOfClosedConversations() {
    var none = conversations.recentHandleTime("no-such-queue-" + UUID.randomUUID());
    assertThat(none.samples()).isZero();
    UUID agent = fixture.newAgent().id();
    for (int minutes : new int[] {2, 4}) {
      Conversation conversation = conversations.startOrGetOpen(fixture.siteId, fixture.newContact(),
          fixture.queueId, Map.of(), 0).conversation();
      assertThat(conversations.assign(conversation.id(), agent)).isTrue();
      conversations.close(conversation.id(), "agent", "resolved");
      StoreFixture.database().jdbi().useHandle(handle -> handle.createUpdate(
              "UPDATE conversations SET assigned_at = closed_at - make_interval(mins => :m) WHERE id = :id")
          .bind("m", minutes).bind("id", conversation.id()).execute());
    }
    var measured = conversations.recentHandleTime(fixture.queueId);
    assertThat(measured.samples()).isEqualTo(2);
    assertThat(measured.averageSeconds()).isEqualTo(180.0);
  }
}
