-- Attribute values shared by at least two members of a cluster or campaign, most shared first:
-- how many members hold each, how many accounts hold it overall, and how telling it is.
-- Inputs: memberships, evidence, value_stats. Parameters: $scope, $target, $limit.
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
ORDER BY members DESC, weight DESC NULLS LAST, e.kind, e.value
LIMIT $limit
