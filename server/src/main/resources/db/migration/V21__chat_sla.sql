-- Live chats get SLA clocks from the same engine as tickets: first response and next response,
-- with targets in seconds per policy ({"first_response": 60, "next_response": 120}; a metric
-- left out runs no clock). The contract's policy answers a chat within a minute and each later
-- message within two.
ALTER TABLE sla_policies ADD COLUMN chat_targets jsonb NOT NULL DEFAULT '{}';
UPDATE sla_policies SET chat_targets = '{"first_response": 60, "next_response": 120}'
WHERE name = 'Contract default';
