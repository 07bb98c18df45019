-- Satisfaction with a ticket's outcome: the requester rates a solved ticket (for email tickets, from
-- the rating request mailed when it is solved). One rating per ticket, which a later rating
-- replaces. Reports count ticket ratings beside chat ratings.
CREATE TABLE ticket_ratings (
    ticket_id  uuid PRIMARY KEY REFERENCES tickets (id),
    contact_id uuid NOT NULL REFERENCES contacts (id),
    score      int NOT NULL CHECK (score BETWEEN 1 AND 5),
    comment    text CHECK (comment IS NULL OR length(comment) <= 2000),
    created_at timestamptz NOT NULL
);
CREATE INDEX ticket_ratings_by_time ON ticket_ratings (created_at);
