-- Attribute values shared by at least two members of a cluster or campaign, most telling first
-- (members holding it x its rarity weight): how many members hold each, how many accounts hold
-- it overall, and its weight (0 for hubs and allowlisted values, which link nobody).
-- Inputs: memberships, evidence, value_stats. Parameters: $scope, $target, $limit.
-- Used for runs published before the rebuild precomputed group_values (see
-- group_values.sql): evidence holds one row per (account, kind, value), so count(*) counts
-- members, and values are counted before value_stats is joined (3x faster on a big campaign).
WITH members AS (
    SELECT account_id FROM memberships
    WHERE CASE WHEN $scope = 'campaign' THEN campaign_id ELSE cluster_id END = $target
), shared AS (
    SELECT e.kind, e.value, count(*) AS members
    FROM evidence e
    WHERE e.account_id IN (SELECT account_id FROM members)
    GROUP BY e.kind, e.value
    HAVING count(*) >= 2
)
SELECT g.kind, g.value, g.members, s.n_accounts AS accounts_overall, s.weight
FROM shared g
LEFT JOIN value_stats s ON s.kind = g.kind AND s.value = g.value
ORDER BY g.members * coalesce(s.weight, 0) DESC, g.members DESC, g.kind, g.value
LIMIT $limit
