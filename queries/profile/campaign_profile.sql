-- campaign_profile: one row per flagged campaign with the numbers and lists a case
-- report quotes: accounts, requests, tokens, first/last activity, the core window
-- (the days holding 99.8% of the traffic, see profile_usage), requests per account per
-- day over that window, template concentration, shared infrastructure (top values
-- per kind with member and population counts), model pivots, and the headline, which
-- reads the way such a campaign is reported: "24,871 accounts, 28.6M requests,
-- 22 Apr to 5 Jun 2026, 26 requests per account per day" (all requests, over the
-- accounts and the core window's days, both ends included).
-- Inputs: profile_members, profile_usage, profile_templates, profile_shared_values,
--         profile_pivots, campaigns, clusters.
CREATE OR REPLACE TABLE campaign_profile AS
WITH sizes AS (
    SELECT k.campaign_id, count(p.account_id) AS accounts
    FROM campaigns k LEFT JOIN profile_members p USING (campaign_id)
    WHERE k.flagged
    GROUP BY k.campaign_id
),
flagged_clusters AS (
    SELECT campaign_id, count(*) AS clusters, max(score) AS score
    FROM clusters WHERE flagged GROUP BY campaign_id
),
shared AS (
    SELECT campaign_id, kind,
           list({'value': value, 'accounts': members, 'all_accounts': all_accounts,
                 'cards': cards} ORDER BY rk) AS top_values,
           any_value(distinct_values) AS distinct_values
    FROM profile_shared_values
    GROUP BY campaign_id, kind
),
pivots AS (
    SELECT campaign_id,
           list({'model': model, 'first_use': first_use, 'measured_day': measured_day,
                 'share_24h': round(share_24h, 4), 'from_model': from_model,
                 'from_share': round(from_share, 4), 'requests': model_requests::BIGINT}
                ORDER BY first_use, model) AS model_pivots
    FROM profile_pivots
    GROUP BY campaign_id
),
numbers AS (
    SELECT s.campaign_id, s.accounts, f.clusters, f.score,
           coalesce(u.requests, 0) AS requests,
           coalesce(u.input_tokens, 0) AS input_tokens,
           coalesce(u.output_tokens, 0) AS output_tokens,
           u.first_activity, u.last_activity, u.core_from, u.core_to,
           coalesce(u.active_accounts, 0) AS active_accounts,
           coalesce(u.models, 0) AS models,
           u.core_to - u.core_from + 1 AS span_days,
           coalesce(u.requests, 0)::DOUBLE
               / nullif(s.accounts * (u.core_to - u.core_from + 1), 0) AS req_per_account_day,
           coalesce(t.templates, 0) AS templates,
           coalesce(t.top10_requests / nullif(t.template_requests, 0), 0) AS top10_template_share,
           coalesce(t.top50_requests / nullif(t.template_requests, 0), 0) AS top50_template_share
    FROM sizes s
    LEFT JOIN flagged_clusters f USING (campaign_id)
    LEFT JOIN profile_usage u USING (campaign_id)
    LEFT JOIN profile_templates t USING (campaign_id)
),
phrased AS (
    SELECT *,
           CASE WHEN requests >= 1e6 THEN printf('%.1fM', requests / 1e6)
                WHEN requests >= 1e5 THEN printf('%.0fk', requests / 1e3)
                WHEN requests >= 1e4 THEN printf('%.1fk', requests / 1e3)
                ELSE format('{:,}', requests) END AS requests_text,
           CASE WHEN core_from IS NULL THEN 'no activity'
                WHEN core_from = core_to THEN strftime(core_to, '%-d %b %Y')
                WHEN year(core_from) = year(core_to)
                    THEN strftime(core_from, '%-d %b') || ' to ' || strftime(core_to, '%-d %b %Y')
                ELSE strftime(core_from, '%-d %b %Y') || ' to '
                     || strftime(core_to, '%-d %b %Y') END AS window_text,
           CASE WHEN coalesce(req_per_account_day, 0) >= 9.5
                    THEN format('{:,}', round(req_per_account_day)::BIGINT)
                ELSE printf('%.1f', coalesce(req_per_account_day, 0)) END AS rate_text
    FROM numbers
)
SELECT p.campaign_id,
       format('{:,} accounts, {} requests, {}, {} requests per account per day',
              p.accounts, p.requests_text, p.window_text, p.rate_text) AS headline,
       p.accounts, p.active_accounts, p.clusters, p.score,
       p.requests, p.input_tokens, p.output_tokens,
       p.first_activity, p.last_activity, p.core_from, p.core_to, p.span_days,
       round(p.req_per_account_day, 2) AS req_per_account_day,
       p.models, p.templates,
       round(p.top10_template_share, 4) AS top10_template_share,
       round(p.top50_template_share, 4) AS top50_template_share,
       ip.top_values AS proxy_ips, coalesce(ip.distinct_values, 0) AS n_proxy_ips,
       px.top_values AS ip_prefixes, coalesce(px.distinct_values, 0) AS n_ip_prefixes,
       cb.top_values AS card_bins, coalesce(cb.distinct_values, 0) AS n_card_bins,
       dv.top_values AS device_farms, coalesce(dv.distinct_values, 0) AS n_device_farms,
       ed.top_values AS email_domains, coalesce(ed.distinct_values, 0) AS n_email_domains,
       ep.top_values AS email_patterns, coalesce(ep.distinct_values, 0) AS n_email_patterns,
       pb.top_values AS phone_blocks, coalesce(pb.distinct_values, 0) AS n_phone_blocks,
       coalesce(v.model_pivots, []) AS model_pivots
FROM phrased p
LEFT JOIN shared ip ON ip.campaign_id = p.campaign_id AND ip.kind = 'ip'
LEFT JOIN shared px ON px.campaign_id = p.campaign_id AND px.kind = 'ip_prefix'
LEFT JOIN shared cb ON cb.campaign_id = p.campaign_id AND cb.kind = 'card_bin'
LEFT JOIN shared dv ON dv.campaign_id = p.campaign_id AND dv.kind = 'device'
LEFT JOIN shared ed ON ed.campaign_id = p.campaign_id AND ed.kind = 'email_domain'
LEFT JOIN shared ep ON ep.campaign_id = p.campaign_id AND ep.kind = 'email_pattern'
LEFT JOIN shared pb ON pb.campaign_id = p.campaign_id AND pb.kind = 'phone_block'
LEFT JOIN pivots v ON v.campaign_id = p.campaign_id
ORDER BY p.accounts DESC, p.campaign_id;
