-- Teams (departments). A team owns queues; its members are the staff who work them. Supervisors
-- see and act on their teams' queues, conversations and agents only; agents read their teams'
-- conversations for handover. Admins see everything, whatever their teams.
CREATE TABLE teams (
    id         text PRIMARY KEY CHECK (id ~ '^[A-Za-z0-9_-]{1,64}$'),
    name       text NOT NULL CHECK (length(name) BETWEEN 1 AND 120),
    created_at timestamptz NOT NULL DEFAULT now()
);

CREATE UNIQUE INDEX teams_by_name ON teams (lower(name));

CREATE TABLE team_members (
    team_id text NOT NULL REFERENCES teams (id) ON DELETE CASCADE,
    user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    PRIMARY KEY (team_id, user_id)
);

CREATE INDEX team_members_by_user ON team_members (user_id);

-- A queue without a team is seen by admins only (and worked by its members).
ALTER TABLE queues ADD COLUMN team_id text REFERENCES teams (id) ON DELETE SET NULL;

CREATE INDEX queues_by_team ON queues (team_id);

-- An existing installation keeps working as before: one team owns every queue and holds every
-- agent and supervisor.
INSERT INTO teams (id, name)
SELECT 'support', 'Support' WHERE EXISTS (SELECT 1 FROM queues);

UPDATE queues SET team_id = 'support' WHERE EXISTS (SELECT 1 FROM teams WHERE id = 'support');

INSERT INTO team_members (team_id, user_id)
SELECT 'support', id FROM users
WHERE role IN ('agent', 'supervisor') AND EXISTS (SELECT 1 FROM teams WHERE id = 'support');
