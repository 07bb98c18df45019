-- A contact the widget's loader made on a shop page's first view, before the chat's frame ever
-- ran in that browser (POST /v1/widget/first-view). When the frame first starts it may take that
-- contact over, once, with the loader's visit pass (POST /v1/visitors with visitPass); the row
-- goes then, or with its contact. A pass whose row is gone is never exchanged again.
CREATE TABLE visit_handovers (
    contact_id uuid PRIMARY KEY REFERENCES contacts (id) ON DELETE CASCADE,
    created_at timestamptz NOT NULL
);
