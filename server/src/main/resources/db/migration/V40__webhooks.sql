-- Webhooks: per site, an endpoint that receives the events it subscribes to, signed with its
-- secret (the secret must stay readable: it signs every delivery).
CREATE TABLE webhooks (
    id          uuid PRIMARY KEY,
    site_id     text NOT NULL REFERENCES sites (id),
    url         text NOT NULL CHECK (length(url) BETWEEN 8 AND 2000),
    secret      text NOT NULL,
    events      text[] NOT NULL CHECK (cardinality(events) >= 1),
    enabled     boolean NOT NULL DEFAULT true,
    description text CHECK (description IS NULL OR length(description) <= 200),
    created_at  timestamptz NOT NULL,
    updated_at  timestamptz NOT NULL
);
CREATE INDEX webhooks_by_site ON webhooks (site_id);

-- The outbox and delivery log: one row per event and webhook, filled from the stored event
-- history, delivered in id order per ordering key (a conversation, a ticket, a contact).
CREATE TABLE webhook_deliveries (
    id              bigserial PRIMARY KEY,
    webhook_id      uuid NOT NULL REFERENCES webhooks (id) ON DELETE CASCADE,
    event_id        text NOT NULL,
    event_type      text NOT NULL,
    ordering_key    text NOT NULL,
    payload         jsonb NOT NULL,
    status          text NOT NULL DEFAULT 'pending'
        CHECK (status IN ('pending', 'delivered', 'failed')),
    attempts        int NOT NULL DEFAULT 0,
    -- Retries stop (the row is failed) once an attempt fails 24 hours after this.
    window_start    timestamptz NOT NULL,
    next_attempt_at timestamptz NOT NULL,
    -- An attempt in flight holds the row until then; another node may take it over after.
    leased_until    timestamptz,
    last_attempt_at timestamptz,
    last_status     int,
    last_error      text,
    delivered_at    timestamptz,
    created_at      timestamptz NOT NULL DEFAULT now(),
    UNIQUE (webhook_id, event_id)
);
CREATE INDEX webhook_deliveries_pending ON webhook_deliveries (webhook_id, ordering_key, id)
    WHERE status = 'pending';
CREATE INDEX webhook_deliveries_log ON webhook_deliveries (webhook_id, id);

-- Where the feeder stopped reading each history: highest id read, or the time of the last pass.
CREATE TABLE webhook_cursors (
    name    text PRIMARY KEY,
    last_id bigint NOT NULL,
    last_at timestamptz NOT NULL
);
