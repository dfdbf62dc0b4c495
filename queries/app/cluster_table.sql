-- Clusters for the browse table, riskiest first, filtered.
-- Input: snapshot table clusters. Parameters: $min_score, $min_size, $search (substring of
-- cluster id, campaign id or reasons; '' for all), $flagged_only, $limit.
SELECT cluster_id, campaign_id, size, score, flagged, reasons, created_first, created_last,
       n_exportable, requests::BIGINT AS requests, fraud_labels, legit_labels
FROM clusters
WHERE score >= $min_score
  AND size >= $min_size
  AND (NOT $flagged_only OR flagged)
  AND ($search = ''
       OR contains(lower(cluster_id), lower($search))
       OR contains(lower(coalesce(campaign_id, '')), lower($search))
       OR contains(lower(coalesce(reasons, '')), lower($search)))
ORDER BY score DESC, size DESC, cluster_id
LIMIT $limit
