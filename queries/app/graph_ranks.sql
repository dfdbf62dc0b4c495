-- The drawn graph's edges read from the rebuild's precomputed app_member_values
-- (queries/score/app_member_values.sql) instead of a scan of evidence: which of the group's
-- values (by rank in group_values) the drawn members hold (part 'incidence': account_id,
-- source_rank), and, for a group drawn as its infrastructure, value -> value links weighted
-- by how many members hold both (part 'link': source_rank, target_rank, members). The app
-- turns ranks into values with the group's group_values rows. A campaign of one cluster has
-- no rows of its own: its members and ranks are its cluster's.
-- Inputs: memberships, app_member_values. Parameters: $scope, $target, $accounts (VARCHAR[]
-- of drawn members), $max_rank (values drawn), $with_links (BOOLEAN).
WITH members AS (
    SELECT account_id, cluster_id FROM memberships
    WHERE CASE WHEN $scope = 'campaign' THEN campaign_id ELSE cluster_id END = $target
), campaign_rows AS (
    SELECT $scope = 'campaign' AND count(DISTINCT cluster_id) > 1 AS flag FROM members
), held AS MATERIALIZED (
    SELECT v.account_id, v.rank
    FROM app_member_values v
    WHERE v.campaign = (SELECT flag FROM campaign_rows)
      AND v.rank <= $max_rank
      AND v.account_id IN (SELECT account_id FROM members)
), links AS (
    SELECT a.rank AS source_rank, b.rank AS target_rank, count(*) AS members
    FROM held a
    JOIN held b ON a.account_id = b.account_id AND a.rank < b.rank
    WHERE $with_links
    GROUP BY a.rank, b.rank
)
SELECT 'incidence' AS part, account_id, rank AS source_rank, NULL::USMALLINT AS target_rank,
       NULL::BIGINT AS members
FROM held
WHERE account_id IN (SELECT unnest($accounts))
UNION ALL
SELECT 'link', NULL, source_rank, target_rank, members
FROM links
