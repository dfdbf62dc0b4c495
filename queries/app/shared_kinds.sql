-- Per evidence kind: how many values members share, and how many members share one.
-- Inputs: memberships, evidence. Parameters: $scope, $target.
WITH members AS (
    SELECT account_id FROM memberships
    WHERE CASE WHEN $scope = 'campaign' THEN campaign_id ELSE cluster_id END = $target
), held AS (
    SELECT e.kind, e.value, e.account_id
    FROM evidence e JOIN members USING (account_id)
), shared AS (
    SELECT kind, value FROM held GROUP BY kind, value HAVING count(DISTINCT account_id) >= 2
)
SELECT h.kind, count(DISTINCT h.value) AS shared_values,
       count(DISTINCT h.account_id) AS members_sharing
FROM held h
JOIN shared s ON s.kind = h.kind AND s.value = h.value
GROUP BY h.kind
ORDER BY members_sharing DESC, h.kind
