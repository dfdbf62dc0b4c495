-- Attribute-level graph: how many members two drawn values have in common (the campaign's
-- infrastructure: which cards go with which devices, IP ranges and templates).
-- Inputs: memberships, evidence. Parameters: $scope, $target, $value_keys, $limit.
WITH members AS (
    SELECT account_id FROM memberships
    WHERE CASE WHEN $scope = 'campaign' THEN campaign_id ELSE cluster_id END = $target
), held AS (
    SELECT DISTINCT e.account_id, e.kind || chr(31) || e.value AS value_key
    FROM evidence e JOIN members USING (account_id)
    WHERE e.kind || chr(31) || e.value IN (SELECT unnest($value_keys))
)
SELECT a.value_key AS source, b.value_key AS target, count(*) AS members
FROM held a
JOIN held b ON a.account_id = b.account_id AND a.value_key < b.value_key
GROUP BY a.value_key, b.value_key
ORDER BY members DESC
LIMIT $limit
