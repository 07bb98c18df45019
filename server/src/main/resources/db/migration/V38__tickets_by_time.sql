-- Ticket thread entries and tickets in the search's order (time, then ticket and entry), so that
-- a search can read the newest entries and subjects of a time range one by one and stop after a
-- bounded number, as it does for messages (V31): a common word fills its page from them without
-- reading its whole list in the terms index.
CREATE INDEX ticket_entries_by_time ON ticket_entries (created_at, ticket_id, id);
CREATE INDEX tickets_by_time ON tickets (created_at, id);
