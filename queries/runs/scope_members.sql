-- scope_members: the accounts of one cluster or campaign of a run snapshot.
-- Inputs: memberships (run snapshot). Params: $scope ('cluster'|'campaign'), $scope_id.
SELECT DISTINCT account_id
FROM memberships
WHERE ($scope = 'cluster' AND cluster_id = $scope_id)
   OR ($scope = 'campaign' AND campaign_id = $scope_id)
ORDER BY account_id
