-- Proactive campaigns: an admin's rule per site that invites matching visitors to chat, and the
-- invitations themselves (from a campaign, or from an agent to a visitor on the site now). An
-- invitation row records every touch (shown, opened, dismissed, replied): the frequency caps and
-- the campaign statistics read it. A conversation started by replying to one is marked with its
-- campaign.

CREATE TABLE campaigns (
    id                  uuid PRIMARY KEY,
    site_id             text NOT NULL REFERENCES sites (id),
    -- The queue a reply starts its conversation in; its business hours serve the rule below.
    queue_id            text NOT NULL REFERENCES queues (id),
    name                text NOT NULL CHECK (length(name) BETWEEN 1 AND 120),
    enabled             boolean NOT NULL DEFAULT true,
    -- Higher first when several campaigns match one page.
    priority            int NOT NULL DEFAULT 0 CHECK (priority BETWEEN -1000 AND 1000),
    -- A glob over the page URL ('*' any characters); null: every page.
    url_pattern         text CHECK (url_pattern IS NULL OR length(url_pattern) BETWEEN 1 AND 500),
    min_seconds_on_page int NOT NULL DEFAULT 0 CHECK (min_seconds_on_page BETWEEN 0 AND 86400),
    min_visits          int NOT NULL DEFAULT 1 CHECK (min_visits BETWEEN 1 AND 10000),
    -- any, new (first visit) or returning (an earlier visit).
    visitor             text NOT NULL DEFAULT 'any' CHECK (visitor IN ('any', 'new', 'returning')),
    -- The referrer must contain this text (case-insensitive); null: any referrer.
    referrer_contains   text CHECK (referrer_contains IS NULL
        OR length(referrer_contains) BETWEEN 1 AND 200),
    -- Primary language subtags (en, zh); empty: every language.
    languages           text[] NOT NULL DEFAULT '{}',
    business_hours_only boolean NOT NULL DEFAULT false,
    -- At most once per this many days for one visitor; null: once ever.
    cap_days            int CHECK (cap_days IS NULL OR cap_days BETWEEN 0 AND 3650),
    message_en          text NOT NULL CHECK (length(message_en) BETWEEN 1 AND 1000),
    message_zh          text NOT NULL CHECK (length(message_zh) BETWEEN 1 AND 1000),
    -- The agent the message comes from; null: from the team.
    sender_id           uuid REFERENCES users (id),
    created_at          timestamptz NOT NULL DEFAULT now(),
    updated_at          timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX campaigns_by_site ON campaigns (site_id, enabled, priority DESC);

CREATE TABLE campaign_invitations (
    id              uuid PRIMARY KEY,
    site_id         text NOT NULL REFERENCES sites (id),
    contact_id      uuid NOT NULL REFERENCES contacts (id),
    -- Null for an agent's own invitation.
    campaign_id     uuid REFERENCES campaigns (id),
    -- The agent it comes from; null: the team.
    sender_id       uuid REFERENCES users (id),
    body            text NOT NULL CHECK (length(body) BETWEEN 1 AND 1000),
    created_at      timestamptz NOT NULL DEFAULT now(),
    shown_at        timestamptz,
    opened_at       timestamptz,
    dismissed_at    timestamptz,
    replied_at      timestamptz,
    conversation_id uuid REFERENCES conversations (id),
    CHECK ((replied_at IS NULL) = (conversation_id IS NULL))
);

CREATE INDEX campaign_invitations_by_contact ON campaign_invitations (contact_id, campaign_id,
    created_at);
CREATE INDEX campaign_invitations_by_campaign ON campaign_invitations (campaign_id, created_at)
    WHERE campaign_id IS NOT NULL;

ALTER TABLE conversations ADD COLUMN campaign_id uuid REFERENCES campaigns (id);

CREATE INDEX conversations_by_campaign ON conversations (campaign_id, created_at)
    WHERE campaign_id IS NOT NULL;
