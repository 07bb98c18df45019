-- Imports and exports run as background jobs: what kind, who started it, how far it got, what
-- came of it and where its file is (under the node's data directory). A running job's node
-- touches heartbeat_at while it works; a job whose heartbeat stopped (its node stopped) is
-- marked failed by the next node that looks, never left "running".

CREATE TABLE exchange_jobs (
    id          uuid PRIMARY KEY,
    kind        text NOT NULL CHECK (kind IN ('import_contacts', 'import_transcripts',
                    'export_contacts', 'export_conversations', 'export_tickets')),
    state       text NOT NULL CHECK (state IN ('running', 'done', 'failed')),
    dry_run     boolean NOT NULL DEFAULT false,
    site_id     text REFERENCES sites (id),
    started_by  uuid NOT NULL REFERENCES users (id),
    rows_total  int NOT NULL DEFAULT 0 CHECK (rows_total >= 0),
    rows_done   int NOT NULL DEFAULT 0 CHECK (rows_done >= 0),
    -- Rows by outcome: created, updated, unchanged, refused.
    counts      jsonb NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(counts) = 'object'),
    -- The per-row outcomes of an import (capped), or nothing.
    report      jsonb,
    -- File names relative to the exchange folder: the export, or the refused rows of an import.
    result_file text,
    refused_file text,
    error       text,
    created_at  timestamptz NOT NULL,
    heartbeat_at timestamptz NOT NULL,
    finished_at timestamptz,
    CHECK ((state = 'running') = (finished_at IS NULL))
);

CREATE INDEX exchange_jobs_by_user ON exchange_jobs (started_by, created_at DESC);
CREATE INDEX exchange_jobs_running ON exchange_jobs (heartbeat_at) WHERE state = 'running';

-- A conversation brought in from another system: the source's conversation id and when it came.
ALTER TABLE conversations
    ADD COLUMN imported_from text CHECK (imported_from IS NULL OR length(imported_from) BETWEEN 1 AND 200),
    ADD COLUMN imported_at   timestamptz,
    ADD CHECK ((imported_from IS NULL) = (imported_at IS NULL)),
    ADD CHECK (imported_from IS NULL OR status = 'closed');

CREATE UNIQUE INDEX conversations_by_import ON conversations (site_id, imported_from)
    WHERE imported_from IS NOT NULL;
