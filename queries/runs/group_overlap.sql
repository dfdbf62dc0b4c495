-- group_overlap: how the members of the previous run's groups (clusters or campaigns) are shared
-- with the new run's groups: one row per (old, new) pair that shares at least one account.
-- Inputs (temp views the caller binds to one level): old_groups(account_id, group_id),
--   new_groups(account_id, group_id).
CREATE OR REPLACE TEMP TABLE group_overlap AS
WITH old_sizes AS (
    SELECT group_id, count(DISTINCT account_id) AS n FROM old_groups GROUP BY group_id
),
new_sizes AS (
    SELECT group_id, count(DISTINCT account_id) AS n FROM new_groups GROUP BY group_id
),
shared AS (
    SELECT o.group_id AS old_id, n.group_id AS new_id, count(DISTINCT o.account_id) AS inter
    FROM (SELECT DISTINCT account_id, group_id FROM old_groups) AS o
    JOIN (SELECT DISTINCT account_id, group_id FROM new_groups) AS n USING (account_id)
    GROUP BY ALL
)
SELECT
    s.old_id,
    s.new_id,
    s.inter,
    os.n AS n_old,
    ns.n AS n_new,
    s.inter / (os.n + ns.n - s.inter) AS jaccard,
    s.inter / os.n AS old_share,   -- share of the old group that went to this new group
    s.inter / ns.n AS new_share    -- share of the new group that came from this old group
FROM shared AS s
JOIN old_sizes AS os ON os.group_id = s.old_id
JOIN new_sizes AS ns ON ns.group_id = s.new_id;
