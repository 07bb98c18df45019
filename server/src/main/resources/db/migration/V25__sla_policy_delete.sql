-- A deleted SLA policy lets go of its tickets and events by itself, also of a ticket whose
-- clocks were being recomputed against it while it was deleted: the ticket gets the policy
-- that matches it at its next recompute, and the event keeps its other facts.
ALTER TABLE tickets DROP CONSTRAINT tickets_sla_policy_id_fkey,
    ADD CONSTRAINT tickets_sla_policy_id_fkey FOREIGN KEY (sla_policy_id)
        REFERENCES sla_policies (id) ON DELETE SET NULL;

ALTER TABLE sla_events DROP CONSTRAINT sla_events_policy_id_fkey,
    ADD CONSTRAINT sla_events_policy_id_fkey FOREIGN KEY (policy_id)
        REFERENCES sla_policies (id) ON DELETE SET NULL;
