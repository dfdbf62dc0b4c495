-- Internal edges of the clusters chosen for networkx analysis: flagged clusters
-- and the $top riskiest, each at most $max_nodes accounts.
-- Inputs: clusters, memberships, edges.
WITH chosen AS (
    SELECT cluster_id FROM clusters
    WHERE size <= $max_nodes
    QUALIFY flagged OR row_number() OVER (ORDER BY score DESC, size DESC) <= $top
)
SELECT m1.cluster_id, e.src, e.dst, e.weight
FROM edges e
JOIN memberships m1 ON m1.account_id = e.src
JOIN memberships m2 ON m2.account_id = e.dst AND m2.cluster_id = m1.cluster_id
WHERE m1.cluster_id IN (SELECT cluster_id FROM chosen)
ORDER BY m1.cluster_id, e.src, e.dst;
