-- app_member_values: which of its group's most telling shared values each member holds, as
-- the value's rank in group_values (1 = most telling): the member -> value incidence the
-- app's detail page draws, and from which it counts value -> value links for a group drawn
-- as its infrastructure. Precomputed here because the app would otherwise scan the whole
-- evidence table (29M rows at 2M accounts, half a second or more) for one group's members.
-- One row per (member, scope, value): campaign = false ranks refer to the member's cluster,
-- campaign = true to its campaign, and campaign rows exist only for campaigns of more than
-- one cluster (a one-cluster campaign has the cluster's members, so the same group_values
-- ranks). Only ranks <= $max_values are kept (the app draws at most that many values).
-- No cluster or campaign column, so the stable-id rewrite does not copy it.
-- Inputs: evidence, memberships, group_values (queries/score/group_values.sql).
CREATE OR REPLACE TABLE app_member_values AS
WITH multi AS (
    SELECT campaign_id FROM memberships
    WHERE campaign_id IS NOT NULL
    GROUP BY campaign_id
    HAVING count(DISTINCT cluster_id) > 1
), member_groups AS (
    SELECT account_id, cluster_id AS group_id, false AS campaign FROM memberships
    UNION ALL
    SELECT account_id, campaign_id, true FROM memberships
    WHERE campaign_id IN (SELECT campaign_id FROM multi)
), top_values AS (
    SELECT coalesce(cluster_id, campaign_id) AS group_id, hash(kind, value) AS value_hash,
           rank::USMALLINT AS rank
    FROM group_values
    WHERE rank <= $max_values
      AND (campaign_id IS NULL OR campaign_id IN (SELECT campaign_id FROM multi))
), held AS MATERIALIZED (
    -- joined to the members first: joining group_values first multiplies every member by
    -- its group's values before evidence can prune them
    SELECT e.account_id, g.group_id, g.campaign, hash(e.kind, e.value) AS value_hash
    FROM evidence e
    JOIN member_groups g USING (account_id)
)
SELECT h.account_id, h.campaign, t.rank
FROM held h
JOIN top_values t ON t.group_id = h.group_id AND t.value_hash = h.value_hash;
