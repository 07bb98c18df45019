-- SLA policies, the clocks computed from each ticket's history, and the at-risk and breach
-- events, each fired once.

-- Ordered policies: the first whose conditions match a ticket applies. Conditions and targets
-- are JSON: {"priorities": [...], "types": [...], "queues": [...], "channels": [...],
-- "contactTags": [...]} (empty = any) and {"first_response": {"normal": 3600, ...}, ...} in
-- seconds. A policy counts on the business hours of a queue, or around the clock when none.
CREATE TABLE sla_policies (
    id                bigserial PRIMARY KEY,
    name              text NOT NULL UNIQUE CHECK (length(name) BETWEEN 1 AND 100),
    position          int NOT NULL,
    conditions        jsonb NOT NULL,
    targets           jsonb NOT NULL,
    calendar_queue_id text REFERENCES queues (id),
    warn_percent      int NOT NULL CHECK (warn_percent BETWEEN 1 AND 99),
    notify            boolean NOT NULL DEFAULT true,
    raise_priority    boolean NOT NULL DEFAULT false,
    escalation_queue  text REFERENCES queues (id),
    updated_at        timestamptz NOT NULL
);

-- The contract's policy: 1 h first response, 4 h initial solution, 24 h resolution at normal
-- priority, around the clock; stricter for high and urgent.
INSERT INTO sla_policies (name, position, conditions, targets, warn_percent, updated_at)
VALUES ('Contract default', 1000000, '{}',
        '{"first_response":   {"low": 7200,  "normal": 3600,  "high": 1800,  "urgent": 900},
          "next_response":    {"low": 14400, "normal": 7200,  "high": 3600,  "urgent": 1800},
          "initial_solution": {"low": 28800, "normal": 14400, "high": 7200,  "urgent": 3600},
          "resolution":       {"low": 172800, "normal": 86400, "high": 43200, "urgent": 14400}}',
        25, now());

ALTER TABLE tickets ADD COLUMN sla_policy_id bigint REFERENCES sla_policies (id);

-- Every clock cycle of a ticket as last computed from its history. due_at is the next at-risk or
-- breach instant whose event has not fired yet; the escalation scheduler claims rows by it.
CREATE TABLE sla_clocks (
    ticket_id       uuid NOT NULL REFERENCES tickets (id),
    metric          text NOT NULL
        CHECK (metric IN ('first_response', 'next_response', 'initial_solution', 'resolution')),
    cycle           int NOT NULL CHECK (cycle >= 1),
    state           text NOT NULL
        CHECK (state IN ('running', 'paused', 'at_risk', 'breached', 'met', 'cancelled')),
    started_at      timestamptz NOT NULL,
    stopped_at      timestamptz,
    target_seconds  bigint NOT NULL,
    elapsed_seconds bigint NOT NULL,
    at_risk_at      timestamptz,
    deadline        timestamptz,
    breached        boolean NOT NULL,
    due_at          timestamptz,
    PRIMARY KEY (ticket_id, metric, cycle)
);
CREATE INDEX sla_clocks_due ON sla_clocks (due_at) WHERE due_at IS NOT NULL;

-- At-risk and breach events: one per clock cycle and kind, whichever node fires it.
CREATE TABLE sla_events (
    id        bigserial PRIMARY KEY,
    ticket_id uuid NOT NULL REFERENCES tickets (id),
    metric    text NOT NULL,
    cycle     int NOT NULL,
    kind      text NOT NULL CHECK (kind IN ('at_risk', 'breached')),
    policy_id bigint REFERENCES sla_policies (id),
    due_at    timestamptz NOT NULL,
    fired_at  timestamptz NOT NULL,
    node_id   text NOT NULL,
    UNIQUE (ticket_id, metric, cycle, kind)
);
CREATE INDEX sla_events_by_time ON sla_events (fired_at);
