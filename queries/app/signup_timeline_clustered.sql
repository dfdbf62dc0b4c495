-- Signups per time bin for a cluster's or campaign's members, read from the rebuild's
-- app_member_accounts (members only) instead of every account of the run.
-- Inputs: memberships, app_member_accounts. Parameters: $scope, $target, $bin (an interval,
-- e.g. '1 hour').
SELECT time_bucket(CAST($bin AS INTERVAL), a.created_at) AS bin_start, count(*) AS signups
FROM memberships m
JOIN app_member_accounts a USING (account_id)
WHERE CASE WHEN $scope = 'campaign' THEN m.campaign_id ELSE m.cluster_id END = $target
GROUP BY bin_start
ORDER BY bin_start
