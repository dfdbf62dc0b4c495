-- The base run's fine Leiden communities, as the starting partition of this run's
-- fine pass: clusters that persist keep their shape instead of being re-drawn from
-- scratch, so one day of new data moves few accounts between clusters.
-- Inputs: base.graph_membership (the previous run, ATTACHed read-only).
CREATE OR REPLACE TEMP TABLE warm_membership AS
SELECT account_id, community FROM base.graph_membership;
