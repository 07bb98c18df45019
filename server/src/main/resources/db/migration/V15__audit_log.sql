-- The audit log: an append-only record of admin and supervisor actions, sign-ins and lockouts,
-- exports and settings changes. Each entry carries the SHA-256 of its own content and of the
-- entry before it, so a changed, removed or inserted entry breaks the chain and the verify
-- command finds it. The triggers refuse UPDATE, DELETE and TRUNCATE, so not even a mistaken
-- statement rewrites history.
CREATE TABLE audit_log (
    id          bigint PRIMARY KEY,
    at          timestamptz NOT NULL,
    actor_id    text,
    actor_role  text NOT NULL,
    action      text NOT NULL,
    target_type text,
    target_id   text,
    address     text,
    before_json text,
    after_json  text,
    prev_hash   bytea NOT NULL,
    hash        bytea NOT NULL
);

CREATE INDEX audit_log_by_actor ON audit_log (actor_id, id);
CREATE INDEX audit_log_by_action ON audit_log (action, id);
CREATE INDEX audit_log_by_target ON audit_log (target_type, target_id, id);
CREATE INDEX audit_log_by_time ON audit_log (at);

CREATE FUNCTION audit_log_is_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'audit_log is append-only';
END
$$ LANGUAGE plpgsql;

CREATE TRIGGER audit_log_no_change BEFORE UPDATE OR DELETE ON audit_log
    FOR EACH ROW EXECUTE FUNCTION audit_log_is_append_only();
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
    FOR EACH STATEMENT EXECUTE FUNCTION audit_log_is_append_only();
