-- Attribute values shared by at least two members of a cluster or campaign, most telling first,
-- read from the rebuild's precomputed group_values (queries/score/group_values.sql): the same
-- columns and order as shared_values.sql without a scan of evidence.
-- Input: group_values. Parameters: $scope, $target, $limit.
SELECT kind, value, members, accounts_overall, weight
FROM group_values
WHERE CASE WHEN $scope = 'campaign' THEN campaign_id ELSE cluster_id END = $target
ORDER BY rank
LIMIT $limit
