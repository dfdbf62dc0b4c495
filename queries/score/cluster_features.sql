-- cluster_features: what a cluster's members share and how they behave, for
-- explanation and for analysts (the score itself comes from
-- cluster_coordination). One row per cluster.
-- Inputs: raw_clusters, accounts, evidence, edges, u_account, u_template, u_card,
--         cheap_domains, prepaid_bins.
CREATE OR REPLACE TEMP TABLE cluster_features AS
WITH members AS (
    SELECT r.cluster_id, a.*
    FROM raw_clusters r JOIN accounts a USING (account_id)
),
base AS (
    SELECT cluster_id,
           count(*) AS size,
           min(created_at) AS created_first,
           max(created_at) AS created_last,
           avg(coalesce(ua_headless, false)::INT) AS headless_share,
           avg((email_domain IN (SELECT domain FROM cheap_domains))::INT) AS cheap_domain_share,
           count(DISTINCT country) AS n_countries
    FROM members GROUP BY cluster_id
),
burst AS (
    SELECT cluster_id, max(n_in_15m) AS burst_15m
    FROM (
        SELECT cluster_id,
               count(*) OVER (PARTITION BY cluster_id ORDER BY created_at
                              RANGE BETWEEN CURRENT ROW AND INTERVAL 15 MINUTE FOLLOWING) AS n_in_15m
        FROM members
    )
    GROUP BY cluster_id
),
member_values AS (
    SELECT r.cluster_id, r.account_id, e.kind, e.value
    FROM raw_clusters r JOIN evidence e USING (account_id)
    WHERE e.kind IN ('card', 'device', 'ip', 'ip_prefix', 'phone_block', 'email_pattern', 'email')
),
shared_values AS (
    -- values of each kind shared by at least two members of the same cluster
    SELECT cluster_id, kind, value, count(*) AS n
    FROM member_values
    GROUP BY cluster_id, kind, value
    HAVING count(*) >= 2
),
sharing AS (
    SELECT cluster_id,
           max(CASE WHEN kind = 'card' THEN n END) AS max_card_reuse,
           count(CASE WHEN kind = 'card' THEN 1 END) AS shared_cards,
           max(CASE WHEN kind = 'device' THEN n END) AS max_device_reuse,
           count(CASE WHEN kind = 'device' THEN 1 END) AS shared_devices,
           count(CASE WHEN kind = 'ip' THEN 1 END) AS shared_ips,
           max(CASE WHEN kind = 'ip' THEN n END) AS max_ip_reuse,
           count(CASE WHEN kind = 'ip_prefix' THEN 1 END) AS shared_prefixes,
           max(CASE WHEN kind = 'phone_block' THEN n END) AS max_phone_block,
           max(CASE WHEN kind = 'email_pattern' THEN n END) AS max_email_pattern,
           max(CASE WHEN kind = 'email' THEN n END) AS max_email_reuse
    FROM shared_values GROUP BY cluster_id
),
member_sharing AS (
    -- members holding a card, device or phone block another member also holds
    -- (a window over each cluster's own values: joining shared values back to the
    -- whole evidence table first would pair every holder of a popular value)
    SELECT cluster_id,
           count(DISTINCT account_id) FILTER (WHERE kind = 'card') AS card_sharers,
           count(DISTINCT account_id) FILTER (WHERE kind = 'device') AS device_sharers,
           count(DISTINCT account_id) FILTER (WHERE kind = 'phone_block') AS phone_sharers
    FROM (
        SELECT cluster_id, account_id, kind,
               count(*) OVER (PARTITION BY cluster_id, kind, value) AS holders
        FROM member_values
        WHERE kind IN ('card', 'device', 'phone_block')
    )
    WHERE holders >= 2
    GROUP BY cluster_id
),
prepaid AS (
    SELECT r.cluster_id,
           count(DISTINCT r.account_id) FILTER (WHERE p.bin IS NOT NULL) AS prepaid_payers,
           count(DISTINCT r.account_id) AS payers
    FROM raw_clusters r
    JOIN u_card c USING (account_id)
    LEFT JOIN prepaid_bins p ON starts_with(coalesce(c.card_bin, ''), p.bin)
    GROUP BY r.cluster_id
),
usage AS (
    SELECT r.cluster_id,
           sum(u.requests) AS requests,
           sum(u.input_tokens) AS input_tokens,
           sum(u.output_tokens) AS output_tokens,
           min(u.first_activity) AS first_activity,
           max(u.last_activity) AS last_activity,
           sum(u.active_days) AS account_days,
           median(epoch(u.first_activity) - epoch(a.created_at)) / 86400 AS days_to_first_use,
           count(u.account_id) AS active_members
    FROM raw_clusters r
    JOIN accounts a USING (account_id)
    LEFT JOIN u_account u USING (account_id)
    GROUP BY r.cluster_id
),
multi_templates AS MATERIALIZED (
    -- only a template two accounts use can be shared inside a cluster; numbered,
    -- so that the (cluster, template) counts below group on integers (at 2M
    -- accounts: 47,630 of 6.6M templates, 16.7M of 23.3M usage rows; 9 s -> 5 s)
    SELECT template, row_number() OVER () AS tid
    FROM u_template
    GROUP BY template
    HAVING count(*) >= 2
),
cluster_numbers AS MATERIALIZED (
    SELECT cluster_id, row_number() OVER () AS cid, size FROM base
),
member_numbers AS MATERIALIZED (
    SELECT r.account_id, c.cid FROM raw_clusters r JOIN cluster_numbers c USING (cluster_id)
),
templates AS (
    -- templates used by at least a quarter of the cluster's members
    SELECT c.cluster_id, count(*) AS shared_templates, sum(req) AS shared_template_requests
    FROM (
        SELECT m.cid, mt.tid, count(*) AS users, sum(t.requests) AS req
        FROM u_template t
        JOIN multi_templates mt USING (template)
        JOIN member_numbers m USING (account_id)
        GROUP BY m.cid, mt.tid
    ) x
    JOIN cluster_numbers c USING (cid)
    WHERE x.users >= greatest(2, 0.25 * c.size)
    GROUP BY c.cluster_id
),
edge_src AS MATERIALIZED (
    -- edges in their source's clusters first: joined freely, the optimizer may
    -- pair each cluster's members first (group_formation.sql)
    SELECT r1.cluster_id, e.dst, e.weight
    FROM edges e
    JOIN raw_clusters r1 ON r1.account_id = e.src
),
internal AS (
    SELECT s.cluster_id, count(*) AS internal_edges, sum(s.weight) AS internal_weight
    FROM edge_src s
    JOIN raw_clusters r2 ON r2.account_id = s.dst AND r2.cluster_id = s.cluster_id
    GROUP BY s.cluster_id
)
SELECT b.*,
       coalesce(bu.burst_15m, 0) AS burst_15m,
       coalesce(i.internal_edges, 0) AS internal_edges,
       coalesce(i.internal_weight, 0) AS internal_weight,
       CASE WHEN b.size > 1 THEN 2.0 * coalesce(i.internal_edges, 0) / (b.size * (b.size - 1)) END
           AS density,
       coalesce(s.max_card_reuse, 0) AS max_card_reuse,
       coalesce(s.shared_cards, 0) AS shared_cards,
       coalesce(s.max_device_reuse, 0) AS max_device_reuse,
       coalesce(s.shared_devices, 0) AS shared_devices,
       coalesce(s.shared_ips, 0) AS shared_ips,
       coalesce(s.max_ip_reuse, 0) AS max_ip_reuse,
       coalesce(s.shared_prefixes, 0) AS shared_prefixes,
       coalesce(s.max_phone_block, 0) AS max_phone_block,
       coalesce(s.max_email_pattern, 0) AS max_email_pattern,
       coalesce(ms.card_sharers, 0)::DOUBLE / b.size AS shared_card_ratio,
       coalesce(ms.device_sharers, 0)::DOUBLE / b.size AS device_reuse_ratio,
       coalesce(ms.phone_sharers, 0)::DOUBLE / b.size AS sequential_phone_ratio,
       coalesce(s.max_email_pattern, 0)::DOUBLE / b.size AS email_pattern_concentration,
       coalesce(p.prepaid_payers::DOUBLE / nullif(p.payers, 0), 0) AS prepaid_share,
       coalesce(u.requests, 0) AS requests,
       coalesce(u.input_tokens, 0) AS input_tokens,
       coalesce(u.output_tokens, 0) AS output_tokens,
       u.first_activity,
       u.last_activity,
       coalesce(u.requests, 0)::DOUBLE / b.size AS requests_per_account,
       coalesce(u.output_tokens, 0)::DOUBLE / b.size AS output_tokens_per_account,
       coalesce(u.output_tokens::DOUBLE / nullif(u.requests, 0), 0) AS output_tokens_per_request,
       coalesce(u.requests::DOUBLE / nullif(u.account_days, 0), 0) AS requests_per_account_day,
       u.days_to_first_use,
       coalesce(t.shared_templates, 0) AS shared_templates,
       coalesce(t.shared_template_requests::DOUBLE / nullif(u.requests, 0), 0) AS template_concentration
FROM base b
LEFT JOIN burst bu USING (cluster_id)
LEFT JOIN internal i USING (cluster_id)
LEFT JOIN sharing s USING (cluster_id)
LEFT JOIN member_sharing ms USING (cluster_id)
LEFT JOIN prepaid p USING (cluster_id)
LEFT JOIN usage u USING (cluster_id)
LEFT JOIN templates t USING (cluster_id);
