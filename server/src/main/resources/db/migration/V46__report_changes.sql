-- Which report facts and ratings changed, by the transaction that changed them, so each node's
-- in-memory report index (README "Reports") reloads only those rows. A reader takes the oldest
-- transaction still running in its snapshot as its next horizon and reads the changes of every
-- transaction from that horizon on: a transaction below it has ended and was seen. Rows older
-- than a day are pruned; an index that is further behind loads everything again.
CREATE TABLE report_changes (
    xid  xid8 NOT NULL DEFAULT pg_current_xact_id(),
    kind text NOT NULL CHECK (kind IN ('chat', 'ticket')),
    id   uuid NOT NULL,
    at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX report_changes_by_xid ON report_changes (xid);
CREATE INDEX report_changes_by_time ON report_changes (at);

-- A chat's row in the index carries its rating, a ticket's its ticket rating. Arguments: the
-- kind and whether the table's key is conversation_id (else ticket_id).
CREATE FUNCTION report_change() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    row_id uuid;
BEGIN
    IF TG_ARGV[1] = 'conversation_id' THEN
        row_id := CASE WHEN TG_OP = 'DELETE' THEN OLD.conversation_id ELSE NEW.conversation_id END;
    ELSE
        row_id := CASE WHEN TG_OP = 'DELETE' THEN OLD.ticket_id ELSE NEW.ticket_id END;
    END IF;
    INSERT INTO report_changes (kind, id) VALUES (TG_ARGV[0], row_id);
    RETURN NULL;
END $$;

CREATE TRIGGER report_chat_facts_changed AFTER INSERT OR UPDATE OR DELETE ON report_chat_facts
    FOR EACH ROW EXECUTE FUNCTION report_change('chat', 'conversation_id');
CREATE TRIGGER report_ticket_facts_changed AFTER INSERT OR UPDATE OR DELETE ON report_ticket_facts
    FOR EACH ROW EXECUTE FUNCTION report_change('ticket', 'ticket_id');
CREATE TRIGGER ratings_changed AFTER INSERT OR UPDATE OR DELETE ON ratings
    FOR EACH ROW EXECUTE FUNCTION report_change('chat', 'conversation_id');
CREATE TRIGGER ticket_ratings_changed AFTER INSERT OR UPDATE OR DELETE ON ticket_ratings
    FOR EACH ROW EXECUTE FUNCTION report_change('ticket', 'ticket_id');
