-- Skills and languages. A queue requires every skill in its list; when it lists languages and a
-- conversation's language (primary subtag, 'zh' for 'zh-CN') is one of them, only agents who
-- speak it are offered the conversation. Skills are lower case; languages are language tags.
ALTER TABLE queues
    ADD COLUMN skills    text[] NOT NULL DEFAULT '{}',
    ADD COLUMN languages text[] NOT NULL DEFAULT '{}';

ALTER TABLE users
    ADD COLUMN skills    text[] NOT NULL DEFAULT '{}',
    ADD COLUMN languages text[] NOT NULL DEFAULT '{}';

-- The visitor's language from the start command (null when not given).
ALTER TABLE conversations ADD COLUMN language text;
