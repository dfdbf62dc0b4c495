-- profile_usage: traffic totals per flagged campaign from the daily usage aggregate.
-- span_days counts calendar days (UTC) from first to last activity, both included,
-- so "22 Apr to 5 Jun" is 45 days; requests per account per day divides by it.
-- Inputs: profile_members, u_day (per account, day and model).
CREATE OR REPLACE TEMP TABLE profile_usage AS
SELECT p.campaign_id,
       sum(d.requests)::BIGINT AS requests,
       sum(d.input_tokens)::BIGINT AS input_tokens,
       sum(d.output_tokens)::BIGINT AS output_tokens,
       min(d.first_ts) AS first_activity,
       max(d.last_ts) AS last_activity,
       count(DISTINCT d.account_id) AS active_accounts,
       count(DISTINCT d.model) AS models
FROM profile_members p
JOIN u_day d USING (account_id)
GROUP BY p.campaign_id;
