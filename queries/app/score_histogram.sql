-- Distribution of cluster scores in 20 bins of width 0.05, with the accounts they hold.
-- Input: snapshot table clusters.
SELECT least(floor(score * 20), 19) / 20.0 AS score_bin,
       count(*) AS clusters,
       sum(size) AS accounts
FROM clusters
GROUP BY score_bin
ORDER BY score_bin
