-- The in-memory report index also answers the agent time report: status periods are logged in
-- report_changes as kind 'status' with the agent's id and the period's id in number. (Held chats
-- follow their conversation's 'chat' changes.)
ALTER TABLE report_changes ADD COLUMN number bigint;
ALTER TABLE report_changes DROP CONSTRAINT report_changes_kind_check;
ALTER TABLE report_changes ADD CONSTRAINT report_changes_kind
    CHECK (kind IN ('chat', 'ticket', 'status'));

CREATE FUNCTION report_status_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        INSERT INTO report_changes (kind, id, number) VALUES ('status', OLD.agent_id, OLD.id);
    ELSE
        INSERT INTO report_changes (kind, id, number) VALUES ('status', NEW.agent_id, NEW.id);
    END IF;
    RETURN NULL;
END $$;

CREATE TRIGGER agent_status_periods_changed
    AFTER INSERT OR UPDATE OR DELETE ON agent_status_periods
    FOR EACH ROW EXECUTE FUNCTION report_status_change();
