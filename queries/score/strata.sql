-- strata: each account's stratum for the null model, and whether it is
-- clustered. A stratum is (country, has API activity), and with $cohort_days > 0
-- (off by default: docs/scoring.md section 3) also the signup cohort: random
-- groups come from the same countries (time zones, local habits) and from
-- accounts created in the same $cohort_days-day span. Accounts that sign up together are active together afterwards, so a
-- launch day or a term start gives its members co-activity and signup batches
-- that strangers from other weeks do not have: measured against their own
-- cohort, those say nothing. A cohort stratum with fewer than $min_stratum pool
-- accounts falls back to (country, activity), then to (all countries, activity,
-- cohort), then to (all countries, activity).
-- The pool of random accounts holds only accounts outside every cluster: a
-- campaign that dominates a country would otherwise be its own null model and
-- hide itself.
-- Computed once per rebuild, before any finer cut of clusters (graph/score.py):
-- accounts a cut leaves outside every part stay out of the pool.
-- Inputs: raw_clusters, accounts, u_account. Params: $min_stratum, $cohort_days.
CREATE OR REPLACE TEMP TABLE account_strata AS
WITH raw AS (
    SELECT a.account_id,
           coalesce(a.country, '*') AS country,  -- unknown: any country
           CASE WHEN u.requests > 0 THEN 'active' ELSE 'idle' END AS activity,
           CASE WHEN $cohort_days > 0 AND a.created_at IS NOT NULL
                THEN CAST(floor(epoch(a.created_at) / (86400.0 * $cohort_days)) AS BIGINT)
           END AS cohort,
           a.account_id IN (SELECT account_id FROM raw_clusters) AS clustered
    FROM accounts a LEFT JOIN u_account u USING (account_id)
),
pool AS (
    SELECT * FROM raw WHERE NOT clustered
),
by_cohort AS (SELECT country, activity, cohort, count(*) AS n FROM pool GROUP BY ALL),
by_country AS (SELECT country, activity, count(*) AS n FROM pool GROUP BY ALL),
by_cohort_only AS (SELECT activity, cohort, count(*) AS n FROM pool GROUP BY ALL)
SELECT r.account_id, r.clustered,
       CASE
           WHEN r.cohort IS NOT NULL AND coalesce(c.n, 0) >= $min_stratum
               THEN r.country || '|' || r.activity || '|' || r.cohort
           WHEN coalesce(k.n, 0) >= $min_stratum THEN r.country || '|' || r.activity
           WHEN r.cohort IS NOT NULL AND coalesce(o.n, 0) >= $min_stratum
               THEN '*|' || r.activity || '|' || r.cohort
           ELSE '*|' || r.activity
       END AS stratum
FROM raw r
LEFT JOIN by_cohort c
    ON c.country = r.country AND c.activity = r.activity
   AND c.cohort IS NOT DISTINCT FROM r.cohort
LEFT JOIN by_country k ON k.country = r.country AND k.activity = r.activity
LEFT JOIN by_cohort_only o ON o.activity = r.activity AND o.cohort IS NOT DISTINCT FROM r.cohort;
