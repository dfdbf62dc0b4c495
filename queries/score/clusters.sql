-- group_scores / group_members: every scored group (fine clusters 'c..' and the
-- coarse ring candidates 'r..' they nest in) with its score, reasons, features,
-- and each member's strength.
-- score = coordination raised by analyst labels: with a share f of members
-- labelled fraud, score + (1 - score) * min(1, 2 f).
-- Reasons put the strongest evidence first, in words an analyst can check
-- ("shared card x14; 62 signups in 15 min; ...").
-- Inputs: cluster_features, cluster_coordination, member_strength, labels, raw_clusters,
--         cluster_rings, group_institution (null_groups.sql: the institution whose
--         accounts a group was compared with, features.null_institution).
CREATE OR REPLACE TEMP TABLE group_members AS
SELECT m.account_id, m.cluster_id, NULL::VARCHAR AS campaign_id,
       m.strength,
       {'attach': round(m.attach, 3), 'lock': round(m.lock, 3), 'in_burst': m.in_burst,
        'template_shared': round(m.template_shared, 3), 'sync_lift': round(m.sync_lift, 2),
        'agree_signup': round(m.rel_signup, 3), 'agree_template': round(m.rel_template, 3),
        'agree_sync': round(m.rel_sync, 3), 'random_in_burst': round(m.burst_null, 3),
        'random_sync_lift': round(exp(m.sync_base), 2)}
           AS why,
       l.label
FROM member_strength m
LEFT JOIN labels l USING (account_id);

CREATE OR REPLACE TEMP TABLE group_scores AS
WITH lab AS (
    SELECT cluster_id,
           count(*) FILTER (WHERE label = 'fraud') AS fraud_labels,
           count(*) FILTER (WHERE label = 'legit') AS legit_labels
    FROM group_members GROUP BY cluster_id
),
scored AS (
    SELECT f.*, c.* EXCLUDE (cluster_id), l.fraud_labels, l.legit_labels,
           c.coordination + (1 - c.coordination)
               * least(1.0, 2.0 * l.fraud_labels / f.size) AS score,
           i.domain AS null_institution
    FROM cluster_features f
    JOIN cluster_coordination c USING (cluster_id)
    JOIN lab l USING (cluster_id)
    LEFT JOIN group_institution i USING (cluster_id)
)
SELECT
    cluster_id,
    NULL::VARCHAR AS campaign_id,
    size,
    score,
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
        'formed_signup': round(formed_signup, 3), 'formed_template': round(formed_template, 3),
        'formed_sync': round(formed_sync, 3),
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
        'n_countries': n_countries, 'sample_n': sample_n,
        'null_institution': null_institution,
        -- the other users of its templates (community_nulls.sql), where it was compared with them
        'template_community_null': round(c_template_mu, 4),
        'sync_community_lift': round(exp(c_sync_mu), 3)
    } AS features,
    requests,
    input_tokens,
    output_tokens,
    first_activity,
    last_activity,
    fraud_labels,
    legit_labels
FROM scored;

-- cluster_levels: each fine cluster's scored levels: itself ('c') and its middle
-- ('m') and coarse ('r') ring candidates, with their scores.
CREATE OR REPLACE TEMP TABLE cluster_levels AS
SELECT cluster_id, cluster_id AS group_id, 'c' AS level, score
FROM group_scores WHERE starts_with(cluster_id, 'c')
UNION ALL
SELECT cr.cluster_id, cr.ring_id, cr.level, g.score
FROM cluster_rings cr JOIN group_scores g ON g.cluster_id = cr.ring_id;

-- best_ring: each fine cluster's ring candidate that scored highest (the coarse
-- one on a tie).
CREATE OR REPLACE TEMP TABLE best_ring AS
SELECT cluster_id, arg_max(group_id, score + (level = 'r')::INT * 1e-9) AS ring_id
FROM cluster_levels WHERE level <> 'c'
GROUP BY cluster_id;

-- clusters / memberships: the published fine clusters. A cluster's score is the
-- stronger of its own and its best ring candidate's: a fragment of a large ring is
-- judged with the whole ring's coordination evidence. Each member's strength is
-- its agreement with a level that is flagged (score >= $threshold: the cluster,
-- its middle or its coarse ring candidate), the strongest when several are: a
-- ring member whose own fragment is too small to show its timing still agrees
-- with the ring, and an account in a flagged tight cluster is judged against
-- that cluster. With no level flagged, the level that scored highest (the
-- cluster itself on a tie). A member is exportable when its strength >=
-- $min_strength and it is not labelled legit.
CREATE OR REPLACE TABLE memberships AS
WITH member_levels AS (
    SELECT m.account_id, m.cluster_id, m.label, l.score, (l.level = 'c')::INT AS own,
           gm.strength, gm.why
    FROM group_members m
    JOIN cluster_levels l ON l.cluster_id = m.cluster_id
    JOIN group_members gm ON gm.cluster_id = l.group_id AND gm.account_id = m.account_id
),
pick AS (
    SELECT account_id, cluster_id, any_value(label) AS label,
           coalesce(max(strength) FILTER (WHERE score >= $threshold),
                    arg_max(strength, score + own * 1e-9)) AS best,
           coalesce(arg_max(why, strength) FILTER (WHERE score >= $threshold),
                    arg_max(why, score + own * 1e-9)) AS why
    FROM member_levels
    GROUP BY account_id, cluster_id
)
SELECT account_id, cluster_id, NULL::VARCHAR AS campaign_id, round(best, 4) AS strength,
       best >= $min_strength AND coalesce(label, '') <> 'legit' AS exportable, why, label
FROM pick;

CREATE OR REPLACE TABLE clusters AS
WITH exportable AS (
    SELECT cluster_id, count(*) FILTER (WHERE exportable) AS n_exportable
    FROM memberships GROUP BY cluster_id
)
SELECT c.* EXCLUDE (score, reasons, features),
       round(greatest(c.score, coalesce(r.score, 0)), 4) AS score,
       greatest(c.score, coalesce(r.score, 0)) >= $threshold AS flagged,
       CASE WHEN coalesce(r.score, 0) > c.score
            THEN 'ring of ' || r.size || ' accounts: ' || r.reasons
            ELSE c.reasons END AS reasons,
       to_json(struct_insert(c.features, ring_id := cr.ring_id,
               ring_size := r.size, ring_score := round(r.score, 4),
               ring_features := r.features)) AS features,
       e.n_exportable
FROM group_scores c
JOIN exportable e USING (cluster_id)
LEFT JOIN best_ring cr USING (cluster_id)
LEFT JOIN group_scores r ON r.cluster_id = cr.ring_id
WHERE starts_with(c.cluster_id, 'c');
