-- Core schema: sites and queues, agents and their server-side tokens, contacts, conversations with
-- their messages and state history, and per-installation secrets.

CREATE TABLE sites (
    id               text PRIMARY KEY,
    name             text NOT NULL,
    site_key         text NOT NULL UNIQUE,
    allowed_origins  text[] NOT NULL DEFAULT '{}',
    default_queue_id text,
    created_at       timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE queues (
    id         text PRIMARY KEY,
    site_id    text NOT NULL REFERENCES sites (id),
    name       text NOT NULL,
    priority   int NOT NULL DEFAULT 0,
    created_at timestamptz DEFAULT now()
);

CREATE INDEX queues_by_site ON queues (site_id);

CREATE TABLE users (
    id            uuid PRIMARY KEY,
    email         text NOT NULL UNIQUE CHECK (email = lower(email)),
    display_name  text NOT NULL,
    role          text NOT NULL CHECK (role IN ('agent', 'supervisor', 'admin')),
    password_hash text NOT NULL,
    capacity      int NOT NULL DEFAULT 3 CHECK (capacity >= 1),
    disabled      boolean NOT NULL DEFAULT false,
    created_at    timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE queue_members (
    queue_id text REFERENCES queues (id),
    user_id  uuid REFERENCES users (id),
    PRIMARY KEY (queue_id, user_id)
);

CREATE INDEX queue_members_by_user ON queue_members (user_id);

-- Agent login tokens; only the SHA-256 of a token is stored.
CREATE TABLE agent_tokens (
    token_hash bytea PRIMARY KEY,
    user_id    uuid NOT NULL REFERENCES users (id),
    created_at timestamptz NOT NULL DEFAULT now(),
    expires_at timestamptz NOT NULL,
    revoked_at timestamptz
);

CREATE INDEX agent_tokens_by_user ON agent_tokens (user_id);

CREATE TABLE contacts (
    id         uuid PRIMARY KEY,
    site_id    text NOT NULL REFERENCES sites (id),
    name       text,
    email      text,
    phone      text,
    created_at timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX contacts_by_site ON contacts (site_id);

CREATE TABLE conversations (
    id                      uuid PRIMARY KEY,
    site_id                 text NOT NULL REFERENCES sites (id),
    contact_id              uuid NOT NULL REFERENCES contacts (id),
    queue_id                text NOT NULL REFERENCES queues (id),
    status                  text NOT NULL CHECK (status IN ('queued', 'assigned', 'closed')),
    agent_id                uuid REFERENCES users (id),
    fields                  jsonb NOT NULL DEFAULT '{}',
    priority                int NOT NULL DEFAULT 0,
    last_seq                bigint NOT NULL DEFAULT 0 CHECK (last_seq >= 0),
    created_at              timestamptz NOT NULL DEFAULT now(),
    enqueued_at             timestamptz NOT NULL DEFAULT now(),
    assigned_at             timestamptz,
    accepted_at             timestamptz,
    first_agent_response_at timestamptz,
    closed_at               timestamptz,
    closed_by               text,
    disposition             text,
    -- A queued conversation has no agent, an assigned one has exactly one; a closed one keeps the
    -- agent who held it last (reports and contact history need it).
    CHECK (status <> 'queued' OR agent_id IS NULL),
    CHECK (status <> 'assigned' OR agent_id IS NOT NULL),
    CHECK ((status = 'closed') = (closed_at IS NOT NULL))
);

-- One open conversation per visitor and site.
CREATE UNIQUE INDEX conversations_one_open_per_contact
    ON conversations (site_id, contact_id) WHERE status <> 'closed';

CREATE INDEX conversations_queued
    ON conversations (queue_id, enqueued_at) WHERE status = 'queued';

CREATE INDEX conversations_assigned_by_agent
    ON conversations (agent_id) WHERE status = 'assigned';

CREATE INDEX conversations_by_contact ON conversations (contact_id, created_at);

CREATE TABLE messages (
    conversation_id uuid NOT NULL REFERENCES conversations (id),
    seq             bigint NOT NULL CHECK (seq >= 1),
    client_msg_id   text NOT NULL,
    sender_role     text NOT NULL CHECK (sender_role IN ('visitor', 'agent', 'system')),
    sender_id       text NOT NULL,
    body            text NOT NULL,
    created_at      timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (conversation_id, seq),
    UNIQUE (conversation_id, client_msg_id)
);

-- State history of a conversation: queued, assigned, accepted, closed, requeued.
CREATE TABLE conversation_events (
    id              bigserial PRIMARY KEY,
    conversation_id uuid NOT NULL REFERENCES conversations (id),
    kind            text NOT NULL,
    actor_id        text,
    detail          jsonb NOT NULL DEFAULT '{}',
    at              timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX conversation_events_by_conversation ON conversation_events (conversation_id, id);

CREATE TABLE server_secrets (
    name       text PRIMARY KEY,
    secret     bytea NOT NULL,
    created_at timestamptz DEFAULT now()
);
