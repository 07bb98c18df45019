-- Email: support addresses that route mail to a team queue (each with an optional IMAP mailbox),
-- every mail received or sent (the raw original kept, its Message-ID unique so a mail delivered
-- twice is stored once), and the durable outbox of replies to send by SMTP.

-- A site's support addresses. The IMAP password is stored encrypted with the server's key and
-- never returned by the API.
CREATE TABLE mail_addresses (
    id             uuid PRIMARY KEY,
    site_id        text NOT NULL REFERENCES sites (id),
    -- Lower case; one address belongs to one site.
    address        text NOT NULL UNIQUE CHECK (address = lower(address) AND address LIKE '%_@_%'),
    display_name   text CHECK (length(display_name) BETWEEN 1 AND 100),
    queue_id       text NOT NULL REFERENCES queues (id),
    imap_host      text,
    imap_port      int CHECK (imap_port BETWEEN 1 AND 65535),
    imap_tls       boolean NOT NULL DEFAULT true,
    imap_user      text,
    imap_password  text,
    imap_folder    text NOT NULL DEFAULT 'INBOX',
    -- Where processed mail is moved; null: it stays in imap_folder, flagged seen.
    imap_processed_folder text,
    created_at     timestamptz NOT NULL,
    updated_at     timestamptz NOT NULL,
    CHECK ((imap_host IS NULL) = (imap_user IS NULL))
);
CREATE INDEX mail_addresses_by_site ON mail_addresses (site_id);

-- Every mail that reached Switchboard (by its SMTP listener or an IMAP mailbox) and every mail it
-- sent. message_id is the Message-ID without angle brackets (a mail without one gets an id made of
-- the hash of its bytes), unique over both directions.
CREATE TABLE mail_messages (
    id             bigserial PRIMARY KEY,
    message_id     text NOT NULL UNIQUE,
    direction      text NOT NULL CHECK (direction IN ('in', 'out')),
    -- in: how it came; out: 'outbox'.
    source         text NOT NULL CHECK (source IN ('smtp', 'imap', 'outbox')),
    -- in: received (stored, not yet threaded), ticket (opened one), reply (added to one),
    -- ignored (auto-reply, bounce, bulk, our own: see ignored_reason); out: sent.
    state          text NOT NULL CHECK (state IN ('received', 'ticket', 'reply', 'ignored', 'sent')),
    ignored_reason text,
    address_id     uuid REFERENCES mail_addresses (id) ON DELETE SET NULL,
    site_id        text REFERENCES sites (id),
    ticket_id      uuid REFERENCES tickets (id),
    entry_id       bigint REFERENCES ticket_entries (id),
    sender         text,
    recipient      text,
    subject        text,
    -- The sanitized HTML of an HTML mail (its text version is the ticket entry).
    html           text,
    raw            bytea,
    -- Failed attempts at threading it; after ten it is ignored as threading_failed.
    thread_attempts int NOT NULL DEFAULT 0,
    received_at    timestamptz NOT NULL,
    CHECK ((state = 'ignored') = (ignored_reason IS NOT NULL))
);
CREATE INDEX mail_messages_by_ticket ON mail_messages (ticket_id, id);
CREATE INDEX mail_messages_received ON mail_messages (received_at) WHERE state = 'received';
CREATE INDEX mail_messages_ignored ON mail_messages (received_at) WHERE state = 'ignored';

-- Replies to send by mail: one row per (reply, recipient), written in the transaction that
-- stores the reply. A node claims due rows with FOR UPDATE SKIP LOCKED and holds the lock while it
-- talks to the SMTP server, so two nodes never send the same row.
CREATE TABLE mail_outbox (
    id              bigserial PRIMARY KEY,
    entry_id        bigint NOT NULL REFERENCES ticket_entries (id),
    ticket_id       uuid NOT NULL REFERENCES tickets (id),
    recipient       text NOT NULL,
    -- Chosen when queued, so a resend after a crash carries the same Message-ID.
    message_id      text NOT NULL UNIQUE,
    state           text NOT NULL CHECK (state IN ('queued', 'sent', 'failed')),
    attempts        int NOT NULL DEFAULT 0,
    next_attempt_at timestamptz NOT NULL,
    -- The SMTP server's answer (or the connection error) of the last failed attempt.
    last_error      text,
    created_at      timestamptz NOT NULL,
    sent_at         timestamptz,
    UNIQUE (entry_id, recipient)
);
CREATE INDEX mail_outbox_due ON mail_outbox (next_attempt_at) WHERE state = 'queued';
CREATE INDEX mail_outbox_by_ticket ON mail_outbox (ticket_id);

CREATE INDEX contacts_by_site_email ON contacts (site_id, lower(email));
