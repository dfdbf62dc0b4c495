-- null_groups: the null model, random groups of the same size drawn from the
-- same strata as each observed sample (reps 1..$replicates). A group's
-- coordination counts only where it lies far beyond these random groups (the
-- SynchroTrap / CopyCatch question: do members agree far more than chance would
-- make them?).
-- Random groups are drawn only for observed groups that could still fire two
-- statistics. A statistic d fires only with evidence (obs_d - null_mean_d) / target_d
-- >= $min_effect, and every statistic is >= 0, so a group whose observed value is
-- below $min_effect * target_d cannot fire d whatever its null says; one that cannot
-- fire two scores 0 (cluster_coordination). Skipping their null groups changes no
-- score and saves most of the work: most clusters are households and teams with
-- no coordination at all.
-- Inputs: group_stats (observed, rep 0), score_samples, account_strata, accounts,
-- raw_clusters, institution_accounts (orgs.sql).
-- Params: $seed, $replicates, $institution_min_share, $institution_max_cover, $min_effect, $signup_target, $template_target, $sync_target.
CREATE OR REPLACE TEMP TABLE null_candidates AS
SELECT cluster_id
FROM group_stats
WHERE rep = 0
  AND (signup > 0 AND signup >= $min_effect * $signup_target)::INT
      + (template > 0 AND template >= $min_effect * $template_target)::INT
      + (sync > 0 AND sync >= $min_effect * $sync_target)::INT >= 2;

CREATE OR REPLACE TEMP TABLE null_pool AS
SELECT account_id, stratum,
       row_number() OVER (PARTITION BY stratum ORDER BY hash(account_id, $seed)) - 1 AS pos,
       count(*) OVER (PARTITION BY stratum) AS n_stratum
FROM account_strata
WHERE NOT clustered;

-- Institutions: a group with at least $institution_min_share of its members on
-- one e-mail domain under an institutional suffix (institution_domains: .edu,
-- .ac.uk, ...; only schools can register those) is one institution's cohort, its
-- other members mostly its people on personal addresses. Course templates,
-- term-start signups and class hours are shared institution wide, so its random
-- groups come from the institution's other accounts, clustered or not, with the
-- same activity mix: does the group agree beyond its institution? A campaign
-- cannot fill that pool with its own accounts (it cannot register the domain),
-- and a few bought student addresses do not make a group institutional. Where
-- the institution's accounts outside the group are fewer than the sample, the
-- group is most of its institution and its random groups come from all of it,
-- the group included: a group that is its institution does not agree beyond it.
-- But a group holding more than $institution_max_cover of the domain's accounts
-- keeps its country strata: a "school" that a group is nearly all of may be
-- student addresses a campaign bought (they are sold), and its own null would
-- hide it.
-- An institution's people (institution_accounts, orgs.sql) are its domain's
-- accounts and those who signed up from its campus network on personal addresses.
-- Measured (foreign population, docs/scoring.md section 3): campus false
-- positives 273 -> 7 (seed 7), 192 -> 51-53 (seed 11); a member-level variant
-- (students get institution stand-ins, the others strangers) gave 39 and 90.
-- With the campus network: seed 11 53 -> 0, seed 13 90 -> 0, seed 7 unchanged.

-- group_institution: each institutional group's domain, and whether the group
-- is most of its institution (whole_institution: fewer accounts outside it than
-- its sample); institution_members: the sampled members whose random stand-ins
-- come from that institution (all of the group's sample).
CREATE OR REPLACE TEMP TABLE group_institution AS
WITH held AS (
    SELECT r.cluster_id, i.domain, count(*) AS k
    FROM raw_clusters r JOIN institution_accounts i USING (account_id)
    WHERE r.cluster_id IN (SELECT cluster_id FROM null_candidates)
    GROUP BY ALL
),
sizes AS (
    SELECT cluster_id, count(*) AS n FROM raw_clusters
    WHERE cluster_id IN (SELECT cluster_id FROM held) GROUP BY cluster_id
),
sampled AS (
    SELECT cluster_id, count(*) AS n_s FROM score_samples
    WHERE cluster_id IN (SELECT cluster_id FROM held) GROUP BY cluster_id
),
holders AS (SELECT domain, count(*) AS n_holders FROM institution_accounts GROUP BY domain)
SELECT h.cluster_id, h.domain, o.n_holders - h.k < m.n_s AS whole_institution
FROM held h JOIN sizes s USING (cluster_id) JOIN sampled m USING (cluster_id)
JOIN holders o USING (domain)
WHERE h.k >= $institution_min_share * s.n
  AND h.k <= $institution_max_cover * o.n_holders
QUALIFY row_number() OVER (PARTITION BY h.cluster_id ORDER BY h.k DESC, h.domain) = 1;

CREATE OR REPLACE TEMP TABLE institution_members AS
SELECT s.cluster_id, s.account_id, g.domain, split_part(s.stratum, '|', 2) AS activity
FROM score_samples s JOIN group_institution g USING (cluster_id);

CREATE OR REPLACE TEMP TABLE institution_pool AS
SELECT g.cluster_id, g.domain, i.activity, i.account_id,
       row_number() OVER (PARTITION BY g.cluster_id, g.domain, i.activity
                          ORDER BY hash(i.account_id, $seed)) - 1 AS pos,
       count(*) OVER (PARTITION BY g.cluster_id, g.domain, i.activity) AS n_pool,
       row_number() OVER (PARTITION BY g.cluster_id, g.domain
                          ORDER BY hash(i.account_id, $seed)) - 1 AS any_pos,
       count(*) OVER (PARTITION BY g.cluster_id, g.domain) AS n_any
FROM group_institution g
JOIN institution_accounts i ON i.domain = g.domain
WHERE g.whole_institution OR NOT EXISTS (
    SELECT 1 FROM raw_clusters r WHERE r.cluster_id = g.cluster_id AND r.account_id = i.account_id
);

CREATE OR REPLACE TEMP TABLE score_groups AS
WITH sample_strata AS (
    SELECT cluster_id, stratum, count(*) AS n_s
    FROM score_samples s
    WHERE cluster_id IN (SELECT cluster_id FROM null_candidates)
      AND NOT EXISTS (
          SELECT 1 FROM institution_members m
          WHERE m.cluster_id = s.cluster_id AND m.account_id = s.account_id
      )
    GROUP BY cluster_id, stratum
),
draws AS (
    SELECT s.cluster_id, rep.rep, s.stratum, p.n_stratum,
           hash(s.cluster_id, s.stratum, rep.rep, $seed) % p.n_stratum AS offset_pos,
           unnest(range(s.n_s)) AS i
    FROM sample_strata s
    JOIN (SELECT DISTINCT stratum, n_stratum FROM null_pool) p USING (stratum)
    CROSS JOIN range(1, $replicates + 1) AS rep(rep)
),
-- institution groups: random members of the same activity from the
-- institution's pool; an activity the pool lacks takes any of its accounts
inst_strata AS (
    SELECT cluster_id, domain, activity, count(*) AS n_s
    FROM institution_members GROUP BY ALL
),
inst_draws AS (
    SELECT s.cluster_id, s.domain, rep.rep, p.n_pool IS NOT NULL AS same_activity, s.activity,
           coalesce(p.n_pool, t.n_any) AS n_pool,
           hash(s.cluster_id, s.domain, s.activity, rep.rep, $seed) % coalesce(p.n_pool, t.n_any)
               AS offset_pos,
           unnest(range(s.n_s)) AS i
    FROM inst_strata s
    LEFT JOIN (SELECT DISTINCT cluster_id, domain, activity, n_pool FROM institution_pool) p
        USING (cluster_id, domain, activity)
    JOIN (SELECT DISTINCT cluster_id, domain, n_any FROM institution_pool) t USING (cluster_id, domain)
    CROSS JOIN range(1, $replicates + 1) AS rep(rep)
)
SELECT d.cluster_id, d.rep, n.account_id
FROM draws d
JOIN null_pool n ON n.stratum = d.stratum AND n.pos = (d.offset_pos + d.i) % d.n_stratum
UNION ALL
SELECT d.cluster_id, d.rep, p.account_id
FROM inst_draws d
JOIN institution_pool p
    ON p.cluster_id = d.cluster_id AND p.domain = d.domain AND p.activity = d.activity
   AND p.pos = (d.offset_pos + d.i) % d.n_pool
WHERE d.same_activity
UNION ALL
SELECT d.cluster_id, d.rep, p.account_id
FROM inst_draws d
JOIN institution_pool p
    ON p.cluster_id = d.cluster_id AND p.domain = d.domain
   AND p.any_pos = (d.offset_pos + d.i) % d.n_pool
WHERE NOT d.same_activity;
