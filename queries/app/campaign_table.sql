-- Campaigns for the browse table, riskiest first, filtered.
-- Input: snapshot table campaigns.
-- Parameters: $min_score, $min_size, $search, $flagged_only, $limit.
SELECT campaign_id, size, n_clusters, score, flagged, reasons, first_activity, last_activity,
       requests::BIGINT AS requests, req_per_account_day
FROM campaigns
WHERE score >= $min_score
  AND size >= $min_size
  AND (NOT $flagged_only OR flagged)
  AND ($search = ''
       OR contains(lower(campaign_id), lower($search))
       OR contains(lower(coalesce(reasons, '')), lower($search))
       OR contains(lower(coalesce(headline, '')), lower($search)))
ORDER BY score DESC, size DESC, campaign_id
LIMIT $limit
