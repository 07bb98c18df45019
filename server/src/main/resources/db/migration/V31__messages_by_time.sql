-- Messages in the search's order (time, then conversation and number), so that a search can read
-- the newest messages of a time range one by one and stop after a bounded number: a common word
-- fills its page from them without reading its whole list in the terms index.
CREATE INDEX messages_by_time ON messages (created_at, conversation_id, seq);
