-- clusters_top: the riskiest clusters of a run snapshot, for `fraudgraph clusters` and the app.
-- Inputs: clusters (run snapshot). Params: $top (how many).
SELECT *
FROM clusters
ORDER BY score DESC, size DESC, cluster_id
LIMIT $top
