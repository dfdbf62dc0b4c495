-- The clusters of one campaign. Input: snapshot table clusters. Parameter: $campaign_id.
SELECT cluster_id, size, score, flagged, reasons, created_first, created_last, density, n_bridges
FROM clusters
WHERE campaign_id = $campaign_id
ORDER BY score DESC, size DESC, cluster_id
LIMIT 500
