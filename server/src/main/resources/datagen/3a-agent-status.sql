-- The agents' status timeline over the year. Each agent works five shifts a week of about eight
-- hours, starting near 00:00, 08:00 or 16:00 UTC by agent (so the desk is staffed around the
-- clock), with two days off and now and then a day missed; a shift is online with a short break
-- and a lunch break away, and ends offline: mostly by choice, one in twenty because the session
-- was lost. A shift still running at the end of the history stays open.

-- step: agent status timeline
INSERT INTO agent_status_periods (agent_id, status, started_at, ended_at, ended_by)
SELECT p.agent_id, p.status, p.started_at,
       CASE WHEN p.ended_at <= ${end} THEN p.ended_at END,
       CASE WHEN p.ended_at > ${end} THEN NULL
            WHEN p.last AND datagen.u(p.key, 76) < 0.05 THEN 'lost' ELSE 'status' END
FROM (
  SELECT s.agent_id, s.key, b.status, b.last,
         s.shift_start + make_interval(secs => 60 * b.from_minute) AS started_at,
         s.shift_start + make_interval(secs => 60 * b.to_minute) AS ended_at
  FROM (
    SELECT a.id AS agent_id, a.k * 1000 + d AS key,
           date_trunc('day', ${start}) + make_interval(days => d, hours => 8 * (a.k % 3))
             + make_interval(secs => 900 * datagen.u(a.k * 1000 + d, 70)) AS shift_start,
           110 + 20 * datagen.u(a.k * 1000 + d, 71) AS m1,
           10 + 10 * datagen.u(a.k * 1000 + d, 72) AS break,
           240 + 20 * datagen.u(a.k * 1000 + d, 73) AS m3,
           30 + 10 * datagen.u(a.k * 1000 + d, 74) AS lunch,
           470 + 30 * datagen.u(a.k * 1000 + d, 75) AS m5
    FROM datagen.agent a CROSS JOIN generate_series(0, 365) d
    WHERE (d + a.k) % 7 < 5 AND datagen.u(a.k * 1000 + d, 77) >= 0.03) s
  CROSS JOIN LATERAL (VALUES
      ('online', 0.0, s.m1, false),
      ('away', s.m1, s.m1 + s.break, false),
      ('online', s.m1 + s.break, s.m3, false),
      ('away', s.m3, s.m3 + s.lunch, false),
      ('online', s.m3 + s.lunch, s.m5, true)) b (status, from_minute, to_minute, last)) p
WHERE p.started_at >= ${start} AND p.started_at < ${end};
