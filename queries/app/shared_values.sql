-- Attribute values shared by at least two members of a cluster or campaign, most telling first
-- (members holding it x its rarity weight): how many members hold each, how many accounts hold
-- it overall, and its weight (0 for hubs and allowlisted values, which link nobody).
-- Inputs: memberships, evidence, value_stats. Parameters: $scope, $target, $limit.
-- The per-kind summary is computed from this result, so one scan of evidence serves both.
WITH members AS (
    SELECT account_id FROM memberships
    WHERE CASE WHEN $scope = 'campaign' THEN campaign_id ELSE cluster_id END = $target
)
SELECT e.kind, e.value, count(DISTINCT e.account_id) AS members,
       any_value(s.n_accounts) AS accounts_overall, any_value(s.weight) AS weight
FROM evidence e
JOIN members USING (account_id)
LEFT JOIN value_stats s ON s.kind = e.kind AND s.value = e.value
GROUP BY e.kind, e.value
HAVING count(DISTINCT e.account_id) >= 2
ORDER BY count(DISTINCT e.account_id) * coalesce(any_value(s.weight), 0) DESC, members DESC,
         e.kind, e.value
LIMIT $limit
