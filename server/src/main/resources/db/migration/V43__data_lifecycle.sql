-- Data lifecycle: retention per site, and GDPR erasure that pseudonymises the audit log without
-- breaking its hash chain (README "Data retention and GDPR requests").

-- The personal fields of an audit entry (actor_id, action, whose REST path may hold ids,
-- target_id, address, before_json, after_json)
-- are hashed into personal_digest, and the chain hash covers that digest instead of the fields
-- themselves. An erasure may then overwrite those fields once (redacted_by names the gdpr.erase
-- entry that did it): the chain still verifies, and the verifier checks the digest of every entry
-- that was not redacted. Entries written before this migration have no digest; their hash covers
-- the fields, so a redacted one of them is verified by its links only.
ALTER TABLE audit_log
    ADD COLUMN personal_digest bytea,
    ADD COLUMN redacted_by     bigint;

CREATE INDEX audit_log_redacted ON audit_log (redacted_by) WHERE redacted_by IS NOT NULL;

-- Still append-only, with one exception: the one-way redaction of the personal fields of an
-- entry, named by a later gdpr.erase entry, leaving every hashed column as it was (an entry that
-- names two erased contacts is redacted again by the second erasure).
CREATE OR REPLACE FUNCTION audit_log_is_append_only() RETURNS trigger AS $$
BEGIN
    IF TG_OP = 'UPDATE' AND NEW.redacted_by IS NOT NULL
       AND (OLD.redacted_by IS NULL OR NEW.redacted_by > OLD.redacted_by)
       AND NEW.id = OLD.id AND NEW.at = OLD.at AND NEW.actor_role = OLD.actor_role
       AND NEW.target_type IS NOT DISTINCT FROM OLD.target_type
       AND NEW.prev_hash = OLD.prev_hash AND NEW.hash = OLD.hash
       AND NEW.personal_digest IS NOT DISTINCT FROM OLD.personal_digest
       AND EXISTS (SELECT 1 FROM audit_log e
                   WHERE e.id = NEW.redacted_by AND e.id > OLD.id AND e.action = 'gdpr.erase'
                     AND e.redacted_by IS NULL) THEN
        RETURN NEW;
    END IF;
    RAISE EXCEPTION 'audit_log is append-only';
END
$$ LANGUAGE plpgsql;

-- Retention per site: off unless a row says otherwise. Closed conversations and solved or closed
-- tickets older than `days` are deleted or anonymised by the retention job.
CREATE TABLE site_retention (
    site_id    text PRIMARY KEY REFERENCES sites (id) ON DELETE CASCADE,
    enabled    boolean NOT NULL DEFAULT false,
    days       int NOT NULL CHECK (days BETWEEN 1 AND 36500),
    mode       text NOT NULL CHECK (mode IN ('delete', 'anonymise')),
    updated_at timestamptz NOT NULL
);

-- Anonymised rows are kept for reports; the job skips them on its next runs.
ALTER TABLE conversations ADD COLUMN anonymised_at timestamptz;
ALTER TABLE tickets ADD COLUMN anonymised_at timestamptz;

-- The job's scans: closed conversations and finished tickets by age, per site.
CREATE INDEX conversations_retention ON conversations (site_id, closed_at)
    WHERE status = 'closed' AND anonymised_at IS NULL;
CREATE INDEX tickets_retention ON tickets (site_id, coalesce(closed_at, solved_at))
    WHERE status IN ('solved', 'closed') AND anonymised_at IS NULL;
