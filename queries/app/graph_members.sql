-- The members drawn in the graph: the strongest $limit of a cluster or campaign.
-- Input: memberships. Parameters: $scope, $target, $limit.
SELECT account_id, cluster_id, strength
FROM memberships
WHERE CASE WHEN $scope = 'campaign' THEN campaign_id ELSE cluster_id END = $target
ORDER BY strength DESC, account_id
LIMIT $limit
