-- score_groups: for every cluster, the groups whose coordination is measured.
-- rep 0 is the cluster itself (a hash-ordered sample of at most $sample_size
-- members); reps 1..$replicates are the null model: random groups of the same
-- size drawn from the same strata as the sample, where a stratum is
-- (country, has API activity). A cluster's coordination counts only where it
-- lies far beyond these random groups (the SynchroTrap / CopyCatch question:
-- do members agree far more than chance would make them?).
-- The pool holds only accounts outside every cluster: a campaign that dominates
-- a country would otherwise be its own null model and hide itself. A stratum
-- with fewer than $min_stratum pool accounts falls back to all countries
-- ('*|active' or '*|idle').
-- Inputs: raw_clusters, accounts, u_account. Params: $seed, $sample_size,
-- $replicates, $min_stratum.
CREATE OR REPLACE TEMP TABLE account_strata AS
WITH raw AS (
    SELECT a.account_id,
           a.country AS country,
           CASE WHEN u.requests > 0 THEN 'active' ELSE 'idle' END AS activity,
           a.account_id IN (SELECT account_id FROM raw_clusters) AS clustered
    FROM accounts a LEFT JOIN u_account u USING (account_id)
),
pool_sizes AS (
    SELECT country, activity, count(*) AS n FROM raw WHERE NOT clustered GROUP BY ALL
)
SELECT r.account_id, r.clustered,
       CASE WHEN coalesce(p.n, 0) >= $min_stratum THEN r.country ELSE '*' END
           || '|' || r.activity AS stratum
FROM raw r LEFT JOIN pool_sizes p USING (country, activity);

CREATE OR REPLACE TEMP TABLE null_pool AS
SELECT account_id, stratum,
       row_number() OVER (PARTITION BY stratum ORDER BY hash(account_id, $seed)) - 1 AS pos,
       count(*) OVER (PARTITION BY stratum) AS n_stratum
FROM account_strata
WHERE NOT clustered;

CREATE OR REPLACE TEMP TABLE cluster_sizes AS
SELECT cluster_id, count(*) AS size FROM raw_clusters GROUP BY cluster_id;

CREATE OR REPLACE TEMP TABLE score_groups AS
WITH sample AS (
    SELECT r.cluster_id, r.account_id, s.stratum
    FROM raw_clusters r JOIN account_strata s USING (account_id)
    QUALIFY row_number() OVER (PARTITION BY r.cluster_id ORDER BY hash(r.account_id, $seed))
            <= $sample_size
),
sample_strata AS (
    SELECT cluster_id, stratum, count(*) AS n_s FROM sample GROUP BY cluster_id, stratum
),
draws AS (
    SELECT s.cluster_id, rep.rep, s.stratum, p.n_stratum,
           hash(s.cluster_id, s.stratum, rep.rep, $seed) % p.n_stratum AS offset_pos,
           unnest(range(s.n_s)) AS i
    FROM sample_strata s
    JOIN (SELECT DISTINCT stratum, n_stratum FROM null_pool) p USING (stratum)
    CROSS JOIN range(1, $replicates + 1) AS rep(rep)
)
SELECT cluster_id, 0 AS rep, account_id FROM sample
UNION ALL
SELECT d.cluster_id, d.rep, n.account_id
FROM draws d
JOIN null_pool n ON n.stratum = d.stratum AND n.pos = (d.offset_pos + d.i) % d.n_stratum;
