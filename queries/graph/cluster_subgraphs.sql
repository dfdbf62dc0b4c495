-- Internal edges of the clusters chosen for networkx analysis: flagged clusters
-- and the $top riskiest, each at most $max_nodes accounts.
-- Inputs: clusters, memberships, edges.
WITH chosen AS (
    SELECT cluster_id FROM clusters
    WHERE size <= $max_nodes
    QUALIFY flagged OR row_number() OVER (ORDER BY score DESC, size DESC) <= $top
),
-- edges in their source's chosen clusters first (MATERIALIZED): joined freely,
-- the optimizer may pair each cluster's members first
-- (score/group_formation.sql)
from_src AS MATERIALIZED (
    SELECT m1.cluster_id, e.src, e.dst, e.weight
    FROM edges e
    JOIN memberships m1 ON m1.account_id = e.src
    WHERE m1.cluster_id IN (SELECT cluster_id FROM chosen)
)
SELECT s.cluster_id, s.src, s.dst, s.weight
FROM from_src s
JOIN memberships m2 ON m2.account_id = s.dst AND m2.cluster_id = s.cluster_id
ORDER BY s.cluster_id, s.src, s.dst;
