-- cluster_rings: each fine cluster's candidates at both coarser levels (the
-- candidate holding most of its members), level 'm' or 'r'. Run after
-- raw_clusters.sql, and again after a finer cut renames fine clusters
-- (queries/score/split_clusters.sql).
-- Input: raw_clusters.
CREATE OR REPLACE TEMP TABLE cluster_rings AS
SELECT cluster_id, level, arg_max(ring_id, n) AS ring_id
FROM (
    SELECT f.cluster_id, left(r.cluster_id, 1) AS level, r.cluster_id AS ring_id, count(*) AS n
    FROM raw_clusters f
    JOIN raw_clusters r ON r.account_id = f.account_id AND NOT starts_with(r.cluster_id, 'c')
    WHERE starts_with(f.cluster_id, 'c')
    GROUP BY f.cluster_id, r.cluster_id
)
GROUP BY cluster_id, level;
