-- The edge list in vertex ids, ordered, for igraph.
-- Inputs: edges, graph_nodes.
SELECT s.vid AS s, d.vid AS d, e.weight
FROM edges e
JOIN graph_nodes s ON s.account_id = e.src
JOIN graph_nodes d ON d.account_id = e.dst
ORDER BY s.vid, d.vid;
