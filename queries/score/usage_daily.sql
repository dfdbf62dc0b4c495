-- usage_daily: per member, per day and model, requests and tokens: what the app's
-- request-volume charts and the campaign report draw. Members of clusters only.
-- Inputs: u_day, memberships.
CREATE OR REPLACE TABLE usage_daily AS
SELECT d.account_id, d.day, d.model, d.requests, d.input_tokens, d.output_tokens
FROM u_day d
WHERE d.account_id IN (SELECT account_id FROM memberships);
