-- Attachments: files uploaded by visitors and staff, stored once per content (the blob store keys
-- them by SHA-256) and described here. An upload is referenced by a chat message and/or a ticket
-- entry once it is sent; one that nobody references within a day is removed with its blob (when
-- no other row names the same hash).

CREATE TABLE attachments (
    id              uuid PRIMARY KEY,
    -- The visitor's site at upload; a staff upload gets the site of what references it.
    site_id         text REFERENCES sites (id),
    sha256          text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
    size_bytes      bigint NOT NULL CHECK (size_bytes > 0),
    -- Detected from the content, never from the name.
    content_type    text NOT NULL CHECK (length(content_type) BETWEEN 1 AND 200),
    -- Sanitised: safe in a Content-Disposition header and in a file system.
    file_name       text NOT NULL CHECK (length(file_name) BETWEEN 1 AND 255),
    uploader_role   text NOT NULL CHECK (uploader_role IN ('visitor', 'staff')),
    -- The contact id of a visitor, the user id of staff.
    uploader_id     text NOT NULL,
    -- The client's own id for the upload: a retried upload with the same key returns the first.
    upload_key      text CHECK (upload_key IS NULL OR length(upload_key) BETWEEN 1 AND 64),
    created_at      timestamptz NOT NULL,
    conversation_id uuid REFERENCES conversations (id) ON DELETE CASCADE,
    message_seq     bigint,
    ticket_id       uuid REFERENCES tickets (id) ON DELETE CASCADE,
    ticket_entry_id bigint REFERENCES ticket_entries (id) ON DELETE CASCADE,
    -- When it was first referenced; null while it is only an upload.
    referenced_at   timestamptz,
    -- Its place among the files of its message or entry.
    position        smallint NOT NULL DEFAULT 0,
    CHECK ((conversation_id IS NULL) = (message_seq IS NULL)),
    CHECK ((ticket_id IS NULL) = (ticket_entry_id IS NULL)),
    CHECK ((referenced_at IS NULL) = (conversation_id IS NULL AND ticket_id IS NULL))
);
CREATE UNIQUE INDEX attachments_by_upload_key ON attachments (uploader_role, uploader_id, upload_key)
    WHERE upload_key IS NOT NULL;
CREATE INDEX attachments_by_message ON attachments (conversation_id, message_seq)
    WHERE conversation_id IS NOT NULL;
CREATE INDEX attachments_by_ticket ON attachments (ticket_id, ticket_entry_id)
    WHERE ticket_id IS NOT NULL;
CREATE INDEX attachments_unreferenced ON attachments (created_at) WHERE referenced_at IS NULL;
CREATE INDEX attachments_by_sha256 ON attachments (sha256);

-- A message's attachments as they were when it was stored ([{id, name, size, contentType}]), so
-- that delivery, backfill and resume read them with the message itself.
ALTER TABLE messages ADD COLUMN attachments jsonb;

-- What each site accepts: sizes in bytes (per file, and all files of one message or entry
-- together) and the allowed content types ("image/png", or "image/*" for a whole family). No row
-- means the defaults.
CREATE TABLE site_attachment_policies (
    site_id           text PRIMARY KEY REFERENCES sites (id) ON DELETE CASCADE,
    max_file_bytes    bigint NOT NULL CHECK (max_file_bytes > 0),
    max_message_bytes bigint NOT NULL CHECK (max_message_bytes >= max_file_bytes),
    allowed_types     text[] NOT NULL,
    updated_at        timestamptz NOT NULL DEFAULT now()
);
