-- The campaign's profile (flagged campaigns only; see graph/profile.py).
-- Inputs: campaign_profile. Param: $campaign_id.
SELECT * FROM campaign_profile WHERE campaign_id = $campaign_id
