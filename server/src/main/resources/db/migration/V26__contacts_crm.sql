-- Contacts become customers: companies group them; each has an owner (an agent), a lifecycle
-- stage, more than one email and phone, typed custom attributes an admin defines per site, notes,
-- and a history of everything done to them. A merged contact keeps its row and points to the
-- survivor, so its old id still leads somewhere.

CREATE TABLE companies (
    id          uuid PRIMARY KEY,
    site_id     text NOT NULL REFERENCES sites (id),
    name        text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    -- The company's mail domain (example.com), used to suggest it for new contacts.
    domain      text CHECK (domain IS NULL OR domain ~ '^[a-z0-9.-]{1,253}$'),
    external_id text CHECK (external_id IS NULL OR length(external_id) BETWEEN 1 AND 128),
    attributes  jsonb NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(attributes) = 'object'),
    created_at  timestamptz NOT NULL DEFAULT now(),
    updated_at  timestamptz NOT NULL DEFAULT now()
);

CREATE UNIQUE INDEX companies_by_site_name ON companies (site_id, lower(name));
CREATE UNIQUE INDEX companies_by_external_id ON companies (site_id, external_id)
    WHERE external_id IS NOT NULL;

ALTER TABLE contacts
    ADD COLUMN company_id   uuid REFERENCES companies (id) ON DELETE SET NULL,
    ADD COLUMN owner_id     uuid REFERENCES users (id),
    ADD COLUMN stage        text NOT NULL DEFAULT 'visitor'
        CHECK (stage IN ('visitor', 'lead', 'customer', 'churned')),
    -- More addresses and numbers besides the primary email and phone columns.
    ADD COLUMN other_emails text[] NOT NULL DEFAULT '{}',
    ADD COLUMN other_phones text[] NOT NULL DEFAULT '{}',
    -- Custom attribute values by field key; types are checked against contact_fields.
    ADD COLUMN attributes   jsonb NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(attributes) = 'object'),
    -- Where the contact came from: widget, mail, staff, import or api.
    ADD COLUMN source       text NOT NULL DEFAULT 'widget'
        CHECK (source IN ('widget', 'mail', 'staff', 'import', 'api')),
    ADD COLUMN updated_at   timestamptz NOT NULL DEFAULT now(),
    ADD COLUMN merged_into  uuid REFERENCES contacts (id),
    ADD COLUMN merged_at    timestamptz,
    ADD CHECK ((merged_into IS NULL) = (merged_at IS NULL)),
    ADD CHECK (merged_into IS NULL OR merged_into <> id);

CREATE INDEX contacts_by_company ON contacts (company_id) WHERE company_id IS NOT NULL;
CREATE INDEX contacts_by_owner_stage ON contacts (owner_id, stage) WHERE merged_into IS NULL;
CREATE INDEX contacts_by_site_stage ON contacts (site_id, stage, updated_at)
    WHERE merged_into IS NULL;
CREATE INDEX contacts_by_site_phone ON contacts (site_id, phone) WHERE phone IS NOT NULL;
CREATE INDEX contacts_other_emails ON contacts USING gin (other_emails);
CREATE INDEX contacts_other_phones ON contacts USING gin (other_phones);

-- The custom attributes an admin defines for a site's contacts.
CREATE TABLE contact_fields (
    site_id    text NOT NULL REFERENCES sites (id) ON DELETE CASCADE,
    key        text NOT NULL CHECK (key ~ '^[a-z][a-z0-9_]{0,39}$'),
    label_en   text NOT NULL CHECK (length(label_en) BETWEEN 1 AND 80),
    label_zh   text NOT NULL CHECK (length(label_zh) BETWEEN 1 AND 80),
    kind       text NOT NULL CHECK (kind IN ('text', 'number', 'date', 'choice', 'boolean')),
    -- The allowed values of a choice field, in display order.
    choices    text[] NOT NULL DEFAULT '{}',
    position   int NOT NULL DEFAULT 0,
    created_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (site_id, key),
    CHECK ((kind = 'choice') = (cardinality(choices) > 0))
);

-- Staff notes on a contact (not on one conversation).
CREATE TABLE contact_notes (
    id         bigserial PRIMARY KEY,
    contact_id uuid NOT NULL REFERENCES contacts (id),
    author_id  uuid NOT NULL REFERENCES users (id),
    body       text NOT NULL CHECK (length(body) BETWEEN 1 AND 8000),
    created_at timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX contact_notes_by_contact ON contact_notes (contact_id, id);

-- A contact's own history: edits (with the fields before and after), stage and owner changes,
-- notes, merges, imports and campaign touches. Chats, tickets, ratings and mails have their own
-- tables; the timeline reads them together with this one. Append-only.
CREATE TABLE contact_events (
    id         bigserial PRIMARY KEY,
    contact_id uuid NOT NULL REFERENCES contacts (id),
    kind       text NOT NULL CHECK (kind ~ '^[a-z][a-z_.]{0,39}$'),
    -- A user id, 'visitor', 'import', 'system' or 'api:<key id>'.
    actor      text NOT NULL,
    detail     jsonb NOT NULL DEFAULT '{}',
    at         timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX contact_events_by_contact ON contact_events (contact_id, at, id);
