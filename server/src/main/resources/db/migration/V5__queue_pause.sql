-- A paused queue takes no new conversations and assigns nothing; waiting visitors keep their places.
ALTER TABLE queues ADD COLUMN paused boolean NOT NULL DEFAULT false;
