-- The campaign's clusters, riskiest first, with their scores and reasons.
-- Inputs: clusters. Param: $campaign_id.
SELECT cluster_id, size, n_exportable, score, flagged, reasons, created_first,
       created_last, requests::BIGINT AS requests, fraud_labels, legit_labels
FROM clusters
WHERE campaign_id = $campaign_id
ORDER BY flagged DESC, score DESC, size DESC, cluster_id
