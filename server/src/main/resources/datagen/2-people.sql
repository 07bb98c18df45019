-- Sites, teams, queues, staff, companies and contacts. Staff share one known password, so the
-- benchmark can log in; the generator prints the logins.

-- step: sites
CREATE TABLE datagen.site (no int PRIMARY KEY, id text, zh_share float8);
INSERT INTO datagen.site VALUES (0, 'gen-shop', 0.1), (1, 'gen-cn', 0.9), (2, 'gen-b2b', 0.35);
INSERT INTO sites (id, name, site_key, allowed_origins, default_queue_id, language, created_at)
VALUES ('gen-shop', 'Web shop', 'gen-shop-${seed}', '{https://shop.example}', 'gen-shop-support', 'en', ${start}),
       ('gen-cn', '中国商城', 'gen-cn-${seed}', '{https://shop.example.cn}', 'gen-cn-support', 'zh-CN', ${start}),
       ('gen-b2b', 'Wholesale portal', 'gen-b2b-${seed}', '{https://b2b.example}', 'gen-b2b-support', 'auto', ${start});

-- step: teams
CREATE TABLE datagen.team (no int PRIMARY KEY, kind text, id text, name text, share float8);
INSERT INTO datagen.team VALUES (0, 'support', 'gen-support', 'Support desk', 0.5),
  (1, 'billing', 'gen-billing', 'Billing', 0.7), (2, 'sales', 'gen-sales', 'Sales', 0.9),
  (3, 'complaints', 'gen-complaints', 'Complaints', 1.0);
INSERT INTO teams (id, name, created_at) SELECT id, name, ${start} FROM datagen.team;

-- step: queues
INSERT INTO queues (id, site_id, name, priority, created_at, team_id, max_wait_seconds, languages)
SELECT s.id || '-' || t.kind, s.id, initcap(t.kind), (t.kind = 'complaints')::int * 2, ${start},
       t.id, 900, '{en,zh}'
FROM datagen.site s, datagen.team t;

-- step: users
CREATE TABLE datagen.agent AS
SELECT k, k % 4 AS team_no, k / 4 AS j, datagen.id('agent' || (k + 1)) AS id
FROM generate_series(0, ${agents} - 1) k;
CREATE TABLE datagen.team_size AS SELECT team_no, count(*)::int AS n FROM datagen.agent GROUP BY team_no;
INSERT INTO users (id, email, display_name, role, password_hash, capacity, created_at, languages, skills)
SELECT id, 'agent' || (k + 1) || '@gen.switchboard.local',
       (ARRAY['Maya', 'Li Wei', 'Tom', 'Wang Fang', 'Sara', 'Zhang Min', 'Omar', 'Chen Jing'])[1 + k % 8]
         || ' ' || (k + 1), 'agent', '${password_hash}', 5, ${start}, '{en,zh}'::text[], '{}'::text[]
FROM datagen.agent
UNION ALL
SELECT datagen.id('supervisor-' || kind), 'supervisor-' || kind || '@gen.switchboard.local',
       initcap(kind) || ' supervisor', 'supervisor', '${password_hash}', 5, ${start}, '{en,zh}'::text[], '{}'::text[]
FROM datagen.team
UNION ALL
SELECT datagen.id('admin'), 'admin@gen.switchboard.local', 'Generated admin', 'admin',
       '${password_hash}', 5, ${start}, '{en,zh}'::text[], '{}'::text[];
INSERT INTO team_members (team_id, user_id)
SELECT t.id, a.id FROM datagen.agent a JOIN datagen.team t ON t.no = a.team_no
UNION ALL SELECT id, datagen.id('supervisor-' || kind) FROM datagen.team;
INSERT INTO queue_members (queue_id, user_id)
SELECT s.id || '-' || t.kind, a.id
FROM datagen.agent a JOIN datagen.team t ON t.no = a.team_no CROSS JOIN datagen.site s;

-- step: contact_fields
INSERT INTO contact_fields (site_id, key, label_en, label_zh, kind, choices, position, created_at)
SELECT s.id, f.key, f.label_en, f.label_zh, f.kind, f.choices, f.position, ${start}
FROM datagen.site s, (VALUES
  ('plan', 'Plan', '套餐', 'choice', '{free,basic,pro,enterprise}'::text[], 1),
  ('orders', 'Orders', '订单数', 'number', '{}'::text[], 2),
  ('newsletter', 'Newsletter', '订阅', 'boolean', '{}'::text[], 3)) f (key, label_en, label_zh, kind, choices, position);

-- step: companies
INSERT INTO companies (id, site_id, name, domain, attributes, created_at, updated_at)
SELECT datagen.id('company' || k), s.id,
       CASE WHEN s.no = 1
         THEN (ARRAY['上海', '北京', '深圳', '杭州', '成都', '广州'])[1 + k % 6]
              || (ARRAY['星辰', '远航', '华信', '恒通', '博雅', '优品', '联创'])[1 + (k / 6) % 7] || k || '有限公司'
         ELSE (ARRAY['Acme', 'Globex', 'Initech', 'Umbrella', 'Hooli', 'Vandelay', 'Stark', 'Wayne'])[1 + k % 8]
              || ' ' || (ARRAY['Trading', 'Logistics', 'Retail', 'Labs', 'Foods', 'Supply', 'Group'])[1 + (k / 8) % 7]
              || ' ' || k END,
       'co' || k || '.example.com',
       jsonb_build_object('employees', 5 + datagen.pick(k, 31, 5000)),
       ${start} + (${end} - ${start}) * datagen.u(k, 32) * 0.5,
       ${start} + (${end} - ${start}) * datagen.u(k, 32) * 0.5
FROM generate_series(0, ${companies} - 1) k JOIN datagen.site s ON s.no = k % 3;

-- step: contacts
CREATE TABLE datagen.contact AS
SELECT c, datagen.id('contact' || c) AS id,
       CASE WHEN datagen.u(c, 21) < 0.45 THEN 0 WHEN datagen.u(c, 21) < 0.85 THEN 1 ELSE 2 END AS site_no,
       CASE WHEN c < ${conversations}
         THEN ${start} + (${end} - ${start}) * (c::float8 / ${conversations}) - interval '20 minutes'
         ELSE ${start} + (${end} - ${start}) * datagen.u(c, 22) END AS created_at
FROM generate_series(0, ${contacts} - 1) c;
ALTER TABLE datagen.contact ADD PRIMARY KEY (c);
INSERT INTO contacts (id, site_id, name, email, phone, created_at, language, time_zone, tags,
                      external_id, company_id, owner_id, stage, other_emails, attributes, source, updated_at)
SELECT x.id, s.id,
       CASE WHEN s.no = 1
         THEN (ARRAY['王', '李', '张', '刘', '陈', '杨', '黄', '赵'])[1 + datagen.pick(c, 23, 8)]
              || (ARRAY['伟', '芳', '娜', '敏', '静', '磊', '洋', '婷', '强', '军'])[1 + datagen.pick(c, 24, 10)]
         ELSE (ARRAY['Alex', 'Maria', 'James', 'Priya', 'Noah', 'Emma', 'Lucas', 'Aisha', 'Ivan', 'Sofia'])[1 + datagen.pick(c, 23, 10)]
              || ' ' || (ARRAY['Smith', 'Garcia', 'Brown', 'Khan', 'Müller', 'Rossi', 'Kim', 'Silva'])[1 + datagen.pick(c, 24, 8)] END,
       'c' || c || '@' || CASE WHEN co.k IS NOT NULL THEN 'co' || co.k || '.example.com'
                               WHEN s.no = 1 THEN 'mail.example.cn' ELSE 'mail.example.com' END,
       CASE WHEN datagen.u(c, 25) < 0.6 THEN
         CASE WHEN s.no = 1 THEN '+86 13' ELSE '+1 555' END || lpad(datagen.pick(c, 26, 10000000)::text, 7, '0') END,
       x.created_at,
       CASE WHEN datagen.u(c, 27) < s.zh_share THEN 'zh-CN' ELSE 'en' END,
       CASE WHEN s.no = 1 THEN 'Asia/Shanghai' WHEN s.no = 0 THEN 'Europe/London' ELSE 'America/New_York' END,
       array_remove(ARRAY[CASE WHEN datagen.u(c, 28) < 0.03 THEN 'vip' END,
                          CASE WHEN datagen.u(c, 29) < 0.2 THEN 'newsletter' END,
                          CASE WHEN s.no = 2 THEN 'wholesale' END], NULL),
       CASE WHEN s.no = 2 AND datagen.u(c, 30) < 0.5 THEN 'ext-' || c END,
       co.id,
       CASE WHEN stage.v IN ('lead', 'customer') AND datagen.u(c, 33) < 0.4
         THEN datagen.id('agent' || (1 + datagen.pick(c, 34, ${agents}))) END,
       stage.v,
       CASE WHEN datagen.u(c, 35) < 0.05 THEN ARRAY['c' || c || '.alt@mail.example.com'] ELSE '{}' END,
       jsonb_build_object('plan', (ARRAY['free', 'basic', 'pro', 'enterprise'])[1 + datagen.pick(c, 36, 4)],
                          'orders', datagen.zipf(c, 37, 200) - 1),
       CASE WHEN datagen.u(c, 38) < 0.8 THEN 'widget' WHEN datagen.u(c, 38) < 0.9 THEN 'mail'
            WHEN datagen.u(c, 38) < 0.97 THEN 'import' ELSE 'api' END,
       x.created_at
FROM datagen.contact x
JOIN datagen.site s ON s.no = x.site_no
CROSS JOIN LATERAL (SELECT CASE WHEN datagen.u(x.c, 39) < 0.5 THEN 'visitor' WHEN datagen.u(x.c, 39) < 0.7 THEN 'lead'
                                WHEN datagen.u(x.c, 39) < 0.95 THEN 'customer' ELSE 'churned' END AS v) stage
LEFT JOIN LATERAL (
  SELECT k, datagen.id('company' || k) AS id
  FROM (SELECT x.site_no + 3 * datagen.pick(x.c, 40, greatest(1, ${companies} / 3)) AS k) pick
  WHERE datagen.u(x.c, 41) < 0.3 AND pick.k < ${companies}) co ON true;

-- step: contact_events
INSERT INTO contact_events (contact_id, kind, actor, detail, at)
SELECT c.id, 'created', CASE c.source WHEN 'import' THEN 'import' WHEN 'widget' THEN 'visitor' ELSE 'system' END,
       jsonb_build_object('source', c.source), c.created_at
FROM contacts c WHERE c.site_id LIKE 'gen-%'
UNION ALL
SELECT c.id, 'stage_changed', 'system', jsonb_build_object('from', 'visitor', 'to', c.stage),
       c.created_at + interval '3 days'
FROM contacts c WHERE c.site_id LIKE 'gen-%' AND c.stage <> 'visitor';

-- step: contact_notes
INSERT INTO contact_notes (contact_id, author_id, body, created_at)
SELECT x.id, datagen.id('agent' || (1 + datagen.pick(x.c, 42, ${agents}))),
       datagen.sentence('en', 'agent', x.c, 43), x.created_at + interval '1 day'
FROM datagen.contact x WHERE datagen.u(x.c, 44) < 0.02;
