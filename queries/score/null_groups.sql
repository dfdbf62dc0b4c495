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
-- Inputs: group_stats (observed, rep 0), score_samples, account_strata.
-- Params: $seed, $replicates, $min_effect, $signup_target, $template_target, $sync_target.
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

CREATE OR REPLACE TEMP TABLE score_groups AS
WITH sample_strata AS (
    SELECT cluster_id, stratum, count(*) AS n_s
    FROM score_samples
    WHERE cluster_id IN (SELECT cluster_id FROM null_candidates)
    GROUP BY cluster_id, stratum
),
draws AS (
    SELECT s.cluster_id, rep.rep, s.stratum, p.n_stratum,
           hash(s.cluster_id, s.stratum, rep.rep, $seed) % p.n_stratum AS offset_pos,
           unnest(range(s.n_s)) AS i
    FROM sample_strata s
    JOIN (SELECT DISTINCT stratum, n_stratum FROM null_pool) p USING (stratum)
    CROSS JOIN range(1, $replicates + 1) AS rep(rep)
)
SELECT d.cluster_id, d.rep, n.account_id
FROM draws d
JOIN null_pool n ON n.stratum = d.stratum AND n.pos = (d.offset_pos + d.i) % d.n_stratum;
