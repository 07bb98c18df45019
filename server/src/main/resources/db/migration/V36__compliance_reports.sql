-- The monthly compliance report (README "Monthly compliance report").

-- One stored report per month and scope ('all' for the whole installation, else a site id):
-- the figures as they were when it was generated, rendered once into every format and language.
CREATE TABLE compliance_reports (
    id              bigserial PRIMARY KEY,
    month           date NOT NULL CHECK (extract(day FROM month) = 1),
    scope           text NOT NULL,
    time_zone       text NOT NULL,
    -- The month had not ended yet: figures "so far", replaced by the next generation.
    partial         boolean NOT NULL,
    availability_percent double precision,
    down_seconds    bigint NOT NULL,
    sla_breached    bigint NOT NULL,
    generated_at    timestamptz NOT NULL,
    -- 'schedule' or the id of the admin who asked for it.
    generated_by    text NOT NULL,
    UNIQUE (month, scope)
);

CREATE TABLE compliance_report_files (
    report_id    bigint NOT NULL REFERENCES compliance_reports (id) ON DELETE CASCADE,
    lang         text NOT NULL CHECK (lang IN ('en', 'zh-CN')),
    format       text NOT NULL CHECK (format IN ('html', 'pdf', 'csv')),
    content      bytea NOT NULL,
    PRIMARY KEY (report_id, lang, format)
);

-- The schedule's claim: one row per month and scope, inserted by the one node that generates
-- and mails that report on the 1st, so it happens exactly once across nodes.
CREATE TABLE compliance_schedule_runs (
    month       date NOT NULL,
    scope       text NOT NULL,
    node_id     text NOT NULL,
    ran_at      timestamptz NOT NULL,
    PRIMARY KEY (month, scope)
);

-- The report's mail to each admin, queued in the transaction that claims the month and sent by
-- whichever node's sender claims it first (FOR UPDATE SKIP LOCKED), like the ticket mail outbox.
CREATE TABLE compliance_report_mail (
    id              bigserial PRIMARY KEY,
    report_id       bigint NOT NULL REFERENCES compliance_reports (id) ON DELETE CASCADE,
    recipient       text NOT NULL,
    state           text NOT NULL CHECK (state IN ('queued', 'sent', 'failed')),
    attempts        int NOT NULL DEFAULT 0,
    next_attempt_at timestamptz NOT NULL,
    last_error      text,
    created_at      timestamptz NOT NULL,
    sent_at         timestamptz,
    UNIQUE (report_id, recipient)
);
CREATE INDEX compliance_report_mail_due ON compliance_report_mail (next_attempt_at)
    WHERE state = 'queued';
