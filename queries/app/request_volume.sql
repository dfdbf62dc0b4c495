-- API requests per day and model for a cluster's or campaign's members.
-- Inputs: memberships, usage_daily (members only). Parameters: $scope, $target.
SELECT u.day, coalesce(u.model, '(none)') AS model, sum(u.requests) AS requests,
       sum(u.output_tokens) AS output_tokens, count(DISTINCT u.account_id) AS active_accounts
FROM memberships m
JOIN usage_daily u USING (account_id)
WHERE CASE WHEN $scope = 'campaign' THEN m.campaign_id ELSE m.cluster_id END = $target
GROUP BY ALL
ORDER BY u.day, model
