-- Tickets become customer cases: a number per site that people can say aloud, a subject, the
-- requester (a contact), where the case came from, its type and priority, a workflow status,
-- the team queue and assignee, tags, and a thread of replies, notes and logged calls. Every
-- change is an event in the ticket's history, and every time is written by the server's clock
-- (SLA clocks are computed from these times).

-- The last number given out per site; a new ticket takes the next one under the row's lock.
CREATE TABLE ticket_numbers (
    site_id     text PRIMARY KEY REFERENCES sites (id),
    last_number bigint NOT NULL CHECK (last_number >= 0)
);

ALTER TABLE tickets DROP CONSTRAINT tickets_status_check;
ALTER TABLE tickets RENAME COLUMN name TO requester_name;
ALTER TABLE tickets RENAME COLUMN email TO requester_email;
ALTER TABLE tickets
    ALTER COLUMN requester_name DROP NOT NULL,
    ALTER COLUMN requester_email DROP NOT NULL,
    ADD COLUMN number      bigint,
    ADD COLUMN subject     text,
    ADD COLUMN channel     text NOT NULL DEFAULT 'web_form'
        CHECK (channel IN ('chat', 'web_form', 'email', 'phone', 'api')),
    ADD COLUMN type        text NOT NULL DEFAULT 'question'
        CHECK (type IN ('question', 'incident', 'complaint', 'request')),
    ADD COLUMN priority    text NOT NULL DEFAULT 'normal'
        CHECK (priority IN ('low', 'normal', 'high', 'urgent')),
    ADD COLUMN assignee_id uuid REFERENCES users (id),
    ADD COLUMN tags        text[] NOT NULL DEFAULT '{}',
    ADD COLUMN updated_at  timestamptz,
    ADD COLUMN solved_at   timestamptz,
    ADD COLUMN closed_at   timestamptz,
    ADD COLUMN merged_into uuid REFERENCES tickets (id),
    -- The earliest deadline among the ticket's running SLA clocks, for sorting views.
    ADD COLUMN next_deadline timestamptz;

-- The offline form's rows: numbered per site in the order they came, subject from the message's
-- first line, status 'new' (or 'closed'), and the message as the first entry of the thread.
UPDATE tickets t
SET number = n.number,
    subject = COALESCE(NULLIF(left(btrim(split_part(t.message, E'\n', 1)), 120), ''),
                       'Offline message'),
    status = CASE WHEN t.status = 'closed' THEN 'closed' ELSE 'new' END,
    closed_at = CASE WHEN t.status = 'closed' THEN t.created_at END,
    updated_at = t.created_at
FROM (SELECT id, row_number() OVER (PARTITION BY site_id ORDER BY created_at, id) AS number
      FROM tickets) n
WHERE t.id = n.id;

INSERT INTO ticket_numbers (site_id, last_number)
SELECT site_id, max(number) FROM tickets GROUP BY site_id;

ALTER TABLE tickets
    ALTER COLUMN number SET NOT NULL,
    ALTER COLUMN subject SET NOT NULL,
    ALTER COLUMN updated_at SET NOT NULL,
    ADD CONSTRAINT tickets_subject_length CHECK (length(subject) BETWEEN 1 AND 200),
    ADD CONSTRAINT tickets_status_check
        CHECK (status IN ('new', 'open', 'pending', 'on_hold', 'solved', 'closed')),
    ADD CONSTRAINT tickets_number_per_site UNIQUE (site_id, number),
    ADD CONSTRAINT tickets_not_merged_into_itself CHECK (merged_into IS NULL OR merged_into <> id),
    ADD CONSTRAINT tickets_merged_are_closed CHECK (merged_into IS NULL OR status = 'closed');
ALTER TABLE tickets ALTER COLUMN status SET DEFAULT 'new';

CREATE INDEX tickets_by_queue ON tickets (queue_id, status, next_deadline);
CREATE INDEX tickets_by_assignee ON tickets (assignee_id, status, next_deadline);
CREATE INDEX tickets_by_requester ON tickets (contact_id, created_at);

-- The thread: what the customer wrote, public replies, internal notes and logged phone calls.
CREATE TABLE ticket_entries (
    id                bigserial PRIMARY KEY,
    ticket_id         uuid NOT NULL REFERENCES tickets (id),
    kind              text NOT NULL CHECK (kind IN ('customer', 'reply', 'note', 'call')),
    -- A user id for staff entries, the contact id for the customer's.
    author_id         text,
    body              text NOT NULL CHECK (length(body) BETWEEN 1 AND 20000),
    proposed_solution boolean NOT NULL DEFAULT false CHECK (NOT proposed_solution OR kind = 'reply'),
    -- For kind 'call': caller, direction, started_at, duration_seconds, outcome.
    call              jsonb CHECK ((kind = 'call') = (call IS NOT NULL)),
    created_at        timestamptz NOT NULL
);
CREATE INDEX ticket_entries_by_ticket ON ticket_entries (ticket_id, id);

INSERT INTO ticket_entries (ticket_id, kind, author_id, body, created_at)
SELECT id, 'customer', contact_id::text, message, created_at FROM tickets;
ALTER TABLE tickets DROP COLUMN message;

-- The ticket's history: every transition and change, with who and when.
CREATE TABLE ticket_events (
    id         bigserial PRIMARY KEY,
    ticket_id  uuid NOT NULL REFERENCES tickets (id),
    kind       text NOT NULL,
    -- A user id, a contact id, or 'system'.
    actor      text NOT NULL,
    detail     jsonb NOT NULL DEFAULT '{}',
    at         timestamptz NOT NULL
);
CREATE INDEX ticket_events_by_ticket ON ticket_events (ticket_id, id);

INSERT INTO ticket_events (ticket_id, kind, actor, detail, at)
SELECT id, 'created', contact_id::text,
       jsonb_build_object('channel', 'web_form', 'status', 'new', 'migrated', true), created_at
FROM tickets;
INSERT INTO ticket_events (ticket_id, kind, actor, detail, at)
SELECT id, 'status', 'system', jsonb_build_object('from', 'new', 'to', 'closed', 'migrated', true),
       created_at
FROM tickets WHERE status = 'closed';

-- The chats a ticket came from (source) or that it spawned.
CREATE TABLE ticket_links (
    ticket_id       uuid NOT NULL REFERENCES tickets (id),
    conversation_id uuid NOT NULL REFERENCES conversations (id),
    relation        text NOT NULL CHECK (relation IN ('source', 'spawned')),
    created_at      timestamptz NOT NULL,
    PRIMARY KEY (ticket_id, conversation_id)
);
CREATE INDEX ticket_links_by_conversation ON ticket_links (conversation_id);

-- Contacts get tags (such as vip) that SLA policies can match.
ALTER TABLE contacts ADD COLUMN tags text[] NOT NULL DEFAULT '{}';

-- A site's ticket settings: solved tickets close by themselves after this many days.
ALTER TABLE sites ADD COLUMN ticket_auto_close_days int NOT NULL DEFAULT 4
    CHECK (ticket_auto_close_days BETWEEN 1 AND 365);
