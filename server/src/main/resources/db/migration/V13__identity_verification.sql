-- Visitor identity verification. A site may verify who its visitors are: the host page passes
-- the user's id, email and name signed with one of the site's keys (an HMAC-SHA256 with a shared
-- secret, or a JWT: HS256 with the shared secret, RS256 or ES256 with a public key). A verified
-- visitor is the site's contact with that external id on every device. When identity_enforced is
-- set, visitors without a verified identity can neither start, resume nor read anything.
ALTER TABLE sites ADD COLUMN identity_enforced boolean NOT NULL DEFAULT false;

-- A key is valid until expires_at (null: until replaced). Rotating a key gives the old ones an
-- expiry a little in the future, so pages signed with them keep working during the overlap.
CREATE TABLE site_identity_keys (
    site_id    text NOT NULL REFERENCES sites (id) ON DELETE CASCADE,
    key_id     text NOT NULL CHECK (key_id ~ '^[A-Za-z0-9_.-]{1,64}$'),
    kind       text NOT NULL CHECK (kind IN ('secret', 'RS256', 'ES256')),
    secret     bytea,
    public_key text,
    created_at timestamptz NOT NULL DEFAULT now(),
    expires_at timestamptz,
    PRIMARY KEY (site_id, key_id),
    CHECK ((kind = 'secret') = (secret IS NOT NULL)),
    CHECK ((kind <> 'secret') = (public_key IS NOT NULL))
);

ALTER TABLE contacts ADD COLUMN external_id text CHECK (length(external_id) BETWEEN 1 AND 128);

CREATE UNIQUE INDEX contacts_by_external_id ON contacts (site_id, external_id)
    WHERE external_id IS NOT NULL;
