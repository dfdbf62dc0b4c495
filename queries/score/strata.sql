-- strata: each account's stratum (country, has API activity) for the null model,
-- and whether it is clustered. The pool of random accounts holds only accounts
-- outside every cluster: a campaign that dominates a country would otherwise be
-- its own null model and hide itself. A stratum with fewer than $min_stratum
-- pool accounts falls back to all countries ('*|active' or '*|idle').
-- Computed once per rebuild, before any finer cut of clusters (graph/score.py):
-- accounts a cut leaves outside every part stay out of the pool.
-- Inputs: raw_clusters, accounts, u_account. Params: $min_stratum.
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

