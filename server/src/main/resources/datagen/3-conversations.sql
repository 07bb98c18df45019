-- Conversations with their messages, state history, notes and ratings. Each conversation i
-- belongs to contact i mod contacts, so the open ones (the last hour's) have distinct contacts.
-- The last ten minutes hold a tail of recent ones, some still queued or assigned. Times: enqueued, assigned after a skewed wait, accepted, first agent response, closed; about 6%
-- are abandoned in the queue and closed by the visitor.

-- step: conversation plan
CREATE TABLE datagen.conv AS
SELECT i, datagen.id7(g.created_at, 'conversation' || i) AS id, x.id AS contact_id, s.id AS site_id, s.id || '-' || t.kind AS queue_id, t.no AS team_no,
       CASE WHEN datagen.u(x.c, 27) < s.zh_share THEN 'zh' ELSE 'en' END AS lang,
       g.created_at, g.abandoned,
       CASE WHEN NOT g.abandoned THEN g.created_at + make_interval(secs => 5 + 600 * datagen.u(i, 55) ^ 3) END AS assigned_at,
       datagen.id('agent' || (t.no + 4 * datagen.pick(i, 53, ts.n) + 1)) AS agent_id,
       CASE WHEN g.abandoned THEN 1 + datagen.pick(i, 54, 3)::int ELSE 4 + datagen.pick(i, 54, ${message_span})::int END AS planned
FROM (SELECT i, CASE WHEN i >= ${conversations} - tail
                    THEN ${end} - make_interval(secs => 600.0 * (${conversations} - i) / tail)
                    ELSE ${start} + (${end} - ${start}) * ((i + 0.9 * datagen.u(i, 50)) / ${conversations}) END AS created_at,
             datagen.u(i, 52) < 0.06 AS abandoned
      FROM generate_series(0, ${conversations} - 1) i, (SELECT greatest(3, ${conversations} / 5000) AS tail) t) g
JOIN datagen.contact x ON x.c = g.i % ${contacts}
JOIN datagen.site s ON s.no = x.site_no
JOIN datagen.team t ON t.no = CASE WHEN datagen.u(i, 51) < 0.5 THEN 0 WHEN datagen.u(i, 51) < 0.7 THEN 1
                                   WHEN datagen.u(i, 51) < 0.9 THEN 2 ELSE 3 END
JOIN datagen.team_size ts ON ts.team_no = t.no;
ALTER TABLE datagen.conv
  ADD COLUMN accepted_at timestamptz, ADD COLUMN first_response_at timestamptz,
  ADD COLUMN closed_at timestamptz, ADD COLUMN status text, ADD COLUMN messages int;
UPDATE datagen.conv SET
  accepted_at = assigned_at + make_interval(secs => 2 + 18 * datagen.u(i, 56)),
  first_response_at = assigned_at + make_interval(secs => 2 + 18 * datagen.u(i, 56) + 5 + 90 * datagen.u(i, 57)),
  closed_at = CASE WHEN abandoned THEN created_at + make_interval(secs => 30 + 870 * datagen.u(i, 58))
                   ELSE assigned_at + make_interval(secs => 120 + 97 + 2400 * datagen.u(i, 59) ^ 2) END;
-- What had happened by the end of the history.
UPDATE datagen.conv SET
  status = CASE WHEN closed_at <= ${end} THEN 'closed'
                WHEN assigned_at <= ${end} THEN 'assigned' ELSE 'queued' END,
  accepted_at = CASE WHEN accepted_at <= ${end} THEN accepted_at END,
  first_response_at = CASE WHEN first_response_at <= ${end} THEN first_response_at END,
  closed_at = CASE WHEN closed_at <= ${end} THEN closed_at END,
  assigned_at = CASE WHEN assigned_at <= ${end} THEN assigned_at END;
UPDATE datagen.conv SET
  agent_id = CASE WHEN assigned_at IS NULL THEN NULL ELSE agent_id END,
  messages = CASE WHEN status = 'closed' THEN planned
                  ELSE 1 + (first_response_at IS NOT NULL)::int END;
ALTER TABLE datagen.conv ADD PRIMARY KEY (i);
ANALYZE datagen.conv;

-- step: conversations
INSERT INTO conversations (id, site_id, contact_id, queue_id, status, agent_id, last_seq, created_at,
                           enqueued_at, assigned_at, accepted_at, first_agent_response_at, closed_at,
                           closed_by, disposition, tags, language)
SELECT id, site_id, contact_id, queue_id, status, agent_id,
       messages, created_at, created_at, assigned_at, accepted_at, first_response_at, closed_at,
       CASE WHEN status <> 'closed' THEN NULL WHEN abandoned THEN 'visitor' ELSE 'agent' END,
       CASE WHEN status = 'closed' AND NOT abandoned
         THEN (ARRAY['resolved', 'resolved', 'resolved', 'follow_up', 'ticket', 'no_reply'])[1 + datagen.pick(i, 65, 6)] END,
       CASE WHEN status = 'closed' AND NOT abandoned AND datagen.u(i, 66) < 0.4
         THEN ARRAY[(ARRAY['refund', 'invoice', 'shipping', 'password', 'account', 'complaint', 'billing'])[1 + datagen.pick(i, 67, 7)]]
         ELSE '{}' END,
       CASE lang WHEN 'zh' THEN 'zh-CN' ELSE 'en' END
FROM datagen.conv ORDER BY i;

-- chunked step: messages
INSERT INTO messages (conversation_id, seq, client_msg_id, sender_role, sender_id, body, created_at)
SELECT c.id, m.seq, 'gen-' || m.seq, m.role,
       CASE m.role WHEN 'visitor' THEN c.contact_id::text ELSE c.agent_id::text END,
       b1.text || CASE WHEN b2.text IS NULL THEN '' WHEN m.lang = 'zh' THEN b2.text ELSE ' ' || b2.text END,
       m.at
FROM datagen.conv c
CROSS JOIN LATERAL (
  SELECT seq, role, lang, key,
         CASE WHEN seq = 1 THEN c.created_at
              WHEN c.first_response_at IS NULL THEN c.created_at + make_interval(secs => 20 * (seq - 1))
              WHEN seq = 2 THEN c.first_response_at
              ELSE c.first_response_at + (c.closed_at - c.first_response_at) * ((seq - 2)::float8 / (c.messages - 1)) END AS at
  FROM (SELECT seq, c.i * 1000 + seq AS key,
               CASE WHEN seq = 1 OR c.first_response_at IS NULL THEN 'visitor' WHEN seq = 2 THEN 'agent'
                    WHEN datagen.u(c.i * 1000 + seq, 60) < 0.5 THEN 'visitor' ELSE 'agent' END AS role,
               CASE WHEN datagen.u(c.i * 1000 + seq, 61) < 0.05 THEN (CASE c.lang WHEN 'zh' THEN 'en' ELSE 'zh' END)
                    ELSE c.lang END AS lang
        FROM generate_series(1, c.messages) seq) s) m
JOIN datagen.sentence_bank b1
  ON b1.lang = m.lang AND b1.role = m.role AND b1.k = datagen.pick(m.key, 63, ${bank_size})
LEFT JOIN datagen.sentence_bank b2
  ON datagen.u(m.key, 62) < 0.4 AND b2.lang = m.lang AND b2.role = m.role AND b2.k = datagen.pick(m.key, 64, ${bank_size})
WHERE c.i >= ${lo} AND c.i < ${hi}
;

-- step: conversation_events
INSERT INTO conversation_events (conversation_id, kind, actor_id, detail, at)
SELECT id, kind, actor, detail, at FROM (
  SELECT c.i, 1 AS n, c.id AS id, 'queued' AS kind,
         c.contact_id::text AS actor, jsonb_build_object('queueId', c.queue_id) AS detail, c.created_at AS at
  FROM datagen.conv c
  UNION ALL
  SELECT c.i, 2, c.id, 'assigned', c.agent_id::text, '{}', c.assigned_at
  FROM datagen.conv c WHERE c.assigned_at IS NOT NULL
  UNION ALL
  SELECT c.i, 3, c.id, 'accepted', c.agent_id::text, '{}', c.accepted_at
  FROM datagen.conv c WHERE c.accepted_at IS NOT NULL
  UNION ALL
  SELECT c.i, 4, v.id, 'closed', v.closed_by,
         jsonb_strip_nulls(jsonb_build_object('disposition', v.disposition, 'tags', v.tags::text,
                                              'agentId', v.agent_id::text)), v.closed_at
  FROM datagen.conv c JOIN conversations v ON v.id = c.id
  WHERE c.status = 'closed') e
ORDER BY at, i, n;

-- step: ratings
INSERT INTO ratings (conversation_id, contact_id, score, comment, created_at)
SELECT c.id, c.contact_id,
       CASE WHEN datagen.u(c.i, 70) < 0.55 THEN 5 WHEN datagen.u(c.i, 70) < 0.8 THEN 4
            WHEN datagen.u(c.i, 70) < 0.9 THEN 3 WHEN datagen.u(c.i, 70) < 0.95 THEN 2 ELSE 1 END,
       CASE WHEN datagen.u(c.i, 71) < 0.3 THEN
         CASE c.lang WHEN 'zh' THEN (ARRAY['服务很好，谢谢！', '回复太慢了。', '问题解决了。', '客服很耐心。'])[1 + datagen.pick(c.i, 72, 4)]
                     ELSE (ARRAY['Great help, thanks!', 'Took too long.', 'Problem solved.', 'Very patient agent.'])[1 + datagen.pick(c.i, 72, 4)] END END,
       least(c.closed_at + interval '30 seconds', ${end})
FROM datagen.conv c
WHERE c.status = 'closed' AND NOT c.abandoned AND datagen.u(c.i, 73) < 0.35;

-- step: notes
INSERT INTO notes (conversation_id, author_id, body, created_at, kind)
SELECT c.id, c.agent_id,
       datagen.sentence(CASE c.lang WHEN 'zh' THEN 'zh' ELSE 'en' END, 'agent', c.i, 74),
       least(c.first_response_at + interval '1 minute', ${end}), 'note'
FROM datagen.conv c
WHERE c.first_response_at IS NOT NULL AND datagen.u(c.i, 75) < 0.03;
