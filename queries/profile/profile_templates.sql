-- profile_templates: how concentrated a campaign's traffic is on prompt templates:
-- the share of its requests on its 10 and 50 most used templates. Distillation
-- scripts cycle through a fixed set of templates; people rarely repeat one.
-- Inputs: profile_members, u_template (per account and template).
CREATE OR REPLACE TEMP TABLE profile_templates AS
WITH per_template AS (
    SELECT p.campaign_id, t.template, sum(t.requests) AS requests
    FROM profile_members p
    JOIN u_template t USING (account_id)
    GROUP BY p.campaign_id, t.template
),
ranked AS (
    SELECT campaign_id, requests,
           row_number() OVER (PARTITION BY campaign_id ORDER BY requests DESC, template) AS rk
    FROM per_template
)
SELECT campaign_id,
       count(*) AS templates,
       sum(requests) AS template_requests,
       sum(requests) FILTER (WHERE rk <= 10) AS top10_requests,
       sum(requests) FILTER (WHERE rk <= 50) AS top50_requests
FROM ranked
GROUP BY campaign_id;
