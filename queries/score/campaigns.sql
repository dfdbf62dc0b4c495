-- campaigns: groups of clusters run by one operator, with the numbers a report
-- quotes. Every cluster belongs to exactly one campaign (unflagged clusters form
-- their own). The headline reads the way such a campaign is reported, e.g.
-- "24,871 accounts, 28.6M requests, 22 Apr to 5 Jun 2026, 26 requests per
-- account per day" (requests / accounts / days from first to last activity). Counts cover exportable members of flagged clusters when
-- the campaign is flagged, all members otherwise.
-- Inputs: clusters (campaign_id filled), memberships, u_account, u_template, accounts.
CREATE OR REPLACE TABLE campaigns AS
WITH member_scope AS (
    SELECT m.account_id, c.campaign_id
    FROM memberships m JOIN clusters c USING (cluster_id)
    WHERE (c.flagged AND m.exportable)
       OR NOT EXISTS (SELECT 1 FROM clusters c2 WHERE c2.campaign_id = c.campaign_id AND c2.flagged)
),
usage AS (
    -- from the per-account totals (extract_usage.sql), not the day rows (at 2M
    -- accounts: 8.0-9.0 -> 6.3-6.5 s for this statement). Those totals are HUGEINT, whose
    -- sum DuckDB returns as DOUBLE; one account's total fits a BIGINT.
    SELECT s.campaign_id,
           sum(CAST(u.requests AS BIGINT)) AS requests,
           sum(CAST(u.input_tokens AS BIGINT)) AS input_tokens,
           sum(CAST(u.output_tokens AS BIGINT)) AS output_tokens,
           min(u.first_activity) AS first_activity,
           max(u.last_activity) AS last_activity
    FROM member_scope s JOIN u_account u USING (account_id)
    GROUP BY s.campaign_id
),
top_templates AS (
    SELECT campaign_id, sum(req) FILTER (WHERE rk <= 20) / sum(req) AS top_template_share,
           count(*) AS templates
    FROM (
        SELECT s.campaign_id, t.template, sum(t.requests) AS req,
               row_number() OVER (PARTITION BY s.campaign_id ORDER BY sum(t.requests) DESC, t.template) AS rk
        FROM member_scope s JOIN u_template t USING (account_id)
        GROUP BY s.campaign_id, t.template
    )
    GROUP BY campaign_id
),
sizes AS (
    SELECT campaign_id, count(*) AS size FROM member_scope GROUP BY campaign_id
),
agg AS (
    SELECT campaign_id,
           count(*) AS n_clusters,
           bool_or(flagged) AS flagged,
           max(score) AS score,
           sum(size) AS members,
           min(created_first) AS created_first,
           max(created_last) AS created_last,
           arg_max(reasons, score) AS reasons
    FROM clusters GROUP BY campaign_id
)
SELECT a.campaign_id,
       coalesce(s.size, 0) AS size,
       a.members,
       a.n_clusters,
       a.score,
       a.flagged,
       a.reasons,
       format('{:,} accounts, {} requests, {} to {}, {} requests per account per day',
              coalesce(s.size, 0),
              CASE WHEN coalesce(u.requests, 0) >= 1e6 THEN printf('%.1fM', u.requests / 1e6)
                   WHEN coalesce(u.requests, 0) >= 1e3 THEN printf('%.1fk', u.requests / 1e3)
                   ELSE coalesce(u.requests, 0)::VARCHAR END,
              coalesce(strftime(u.first_activity, '%-d %b %Y'), 'n/a'),
              coalesce(strftime(u.last_activity, '%-d %b %Y'), 'n/a'),
              round(coalesce(u.requests::DOUBLE / nullif(s.size * greatest(1.0,
                  (epoch(u.last_activity) - epoch(u.first_activity)) / 86400), 0), 0))::BIGINT)
           AS headline,
       coalesce(u.requests, 0) AS requests,
       coalesce(u.input_tokens, 0) AS input_tokens,
       coalesce(u.output_tokens, 0) AS output_tokens,
       u.first_activity,
       u.last_activity,
       a.created_first,
       a.created_last,
       round(coalesce(u.requests::DOUBLE / nullif(s.size * greatest(1.0,
           (epoch(u.last_activity) - epoch(u.first_activity)) / 86400), 0), 0), 2)
           AS req_per_account_day,
       round(coalesce(t.top_template_share, 0), 4) AS top_template_share,
       coalesce(t.templates, 0) AS templates
FROM agg a
LEFT JOIN sizes s USING (campaign_id)
LEFT JOIN usage u USING (campaign_id)
LEFT JOIN top_templates t USING (campaign_id);
