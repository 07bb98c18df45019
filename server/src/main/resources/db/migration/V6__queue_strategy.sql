-- How a queue picks among eligible agents: the least loaded (default) or round-robin.
ALTER TABLE queues
    ADD COLUMN strategy text NOT NULL DEFAULT 'least_loaded'
        CHECK (strategy IN ('least_loaded', 'round_robin'));
