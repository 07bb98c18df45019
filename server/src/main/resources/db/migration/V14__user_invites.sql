-- One-time links that let a user set their password: an invitation for a new account, or a
-- reset an admin started. Only the SHA-256 of the link's token is stored; a link works once,
-- until it expires.
CREATE TABLE user_invites (
    token_hash bytea PRIMARY KEY,
    user_id    uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    purpose    text NOT NULL CHECK (purpose IN ('invite', 'reset')),
    created_at timestamptz NOT NULL DEFAULT now(),
    expires_at timestamptz NOT NULL,
    used_at    timestamptz
);

CREATE INDEX user_invites_by_user ON user_invites (user_id);

-- When the user last changed their password (null: the one they were created with).
ALTER TABLE users ADD COLUMN password_changed_at timestamptz;
