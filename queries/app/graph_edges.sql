-- The drawn graph's edges from one scan of evidence: account -> value links between the
-- drawn members and the drawn values (part 'incidence': account_id, kind, value), and, for a
-- group drawn as its infrastructure, value -> value links weighted by how many members hold
-- both (part 'link': source, target, members; the $link_limit strongest).
-- Inputs: memberships, evidence. Parameters: $scope, $target, $accounts (VARCHAR[] of drawn
-- members), $kinds and $values (VARCHAR[], the drawn values pairwise), $with_links (BOOLEAN),
-- $link_limit. evidence holds one row per (account, kind, value), so held needs no DISTINCT.
WITH members AS (
    SELECT account_id FROM memberships
    WHERE CASE WHEN $scope = 'campaign' THEN campaign_id ELSE cluster_id END = $target
), drawn_values AS (
    SELECT unnest($kinds) AS kind, unnest($values) AS value
), held AS MATERIALIZED (
    SELECT e.account_id, e.kind, e.value, e.kind || chr(31) || e.value AS value_key
    FROM evidence e
    SEMI JOIN drawn_values d ON d.kind = e.kind AND d.value = e.value
    WHERE e.account_id IN (SELECT account_id FROM members)
), links AS (
    SELECT a.value_key AS source, b.value_key AS target, count(*) AS members
    FROM held a
    JOIN held b ON a.account_id = b.account_id AND a.value_key < b.value_key
    WHERE $with_links
    GROUP BY a.value_key, b.value_key
    ORDER BY members DESC, source, target
    LIMIT $link_limit
)
SELECT 'incidence' AS part, account_id, kind, value,
       NULL::VARCHAR AS source, NULL::VARCHAR AS target, NULL::BIGINT AS members
FROM held
WHERE account_id IN (SELECT unnest($accounts))
UNION ALL
SELECT 'link', NULL, NULL, NULL, source, target, members
FROM links
