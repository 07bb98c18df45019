-- Measured availability. Each node acts as a visitor of the probe's own site once a minute
-- (connect, start, send, read back, close) and records the outcome here; a minute in which no
-- node's probe succeeded counts as down. The probe site and its queue are hidden from every list
-- of sites, queues and contacts, and no agent works the queue.
INSERT INTO sites (id, name, site_key, allowed_origins, default_queue_id)
VALUES ('switchboard-probe', 'Availability probe', 'switchboard-probe', '{}', 'switchboard-probe');

INSERT INTO queues (id, site_id, name, priority)
VALUES ('switchboard-probe', 'switchboard-probe', 'Availability probe', 0);

-- One row per node per minute (the minute the probe started in, truncated): a second probe in
-- the same minute is ignored. failure is the reason a probe failed, null when it succeeded.
CREATE TABLE availability_probes (
    minute     timestamptz NOT NULL CHECK (date_trunc('minute', minute) = minute),
    node_id    text NOT NULL,
    ok         boolean NOT NULL,
    latency_ms int NOT NULL CHECK (latency_ms >= 0),
    failure    text CHECK (failure IS NULL OR length(failure) <= 500),
    probed_at  timestamptz NOT NULL,
    PRIMARY KEY (minute, node_id),
    CHECK (ok = (failure IS NULL))
);

-- Planned maintenance declared by an admin: its minutes are shown apart and do not count as down.
CREATE TABLE maintenance_windows (
    id         bigserial PRIMARY KEY,
    starts_at  timestamptz NOT NULL,
    ends_at    timestamptz NOT NULL,
    reason     text NOT NULL CHECK (length(reason) BETWEEN 1 AND 500),
    created_by text NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    CHECK (ends_at > starts_at)
);
CREATE INDEX maintenance_windows_by_time ON maintenance_windows (starts_at, ends_at);

-- The daily purge of probe conversations walks them by age.
CREATE INDEX conversations_probe_by_time ON conversations (created_at)
    WHERE site_id = 'switchboard-probe';
CREATE INDEX contacts_probe_by_time ON contacts (created_at)
    WHERE site_id = 'switchboard-probe';
