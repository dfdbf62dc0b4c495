-- samples: for every group (fine cluster 'c..' or ring candidate 'r..'), the
-- members whose coordination is measured: a hash-ordered sample of at most
-- $sample_size members, stored as rep 0 of score_groups. group_stats then
-- measures these observed groups first; null_groups draws random groups only
-- for those that could still fire (see there). Strata come from strata.sql.
-- Inputs: raw_clusters, account_strata, org_accounts, institution_accounts, u_template,
-- value_stats.
-- Params: $seed, $sample_size.
-- One voice per organisation (orgs.sql): colleagues agree through their
-- employer, and only agreement between independent parties counts. So do an
-- institution's people, in every group: a class signs up at term start, runs
-- its assignments' prompts and works to the same deadlines, which its course
-- explains (a class of 200 at a school of 450 agreed far beyond the school's
-- other students, so comparing a group with its institution, null_groups.sql,
-- did not clear it: docs/scoring.md section 3). A campaign cannot register an
-- institutional domain; a few bought student addresses from many schools are
-- still many voices. Not even a group that is nearly all of a small school
-- keeps its voices: the fourth generator's small universities (236 students,
-- classes of up to 200) were exported that way, 163 accounts, while no
-- population has shown a campaign on one school's addresses.
CREATE OR REPLACE TEMP TABLE score_samples AS
WITH members AS (
    SELECT r.cluster_id, r.account_id, s.stratum, o.org, i.domain AS institution
    FROM raw_clusters r JOIN account_strata s USING (account_id)
    LEFT JOIN org_accounts o USING (account_id)
    LEFT JOIN institution_accounts i USING (account_id)
),
voices AS (
    SELECT cluster_id, account_id, stratum,
           coalesce(org, 'institution:' || institution) AS voice
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

-- templates with their population share; "specific" ones are not hubs (value_stats).
-- u_template gains the two columns in place and u_template_specific is a view of
-- it: as a second table it held another 23M rows at 2M accounts, and the memory
-- they took made the scoring statements after it spill to disk. (Scoring runs
-- this file again after splitting clusters: the columns are then replaced.)
CREATE OR REPLACE TEMP TABLE u_template AS
SELECT t.*, coalesce(v.weight > 0, false) AS specific,
       coalesce(v.n_accounts, 1)::DOUBLE
           / (SELECT count(DISTINCT account_id) FROM u_template) AS global_share
FROM (SELECT COLUMNS(lambda c: c NOT IN ('specific', 'global_share')) FROM u_template) t
LEFT JOIN value_stats v ON v.kind = 'template' AND v.value = t.template;

CREATE OR REPLACE TEMP VIEW u_template_specific AS
SELECT account_id, template, requests, specific, global_share FROM u_template;

CREATE OR REPLACE TEMP TABLE group_stats (
    cluster_id VARCHAR, rep INTEGER, n BIGINT, signup DOUBLE, template DOUBLE, sync DOUBLE
);
-- the templates each observed group uses in lockstep (group_stats.sql)
CREATE OR REPLACE TEMP TABLE group_lockstep (cluster_id VARCHAR, template VARCHAR);
