-- Flagged campaign ids, largest first: named in the error for an unknown campaign.
-- Inputs: campaigns.
SELECT campaign_id FROM campaigns WHERE flagged ORDER BY size DESC, campaign_id LIMIT 8
