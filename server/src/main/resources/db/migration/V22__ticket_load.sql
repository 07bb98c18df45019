-- An agent's ticket work counts against their chat capacity, so chat routing does not see an
-- agent buried in tickets as idle: every N new or open tickets assigned to them take one chat
-- slot, N being the smallest setting among their teams. A team that sets 0 says its agents'
-- tickets do not count (then they do not for its members at all).
ALTER TABLE teams ADD COLUMN tickets_per_chat_slot int NOT NULL DEFAULT 5
    CHECK (tickets_per_chat_slot BETWEEN 0 AND 1000);
CREATE INDEX tickets_active_by_assignee ON tickets (assignee_id)
    WHERE status IN ('new', 'open');
