-- The campaign's row of the campaigns table (numbers for any campaign, flagged or not).
-- Inputs: campaigns. Param: $campaign_id.
SELECT campaign_id, size, n_clusters, score, flagged, reasons, headline,
       requests::BIGINT AS requests, input_tokens::BIGINT AS input_tokens,
       output_tokens::BIGINT AS output_tokens, first_activity, last_activity,
       created_first, created_last, req_per_account_day, top_template_share
FROM campaigns
WHERE campaign_id = $campaign_id
