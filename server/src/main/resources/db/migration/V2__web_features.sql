-- Feature level 2: what the widget and the console need.

-- Per-site widget settings.
ALTER TABLE sites
    ADD COLUMN brand_color text NOT NULL DEFAULT '#2563eb' CHECK (brand_color ~ '^#[0-9a-fA-F]{6}$'),
    ADD COLUMN greeting_en text NOT NULL DEFAULT 'Hi! How can we help you today?',
    ADD COLUMN greeting_zh text NOT NULL DEFAULT '您好！请问有什么可以帮您？',
    ADD COLUMN language text NOT NULL DEFAULT 'auto' CHECK (language IN ('auto', 'en', 'zh-CN')),
    ADD COLUMN prechat_fields jsonb NOT NULL
        DEFAULT '{"name": "required", "email": "required", "phone": "optional"}';

-- The page the visitor is on, as the widget reports it.
ALTER TABLE contacts
    ADD COLUMN page_url text,
    ADD COLUMN page_title text,
    ADD COLUMN user_agent text,
    ADD COLUMN language text,
    ADD COLUMN time_zone text,
    ADD COLUMN context_at timestamptz;

-- Tags chosen when closing.
ALTER TABLE conversations
    ADD COLUMN tags text[] NOT NULL DEFAULT '{}';

-- Private notes: staff only, never part of the visitor's transcript (they take no seq).
CREATE TABLE notes (
    id              bigserial PRIMARY KEY,
    conversation_id uuid NOT NULL REFERENCES conversations (id),
    author_id       uuid NOT NULL REFERENCES users (id),
    body            text NOT NULL CHECK (length(body) BETWEEN 1 AND 8000),
    created_at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX notes_by_conversation ON notes (conversation_id, id);

-- One rating per conversation; a second one replaces the first.
CREATE TABLE ratings (
    conversation_id uuid PRIMARY KEY REFERENCES conversations (id),
    contact_id      uuid NOT NULL REFERENCES contacts (id),
    score           int NOT NULL CHECK (score BETWEEN 1 AND 5),
    comment         text CHECK (comment IS NULL OR length(comment) <= 2000),
    created_at      timestamptz NOT NULL DEFAULT now()
);

-- Offline messages. A later release deepens tickets (SLA clocks, statuses, assignment).
CREATE TABLE tickets (
    id         uuid PRIMARY KEY,
    site_id    text NOT NULL REFERENCES sites (id),
    contact_id uuid NOT NULL REFERENCES contacts (id),
    queue_id   text REFERENCES queues (id),
    name       text NOT NULL,
    email      text NOT NULL,
    message    text NOT NULL CHECK (length(message) BETWEEN 1 AND 8000),
    status     text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'closed')),
    created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX tickets_by_site ON tickets (site_id, created_at);

CREATE TABLE canned_replies (
    id         bigserial PRIMARY KEY,
    shortcut   text NOT NULL UNIQUE CHECK (shortcut ~ '^[A-Za-z0-9_-]{1,32}$'),
    body       text NOT NULL CHECK (length(body) BETWEEN 1 AND 2000),
    created_at timestamptz NOT NULL DEFAULT now()
);
