-- The agents' status timeline: one row per stretch of time an agent was online or away. Offline
-- is the absence of a row. A row stays open (ended_at NULL) while the status lasts; it is closed
-- when the agent chooses another status, or by the node that notices the agent's presence ran
-- out (the last session closed, or the agent's node died). At most one open row per agent.
CREATE TABLE agent_status_periods (
    id         bigserial PRIMARY KEY,
    agent_id   uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    status     text NOT NULL CHECK (status IN ('online', 'away')),
    started_at timestamptz NOT NULL,
    ended_at   timestamptz,
    -- 'status': the agent chose another status; 'lost': their presence ran out.
    ended_by   text CHECK (ended_by IN ('status', 'lost')),
    CHECK (ended_at IS NULL OR ended_at >= started_at),
    CHECK ((ended_at IS NULL) = (ended_by IS NULL))
);

CREATE UNIQUE INDEX agent_status_periods_open ON agent_status_periods (agent_id)
    WHERE ended_at IS NULL;
CREATE INDEX agent_status_periods_by_agent ON agent_status_periods (agent_id, started_at);

-- Who held which chat when: the assignment history by time, for concurrency and occupancy.
CREATE INDEX conversation_events_holders_by_time ON conversation_events (at)
    WHERE kind IN ('assigned', 'transferred', 'requeued', 'closed');
