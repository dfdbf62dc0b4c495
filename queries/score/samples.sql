-- samples: for every group (fine cluster 'c..' or ring candidate 'r..'), the
-- members whose coordination is measured: a hash-ordered sample of at most
-- $sample_size members, stored as rep 0 of score_groups. group_stats then
-- measures these observed groups first; null_groups draws random groups only
-- for those that could still fire (see there). Strata come from strata.sql.
-- Inputs: raw_clusters, account_strata, org_accounts, institution_accounts, u_template,
-- value_stats.
-- Params: $seed, $sample_size.
-- One voice per organisation (orgs.sql): colleagues agree through their
-- employer, and only agreement between independent parties counts. So does an
-- institution's people where they are under $institution_min_share of the
-- group (a group mostly of one institution is compared with it instead:
-- null_groups.sql).
CREATE OR REPLACE TEMP TABLE score_samples AS
WITH members AS (
    SELECT r.cluster_id, r.account_id, s.stratum, o.org, i.domain AS institution,
           count(*) OVER (PARTITION BY r.cluster_id) AS n,
           count(i.domain) OVER (PARTITION BY r.cluster_id, i.domain) AS n_institution
    FROM raw_clusters r JOIN account_strata s USING (account_id)
    LEFT JOIN org_accounts o USING (account_id)
    LEFT JOIN institution_accounts i USING (account_id)
),
voices AS (
    SELECT cluster_id, account_id, stratum,
           coalesce(
               org,
               CASE WHEN n_institution < $institution_min_share * n THEN 'institution:' || institution END
           ) AS voice
    FROM members
    QUALIFY voice IS NULL
         OR row_number() OVER (PARTITION BY cluster_id, voice ORDER BY hash(account_id, $seed)) = 1
)
SELECT cluster_id, account_id, stratum
FROM voices
QUALIFY row_number() OVER (PARTITION BY cluster_id ORDER BY hash(account_id, $seed))
        <= $sample_size;

CREATE OR REPLACE TEMP TABLE score_groups AS
SELECT cluster_id, 0 AS rep, account_id FROM score_samples;

-- templates with their population share; "specific" ones are not hubs (value_stats)
CREATE OR REPLACE TEMP TABLE u_template_specific AS
SELECT t.account_id, t.template, t.requests, coalesce(v.weight > 0, false) AS specific,
       coalesce(v.n_accounts, 1)::DOUBLE
           / (SELECT count(DISTINCT account_id) FROM u_template) AS global_share
FROM u_template t
LEFT JOIN value_stats v ON v.kind = 'template' AND v.value = t.template;

CREATE OR REPLACE TEMP TABLE group_stats (
    cluster_id VARCHAR, rep INTEGER, n BIGINT, signup DOUBLE, template DOUBLE, sync DOUBLE
);
