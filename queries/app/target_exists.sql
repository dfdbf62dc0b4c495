-- Whether an account, cluster or campaign id exists in the run (one row, one boolean).
-- Inputs: accounts, clusters, campaigns. Parameters: $scope, $target.
SELECT CASE $scope
         WHEN 'account' THEN EXISTS (SELECT 1 FROM accounts WHERE account_id = $target)
         WHEN 'cluster' THEN EXISTS (SELECT 1 FROM clusters WHERE cluster_id = $target)
         WHEN 'campaign' THEN EXISTS (SELECT 1 FROM campaigns WHERE campaign_id = $target)
         ELSE false
       END AS present
