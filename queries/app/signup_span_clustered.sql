-- First and last signup of a cluster's or campaign's members (to choose a timeline bin), read
-- from the rebuild's app_member_accounts (members only) instead of every account of the run.
-- Inputs: memberships, app_member_accounts. Parameters: $scope, $target.
SELECT min(a.created_at) AS first_signup, max(a.created_at) AS last_signup, count(*) AS members
FROM memberships m
JOIN app_member_accounts a USING (account_id)
WHERE CASE WHEN $scope = 'campaign' THEN m.campaign_id ELSE m.cluster_id END = $target
