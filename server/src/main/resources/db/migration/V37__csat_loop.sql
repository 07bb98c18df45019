-- The satisfaction follow-up. A rating of 1 or 2 (of a chat, or of a ticket from the rating
-- request mail) opens one complaint ticket; this table is the claim that makes it exactly one per
-- rated chat or ticket, whichever node or retry gets there first.
CREATE TABLE csat_complaints (
    -- The complaint ticket this loop opened.
    ticket_id          uuid PRIMARY KEY REFERENCES tickets (id),
    rated_conversation uuid UNIQUE REFERENCES conversations (id),
    rated_ticket       uuid UNIQUE REFERENCES tickets (id),
    score              int NOT NULL CHECK (score BETWEEN 1 AND 5),
    created_at         timestamptz NOT NULL,
    CONSTRAINT csat_complaints_one_source
        CHECK ((rated_conversation IS NULL) <> (rated_ticket IS NULL))
);

-- Low chat ratings, newest first, for the sweep that opens their complaints.
CREATE INDEX ratings_low_by_time ON ratings (created_at) WHERE score <= 2;
-- Solved email tickets, for the sweep that mails their rating requests.
CREATE INDEX tickets_solved_email ON tickets (solved_at)
    WHERE channel = 'email' AND solved_at IS NOT NULL;

-- The outbox also carries the rating request of a solved email ticket: no thread entry, its text
-- written when it was queued (in the requester's language, with the signed link), at most one
-- per ticket.
ALTER TABLE mail_outbox
    ALTER COLUMN entry_id DROP NOT NULL,
    ADD COLUMN kind text NOT NULL DEFAULT 'reply' CHECK (kind IN ('reply', 'rating_request')),
    ADD COLUMN body text CHECK (body IS NULL OR length(body) <= 20000),
    ADD CONSTRAINT mail_outbox_kind_shape CHECK (
        (kind = 'reply' AND entry_id IS NOT NULL)
        OR (kind = 'rating_request' AND entry_id IS NULL AND body IS NOT NULL));
CREATE UNIQUE INDEX mail_outbox_one_rating_request ON mail_outbox (ticket_id)
    WHERE kind = 'rating_request';
