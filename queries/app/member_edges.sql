-- Why an account is here: its strongest edges, the neighbour, and the values behind each edge.
-- Inputs: edges, memberships. Parameters: $accounts (VARCHAR[]), $per_account (edges each).
WITH wanted AS (SELECT unnest($accounts) AS account_id),
ends AS (
    SELECT e.src AS account_id, e.dst AS neighbour, e.weight, e.kinds, e.evidence
    FROM edges e WHERE e.src IN (SELECT account_id FROM wanted)
    UNION ALL
    SELECT e.dst AS account_id, e.src AS neighbour, e.weight, e.kinds, e.evidence
    FROM edges e WHERE e.dst IN (SELECT account_id FROM wanted)
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
