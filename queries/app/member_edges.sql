-- Why an account is here: its strongest edges, the neighbour, and the values behind each edge.
-- Inputs: edges, memberships. Parameters: $accounts (VARCHAR[]), $per_account (edges each).
-- One scan of edges finds the listed accounts' edges at either end (scanning twice, once per
-- end, read every edge's evidence column twice: 0.2 s instead of 0.13 s at 2M accounts).
WITH wanted AS (SELECT unnest($accounts) AS account_id),
touching AS MATERIALIZED (
    SELECT e.src, e.dst, e.weight, e.kinds, e.evidence
    FROM edges e
    WHERE e.src IN (SELECT account_id FROM wanted) OR e.dst IN (SELECT account_id FROM wanted)
), ends AS (
    SELECT t.src AS account_id, t.dst AS neighbour, t.weight, t.kinds, t.evidence
    FROM touching t WHERE t.src IN (SELECT account_id FROM wanted)
    UNION ALL
    SELECT t.dst AS account_id, t.src AS neighbour, t.weight, t.kinds, t.evidence
    FROM touching t WHERE t.dst IN (SELECT account_id FROM wanted)
), ranked AS (
    SELECT *, row_number() OVER (PARTITION BY account_id ORDER BY weight DESC, neighbour) AS rank
    FROM ends
)
SELECT r.account_id, r.rank, r.neighbour, r.weight, array_to_string(r.kinds, ', ') AS kinds,
       to_json(r.evidence)::VARCHAR AS evidence, m.cluster_id AS neighbour_cluster
FROM ranked r
LEFT JOIN memberships m ON m.account_id = r.neighbour
WHERE r.rank <= $per_account
ORDER BY r.account_id, r.rank
