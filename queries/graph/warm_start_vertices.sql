-- Every graph vertex, in vertex order, with its community in the base run renumbered
-- densely from 0 (-1 for an account the base run's graph did not have).
-- Inputs: graph_nodes, warm_membership (queries/graph/warm_start.sql).
SELECT g.vid,
       CASE WHEN w.community IS NULL THEN -1
            ELSE dense_rank() OVER (PARTITION BY w.community IS NULL ORDER BY w.community) - 1
       END::BIGINT AS community
FROM graph_nodes g
LEFT JOIN warm_membership w USING (account_id)
ORDER BY g.vid;
