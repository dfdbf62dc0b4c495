-- The riskiest campaigns with the figures a report quotes.
-- Input: snapshot table campaigns. Parameter: $limit rows.
SELECT campaign_id, headline, score, flagged, size AS accounts, n_clusters,
       requests::BIGINT AS requests, input_tokens::BIGINT AS input_tokens,
       output_tokens::BIGINT AS output_tokens, first_activity, last_activity,
       req_per_account_day, top_template_share, reasons
FROM campaigns
ORDER BY score DESC, size DESC, campaign_id
LIMIT $limit
