-- API keys for integrations: created by an admin, scoped to read and/or write on named
-- resources, stored only as the SHA-256 of the secret, revocable. last_used_at is written at most
-- about once a minute per key (the service throttles it), never on every request.
CREATE TABLE api_keys (
    id           uuid PRIMARY KEY,
    name         text NOT NULL,
    secret_hash  bytea NOT NULL UNIQUE,
    shown_prefix text NOT NULL,
    access       text[] NOT NULL,
    resources    text[] NOT NULL,
    created_by   uuid NOT NULL REFERENCES users (id),
    created_at   timestamptz NOT NULL DEFAULT now(),
    revoked_at   timestamptz,
    last_used_at timestamptz
);

CREATE INDEX api_keys_by_creation ON api_keys (created_at DESC);
