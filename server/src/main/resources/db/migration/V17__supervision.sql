-- Supervisor tools. A whisper is a note to the agent (staff only, like every note); a supervisor
-- who joins a conversation (barge) becomes a participant beside its agent and may write. Joins,
-- whispers and monitoring are also recorded in conversation_events.

ALTER TABLE notes
    ADD COLUMN kind text NOT NULL DEFAULT 'note' CHECK (kind IN ('note', 'whisper'));

CREATE TABLE conversation_participants (
    conversation_id uuid NOT NULL REFERENCES conversations (id),
    user_id         uuid NOT NULL REFERENCES users (id),
    joined_at       timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (conversation_id, user_id)
);

CREATE INDEX conversation_participants_by_user ON conversation_participants (user_id);
