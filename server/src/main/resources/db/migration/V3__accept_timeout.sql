-- An offer (assignment) not accepted within this many seconds moves to the next eligible agent.
ALTER TABLE queues
    ADD COLUMN accept_timeout_seconds int NOT NULL DEFAULT 30
        CHECK (accept_timeout_seconds BETWEEN 5 AND 3600);

CREATE INDEX conversations_unaccepted
    ON conversations (assigned_at) WHERE status = 'assigned' AND accepted_at IS NULL;
