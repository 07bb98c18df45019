-- Business hours per queue. A queue without any hours row is open around the clock.
ALTER TABLE queues
    ADD COLUMN time_zone text NOT NULL DEFAULT 'UTC',
    -- After waiting this long a visitor is offered the offline form (null: no limit).
    ADD COLUMN max_wait_seconds int CHECK (max_wait_seconds IS NULL OR max_wait_seconds > 0);

CREATE TABLE queue_hours (
    queue_id text NOT NULL REFERENCES queues (id),
    weekday  smallint NOT NULL CHECK (weekday BETWEEN 1 AND 7), -- ISO: 1 = Monday
    opens    time NOT NULL,
    closes   time NOT NULL CHECK (closes > opens),
    PRIMARY KEY (queue_id, weekday, opens)
);

-- Dated holidays: the queue is closed all day, in the queue's time zone.
CREATE TABLE queue_holidays (
    queue_id text NOT NULL REFERENCES queues (id),
    day      date NOT NULL,
    name     text,
    PRIMARY KEY (queue_id, day)
);
