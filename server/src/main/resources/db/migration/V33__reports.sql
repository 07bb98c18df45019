-- Reports read facts: one row per conversation and per ticket with its durations computed once
-- from the full history (README "Reports"). The report updater recomputes the fact of every
-- conversation and ticket whose history changed and keeps its cursors here. The availability
-- probe's site never gets a fact.

-- One row per conversation. Durations are whole seconds; null when not measured.
CREATE TABLE report_chat_facts (
    conversation_id uuid PRIMARY KEY,
    site_id         text NOT NULL,
    queue_id        text NOT NULL,
    agent_id        uuid,
    contact_id      uuid NOT NULL,
    tags            text[] NOT NULL,
    started_at      timestamptz NOT NULL,
    closed_at       timestamptz,
    answered        boolean NOT NULL,
    missed          boolean NOT NULL,
    resolved        boolean NOT NULL,
    returned        boolean NOT NULL,
    transfers       int NOT NULL,
    transferred_by  text[] NOT NULL,
    abandoned_wait  bigint,
    queue_wait      bigint,
    first_response  bigint,
    next_responses  bigint[] NOT NULL,
    handle          bigint,
    resolution      bigint
);
CREATE INDEX report_chat_facts_by_start ON report_chat_facts (started_at);
CREATE INDEX report_chat_facts_by_queue ON report_chat_facts (queue_id, started_at);
CREATE INDEX report_chat_facts_by_agent ON report_chat_facts (agent_id, started_at);
CREATE INDEX report_chat_facts_by_contact ON report_chat_facts (contact_id, started_at);

-- One row per ticket. solved_at is the latest solve of a ticket that is solved or closed now.
CREATE TABLE report_ticket_facts (
    ticket_id      uuid PRIMARY KEY,
    site_id        text NOT NULL,
    queue_id       text,
    assignee_id    uuid,
    channel        text NOT NULL,
    type           text NOT NULL,
    priority       text NOT NULL,
    tags           text[] NOT NULL,
    created_at     timestamptz NOT NULL,
    solved_at      timestamptz,
    merged         boolean NOT NULL,
    reopened       boolean NOT NULL,
    replies        int NOT NULL,
    first_response bigint,
    next_responses bigint[] NOT NULL,
    resolution     bigint
);
CREATE INDEX report_ticket_facts_by_creation ON report_ticket_facts (created_at);
CREATE INDEX report_ticket_facts_by_solve ON report_ticket_facts (solved_at)
    WHERE solved_at IS NOT NULL;
CREATE INDEX report_ticket_facts_by_queue ON report_ticket_facts (queue_id, created_at);

-- Where the updater stopped reading each history: the highest id seen (re-read with a margin,
-- since ids are not committed in order) or, for histories without ids, the time of its last run.
CREATE TABLE report_cursors (
    name    text PRIMARY KEY,
    last_id bigint NOT NULL DEFAULT 0,
    last_at timestamptz
);

CREATE INDEX ratings_by_time ON ratings (created_at);
CREATE INDEX sla_clocks_by_stop ON sla_clocks (stopped_at) WHERE stopped_at IS NOT NULL;

-- Whole seconds from one instant to a later one (0 when the later one is earlier); null when
-- either is unknown.
CREATE FUNCTION report_seconds(from_at timestamptz, to_at timestamptz) RETURNS bigint
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    AS $$ SELECT CASE WHEN from_at IS NOT NULL AND to_at IS NOT NULL
                      THEN greatest(0, floor(extract(epoch FROM to_at - from_at)))::bigint END $$;
