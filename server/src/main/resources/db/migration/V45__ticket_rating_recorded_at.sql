-- When a ticket rating row was last written, by the database's clock. created_at is the node's
-- (business) clock; the webhook feeder reads new rows by a window of the database's clock, so a
-- node whose clock runs behind the database's lost the rating's webhook event. The feeder reads
-- rows whose recorded_at or created_at is in its window (a node of the previous build does not
-- set recorded_at when a rating is replaced).
ALTER TABLE ticket_ratings ADD COLUMN recorded_at timestamptz NOT NULL DEFAULT now();

CREATE INDEX ticket_ratings_by_recorded_at ON ticket_ratings (recorded_at);
