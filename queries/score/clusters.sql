-- clusters: one row per detected cluster with its score, reasons and features;
-- memberships: one row per member with its strength and whether an export
-- may take it.
-- score = coordination raised by analyst labels: with a share f of members
-- labelled fraud, score + (1 - score) * min(1, 2 f). flagged = score >= $threshold.
-- A member is exportable when its strength >= $min_strength and it is not
-- labelled legit. Reasons put the strongest evidence first, in words an analyst
-- can check ("shared card x14; 62 signups in 15 min; ...").
-- Inputs: cluster_features, cluster_coordination, member_strength, labels, raw_clusters.
CREATE OR REPLACE TABLE memberships AS
SELECT m.account_id, m.cluster_id, NULL::VARCHAR AS campaign_id,
       round(m.strength, 4) AS strength,
       m.strength >= $min_strength AND coalesce(l.label, '') <> 'legit' AS exportable,
       {'attach': round(m.attach, 3), 'lock': round(m.lock, 3), 'in_burst': m.in_burst,
        'template_shared': round(m.template_shared, 3), 'sync_lift': round(m.sync_lift, 2)}
           AS why,
       l.label
FROM member_strength m
LEFT JOIN labels l USING (account_id);

CREATE OR REPLACE TABLE clusters AS
WITH lab AS (
    SELECT cluster_id,
           count(*) FILTER (WHERE label = 'fraud') AS fraud_labels,
           count(*) FILTER (WHERE label = 'legit') AS legit_labels,
           count(*) FILTER (WHERE exportable) AS n_exportable
    FROM memberships GROUP BY cluster_id
),
scored AS (
    SELECT f.*, c.* EXCLUDE (cluster_id), l.fraud_labels, l.legit_labels, l.n_exportable,
           c.coordination + (1 - c.coordination)
               * least(1.0, 2.0 * l.fraud_labels / f.size) AS score
    FROM cluster_features f
    JOIN cluster_coordination c USING (cluster_id)
    JOIN lab l USING (cluster_id)
)
SELECT
    cluster_id,
    NULL::VARCHAR AS campaign_id,
    size,
    round(score, 4) AS score,
    score >= $threshold AS flagged,
    concat_ws('; ',
        CASE WHEN fraud_labels > 0 THEN fraud_labels || ' labelled fraud' END,
        CASE WHEN e_template > 0 THEN
            round(100 * template_concentration)::INT || '% traffic on ' || shared_templates
            || ' shared prompt templates' END,
        CASE WHEN e_signup > 0 THEN burst_15m || ' signups in 15 min' END,
        CASE WHEN e_sync > 0 THEN
            'activity synchronised ' || round(exp(sync), 1) || 'x beyond chance' END,
        CASE WHEN max_card_reuse >= 2 THEN 'shared card x' || max_card_reuse END,
        CASE WHEN max_device_reuse >= 2 THEN 'shared device x' || max_device_reuse END,
        CASE WHEN headless_share >= 0.5 THEN round(100 * headless_share)::INT || '% headless' END,
        CASE WHEN max_phone_block >= 3 THEN 'sequential phones x' || max_phone_block END,
        CASE WHEN shared_ips >= 1 THEN shared_ips || ' shared IPs (max x' || max_ip_reuse || ')' END,
        CASE WHEN cheap_domain_share >= 0.5 THEN
            round(100 * cheap_domain_share)::INT || '% disposable e-mail domains' END,
        CASE WHEN prepaid_share >= 0.5 THEN round(100 * prepaid_share)::INT || '% prepaid cards' END,
        CASE WHEN legit_labels > 0 THEN legit_labels || ' labelled legit' END,
        CASE WHEN coordination < 0.05 THEN 'no coordination beyond chance' END
    ) AS reasons,
    created_first,
    created_last,
    density,
    NULL::BIGINT AS n_bridges,
    NULL::VARCHAR[] AS central_members,
    {
        'coordination': round(coordination, 4),
        'signup': round(signup, 4), 'signup_null': round(signup_mu, 4), 'signup_z': round(signup_z, 2),
        'template': round(template, 4), 'template_null': round(template_mu, 4),
        'template_z': round(template_z, 2),
        'sync_lift': round(exp(sync), 3), 'sync_null_lift': round(exp(sync_mu), 3),
        'sync_z': round(sync_z, 2),
        'e_signup': round(e_signup, 3), 'e_template': round(e_template, 3), 'e_sync': round(e_sync, 3),
        'burst_15m': burst_15m, 'creation_window_hours':
            round((epoch(created_last) - epoch(created_first)) / 3600, 1),
        'shared_card_ratio': round(shared_card_ratio, 3), 'max_card_reuse': max_card_reuse,
        'prepaid_share': round(prepaid_share, 3),
        'device_reuse_ratio': round(device_reuse_ratio, 3), 'max_device_reuse': max_device_reuse,
        'headless_share': round(headless_share, 3),
        'email_pattern_concentration': round(email_pattern_concentration, 3),
        'cheap_domain_share': round(cheap_domain_share, 3),
        'sequential_phone_ratio': round(sequential_phone_ratio, 3),
        'shared_ips': shared_ips, 'shared_prefixes': shared_prefixes,
        'shared_templates': shared_templates,
        'template_concentration': round(template_concentration, 3),
        'requests_per_account': round(requests_per_account, 1),
        'output_tokens_per_account': round(output_tokens_per_account, 1),
        'output_tokens_per_request': round(output_tokens_per_request, 1),
        'requests_per_account_day': round(requests_per_account_day, 2),
        'days_to_first_use': round(days_to_first_use, 2),
        'n_countries': n_countries, 'sample_n': sample_n
    } AS features,
    n_exportable,
    requests,
    input_tokens,
    output_tokens,
    first_activity,
    last_activity,
    fraud_labels,
    legit_labels
FROM scored;
