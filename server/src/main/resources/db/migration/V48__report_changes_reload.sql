-- An erasure leaves no row naming what it erased, so it deletes the report changes its own
-- deletions logged and writes one 'reload' change instead (a random id): every node's report
-- index then loads everything again.
ALTER TABLE report_changes DROP CONSTRAINT report_changes_kind;
ALTER TABLE report_changes ADD CONSTRAINT report_changes_kinds
    CHECK (kind IN ('chat', 'ticket', 'status', 'reload'));
