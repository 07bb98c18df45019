-- Tickets: each comes from (or after) one generated conversation's contact, numbered per site in
-- the order they came. Times follow the contract's SLA targets with a spread, so some are met and
-- some breached: first reply, solution, and the automatic close four days after solving. Every
-- change is in ticket_events as the SLA engine reads it (created, assigned, status, reply,
-- solution, customer_message).

-- step: ticket plan
CREATE TABLE datagen.ticket AS
SELECT j, datagen.id7(x.created_at, 'ticket' || j) AS id, c.i, c.site_id, c.contact_id, c.queue_id, c.team_no, c.lang, g.channel, x.type, g.priority, x.created_at,
       x.created_at + make_interval(secs => t.first * (0.1 + 1.3 * datagen.u(j, 84) ^ 2)) AS reply_planned,
       datagen.id('agent' || (c.team_no + 4 * datagen.pick(j, 85, ts.n) + 1)) AS agent_id,
       t.first, t.resolution
FROM (SELECT j, least(${conversations} - 1, floor((j + datagen.u(j, 80)) * ${conversations} / ${tickets}))::bigint AS ci,
             CASE WHEN datagen.u(j, 81) < 0.4 THEN 'chat' WHEN datagen.u(j, 81) < 0.7 THEN 'email'
                  WHEN datagen.u(j, 81) < 0.9 THEN 'web_form' WHEN datagen.u(j, 81) < 0.97 THEN 'phone' ELSE 'api' END AS channel,
             CASE WHEN datagen.u(j, 83) < 0.2 THEN 'low' WHEN datagen.u(j, 83) < 0.75 THEN 'normal'
                  WHEN datagen.u(j, 83) < 0.93 THEN 'high' ELSE 'urgent' END AS priority
      FROM generate_series(0, ${tickets} - 1) j) g
JOIN datagen.conv c ON c.i = g.ci
JOIN datagen.team_size ts ON ts.team_no = c.team_no
CROSS JOIN LATERAL (SELECT
  CASE WHEN g.channel = 'chat' THEN coalesce(c.closed_at, c.created_at) + interval '1 minute'
       ELSE c.created_at + interval '2 hours' END AS created_at,
  CASE WHEN c.team_no = 3 OR datagen.u(j, 82) >= 0.9 THEN 'complaint' WHEN datagen.u(j, 82) < 0.55 THEN 'question'
       WHEN datagen.u(j, 82) < 0.78 THEN 'incident' ELSE 'request' END AS type) x
CROSS JOIN LATERAL (SELECT
  CASE g.priority WHEN 'low' THEN 7200 WHEN 'normal' THEN 3600 WHEN 'high' THEN 1800 ELSE 900 END AS first,
  CASE g.priority WHEN 'low' THEN 172800 WHEN 'normal' THEN 86400 WHEN 'high' THEN 43200 ELSE 14400 END AS resolution) t
WHERE x.created_at <= ${end};
ALTER TABLE datagen.ticket
  ADD COLUMN replied_at timestamptz, ADD COLUMN followed_at timestamptz, ADD COLUMN solved_at timestamptz,
  ADD COLUMN closed_at timestamptz, ADD COLUMN status text, ADD COLUMN number bigint;
UPDATE datagen.ticket SET
  replied_at = reply_planned,
  followed_at = CASE WHEN datagen.u(j, 87) < 0.5 THEN reply_planned + interval '20 minutes' END,
  solved_at = reply_planned + interval '30 minutes' + make_interval(secs => resolution * (0.05 + 1.2 * datagen.u(j, 88) ^ 2));
UPDATE datagen.ticket SET closed_at = solved_at + interval '4 days';
UPDATE datagen.ticket SET
  status = CASE WHEN closed_at <= ${end} THEN 'closed' WHEN solved_at <= ${end} THEN 'solved'
                WHEN replied_at <= ${end} THEN
                  CASE WHEN datagen.u(j, 86) < 0.6 THEN 'open' WHEN datagen.u(j, 86) < 0.9 THEN 'pending' ELSE 'on_hold' END
                ELSE 'new' END,
  replied_at = CASE WHEN replied_at <= ${end} THEN replied_at END,
  followed_at = CASE WHEN followed_at <= ${end} THEN followed_at END,
  solved_at = CASE WHEN solved_at <= ${end} THEN solved_at END,
  closed_at = CASE WHEN closed_at <= ${end} THEN closed_at END;
UPDATE datagen.ticket t SET number = n.number
FROM (SELECT j, row_number() OVER (PARTITION BY site_id ORDER BY created_at, j) AS number FROM datagen.ticket) n
WHERE n.j = t.j;
ALTER TABLE datagen.ticket ADD PRIMARY KEY (j);
ANALYZE datagen.ticket;

-- step: tickets
INSERT INTO tickets (id, site_id, contact_id, queue_id, requester_name, requester_email, status, created_at,
                     number, subject, channel, type, priority, assignee_id, tags, updated_at, solved_at,
                     closed_at, next_deadline, sla_policy_id)
SELECT t.id, t.site_id, t.contact_id, t.queue_id, p.name, p.email,
       t.status, t.created_at, t.number, left(b.text, 120), t.channel, t.type, t.priority,
       CASE WHEN t.replied_at IS NOT NULL THEN t.agent_id END,
       CASE WHEN t.type = 'complaint' THEN '{complaint}'::text[] WHEN datagen.u(t.j, 89) < 0.1 THEN '{vip}' ELSE '{}' END,
       greatest(t.created_at, t.replied_at, t.followed_at, t.solved_at, t.closed_at),
       t.solved_at, t.closed_at,
       CASE WHEN t.status = 'new' THEN t.created_at + make_interval(secs => t.first)
            WHEN t.status IN ('open', 'pending', 'on_hold') THEN t.created_at + make_interval(secs => t.resolution) END,
       (SELECT id FROM sla_policies WHERE name = 'Contract default')
FROM datagen.ticket t
JOIN contacts p ON p.id = t.contact_id
JOIN datagen.sentence_bank b ON b.lang = t.lang AND b.role = 'visitor' AND b.k = datagen.pick(t.j, 90, ${bank_size})
ORDER BY t.created_at, t.j;
INSERT INTO ticket_numbers (site_id, last_number)
SELECT site_id, max(number) FROM datagen.ticket GROUP BY site_id
ON CONFLICT (site_id) DO UPDATE SET last_number = greatest(ticket_numbers.last_number, excluded.last_number);

-- step: ticket_entries
INSERT INTO ticket_entries (ticket_id, kind, author_id, body, proposed_solution, call, created_at)
SELECT t.id, e.kind, e.author, b.text, e.kind = 'reply' AND e.n = 4,
       CASE WHEN e.kind = 'call' THEN jsonb_build_object('caller', p.phone, 'direction', 'inbound',
         'started_at', to_char(t.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"'),
         'duration_seconds', 60 + datagen.pick(t.j, 91, 900), 'outcome', 'answered') END,
       e.at
FROM datagen.ticket t
JOIN contacts p ON p.id = t.contact_id
CROSS JOIN LATERAL (VALUES
  (1, CASE WHEN t.channel = 'phone' THEN 'call' ELSE 'customer' END,
      CASE WHEN t.channel = 'phone' THEN t.agent_id::text ELSE t.contact_id::text END, 'visitor', t.created_at),
  (2, 'reply', t.agent_id::text, 'agent', t.replied_at),
  (3, 'customer', t.contact_id::text, 'visitor', t.followed_at),
  (4, 'reply', t.agent_id::text, 'agent', t.solved_at),
  (5, 'note', t.agent_id::text, 'agent', CASE WHEN datagen.u(t.j, 92) < 0.2 THEN t.replied_at + interval '5 minutes' END)
) e (n, kind, author, role, at)
JOIN datagen.sentence_bank b ON b.lang = t.lang AND b.role = e.role AND b.k = datagen.pick(t.j * 8 + e.n, 93, ${bank_size})
WHERE e.at IS NOT NULL AND e.at <= ${end}
ORDER BY e.at, t.j, e.n;

-- step: ticket_events
INSERT INTO ticket_events (ticket_id, kind, actor, detail, at)
SELECT t.id, e.kind, e.actor, e.detail, e.at
FROM datagen.ticket t
CROSS JOIN LATERAL (VALUES
  (1, 'created', t.contact_id::text,
      jsonb_build_object('channel', t.channel, 'status', 'new', 'priority', t.priority, 'type', t.type), t.created_at),
  (2, 'assigned', 'system', jsonb_build_object('to', t.agent_id::text), t.replied_at),
  (3, 'status', t.agent_id::text, jsonb_build_object('from', 'new', 'to', 'open'), t.replied_at),
  (4, 'reply', t.agent_id::text, '{}'::jsonb, t.replied_at),
  (5, 'status', t.agent_id::text, jsonb_build_object('from', 'open', 'to', t.status),
      CASE WHEN t.status IN ('pending', 'on_hold') THEN t.replied_at END),
  (6, 'customer_message', t.contact_id::text, '{}'::jsonb, t.followed_at),
  (7, 'solution', t.agent_id::text, '{}'::jsonb, t.solved_at),
  (8, 'status', t.agent_id::text, jsonb_build_object('from', 'open', 'to', 'solved'), t.solved_at),
  (9, 'status', 'system', jsonb_build_object('from', 'solved', 'to', 'closed', 'auto', true), t.closed_at)
) e (n, kind, actor, detail, at)
WHERE e.at IS NOT NULL
ORDER BY e.at, t.j, e.n;

-- step: ticket_links
INSERT INTO ticket_links (ticket_id, conversation_id, relation, created_at)
SELECT t.id, c.id, 'source', t.created_at
FROM datagen.ticket t JOIN datagen.conv c ON c.i = t.i
WHERE t.channel = 'chat';

-- step: cleanup
DROP SCHEMA datagen CASCADE;
