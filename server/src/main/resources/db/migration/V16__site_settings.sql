-- Everything the widget reads from a site becomes editable by admins: the offline form's text in
-- both languages and the pre-chat fields' labels ("name.en", "name.zh-CN", ... ; a missing label
-- means the widget's own wording), and when the settings last changed.

ALTER TABLE sites
    ADD COLUMN offline_text_en text CHECK (offline_text_en IS NULL OR length(offline_text_en) <= 500),
    ADD COLUMN offline_text_zh text CHECK (offline_text_zh IS NULL OR length(offline_text_zh) <= 500),
    ADD COLUMN prechat_labels jsonb NOT NULL DEFAULT '{}',
    ADD COLUMN updated_at timestamptz;
