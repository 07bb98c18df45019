-- Indexes for the contact queries of the CRM: the live contacts of a site newest first (the
-- contact list's keyset pages), the contacts merged into one (following merge chains), and the
-- rows a merge moves from one contact to another (ratings and visitor uploads).

CREATE INDEX contacts_live_by_site ON contacts (site_id, created_at DESC, id DESC)
    WHERE merged_into IS NULL;
CREATE INDEX contacts_by_merged_into ON contacts (merged_into) WHERE merged_into IS NOT NULL;
CREATE INDEX ratings_by_contact ON ratings (contact_id);
CREATE INDEX attachments_by_visitor ON attachments (uploader_id) WHERE uploader_role = 'visitor';
