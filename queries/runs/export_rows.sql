-- export_rows: the accounts a bulk ban takes from a run: exportable members of clusters scoring at
-- least $min_score with at least $min_size accounts, minus accounts whose label NOW is legit.
-- Columns in the contract's order, then campaign_id and strength.
-- Inputs: clusters, memberships (run snapshot), legit_now(account_id) (temp view).
-- Params: $run_id, $min_score, $min_size.
SELECT
    m.account_id,
    c.cluster_id,
    CAST(c.size AS BIGINT) AS cluster_size,
    CAST(c.score AS DOUBLE) AS cluster_score,
    c.reasons,
    CAST($run_id AS VARCHAR) AS run_id,
    m.campaign_id,
    CAST(m.strength AS DOUBLE) AS strength
FROM memberships AS m
JOIN clusters AS c ON c.cluster_id = m.cluster_id
WHERE m.exportable
  AND c.score >= $min_score
  AND c.size >= $min_size
  AND NOT EXISTS (SELECT 1 FROM legit_now AS l WHERE l.account_id = m.account_id)
ORDER BY c.score DESC, c.cluster_id, m.account_id
