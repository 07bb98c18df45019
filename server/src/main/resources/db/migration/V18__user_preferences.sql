-- A staff member's own settings that follow them to every browser: the console's language
-- (null: the browser's).
CREATE TABLE user_preferences (
    user_id  uuid PRIMARY KEY REFERENCES users (id),
    language text CHECK (language IS NULL OR language IN ('en', 'zh-CN'))
);
