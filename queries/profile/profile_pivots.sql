-- profile_pivots: model pivots. For every model a campaign first used at least
-- 24 h after its own first activity (a model it switched to, not one it started
-- on), the share of the campaign's traffic on that model on the UTC day that
-- contains the moment 24 h after the campaign's first use of it, from the daily
-- aggregates; and the model that carried most of its traffic the day before.
-- A distillation operator moves to a newly released model within hours, all
-- accounts at once; people drift over weeks.
-- Inputs: profile_members, u_day.
CREATE OR REPLACE TEMP TABLE profile_pivots AS
WITH model_day AS (
    SELECT p.campaign_id, d.day, d.model, sum(d.requests) AS requests,
           min(d.first_ts) AS first_ts
    FROM profile_members p
    JOIN u_day d USING (account_id)
    WHERE d.model IS NOT NULL
    GROUP BY p.campaign_id, d.day, d.model
),
day_total AS (
    SELECT campaign_id, day, sum(requests) AS requests FROM model_day GROUP BY campaign_id, day
),
day_top AS (
    SELECT campaign_id, day, arg_max(model, requests) AS top_model,
           max(requests) / sum(requests) AS top_share
    FROM model_day GROUP BY campaign_id, day
),
first_use AS (
    SELECT campaign_id, model, min(first_ts) AS first_use, sum(requests) AS model_requests
    FROM model_day GROUP BY campaign_id, model
),
windows AS (
    SELECT campaign_id, min(first_ts) AS window_start FROM model_day GROUP BY campaign_id
),
pivots AS (
    SELECT f.campaign_id, f.model, f.first_use, f.model_requests,
           CAST(f.first_use + INTERVAL 24 HOUR AS DATE) AS measured_day,
           CAST(f.first_use AS DATE) - 1 AS day_before
    FROM first_use f JOIN windows w USING (campaign_id)
    WHERE f.first_use >= w.window_start + INTERVAL 24 HOUR
)
SELECT v.campaign_id, v.model, v.first_use, v.measured_day, v.model_requests,
       coalesce(md.requests, 0) AS measured_requests,
       coalesce(md.requests, 0) / nullif(dt.requests, 0) AS share_24h,
       b.top_model AS from_model,
       b.top_share AS from_share
FROM pivots v
LEFT JOIN model_day md
  ON md.campaign_id = v.campaign_id AND md.model = v.model AND md.day = v.measured_day
LEFT JOIN day_total dt ON dt.campaign_id = v.campaign_id AND dt.day = v.measured_day
LEFT JOIN day_top b ON b.campaign_id = v.campaign_id AND b.day = v.day_before;
