-- profile_usage: traffic totals per flagged campaign from the daily usage aggregate,
-- and its core window: from the day its cumulative traffic passes $core_trim of the
-- total to the day it passes 1 - $core_trim (with 0.001, the days holding 99.8% of
-- the traffic). A few members active weeks before or after the operation (an aged
-- account bought in, a straggler) move first/last activity but not the window the
-- campaign is reported by.
-- Inputs: profile_members, u_day (per account, day and model). Param: $core_trim.
CREATE OR REPLACE TEMP TABLE profile_usage AS
WITH daily AS (
    SELECT p.campaign_id, d.day, sum(d.requests) AS requests
    FROM profile_members p
    JOIN u_day d USING (account_id)
    GROUP BY p.campaign_id, d.day
),
cumulative AS (
    SELECT campaign_id, day,
           sum(requests) OVER (PARTITION BY campaign_id ORDER BY day) AS upto,
           sum(requests) OVER (PARTITION BY campaign_id) AS total
    FROM daily
),
core AS (
    SELECT campaign_id,
           min(day) FILTER (WHERE upto >= $core_trim * total) AS core_from,
           min(day) FILTER (WHERE upto >= (1 - $core_trim) * total) AS core_to
    FROM cumulative
    GROUP BY campaign_id
),
totals AS (
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
    GROUP BY p.campaign_id
)
SELECT t.*, c.core_from, c.core_to
FROM totals t LEFT JOIN core c USING (campaign_id);
