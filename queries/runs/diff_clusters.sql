-- diff_clusters: how the clusters of run A became those of run B, as temp tables diff_persisted,
-- diff_merged, diff_split, diff_new, diff_dissolved. Ids are stable, so a cluster id present in
-- both runs is the same cluster (grown, shrunk or unchanged). A merge: at least two A clusters
-- each sent most (>= half, and at least 2) of their members into one B cluster. A split: at least
-- two B clusters each drew most of their members from one A cluster. A new B id that is neither
-- is new; an A id that is gone and neither merged nor split is dissolved.
-- Inputs (temp views): old_clusters, new_clusters, old_memberships, new_memberships,
--   group_overlap (runs/group_overlap bound to cluster ids).
CREATE OR REPLACE TEMP TABLE diff_persisted AS
WITH old_members AS (
    SELECT DISTINCT cluster_id, account_id FROM old_memberships
),
new_members AS (
    SELECT DISTINCT cluster_id, account_id FROM new_memberships
),
both_ids AS (
    SELECT cluster_id FROM old_clusters INTERSECT SELECT cluster_id FROM new_clusters
),
size_a AS (SELECT cluster_id, count(*) AS size_a FROM old_members GROUP BY cluster_id),
size_b AS (SELECT cluster_id, count(*) AS size_b FROM new_members GROUP BY cluster_id),
joined AS (
    SELECT n.cluster_id, count(*) AS joined
    FROM new_members AS n
    ANTI JOIN old_members AS o ON o.cluster_id = n.cluster_id AND o.account_id = n.account_id
    GROUP BY n.cluster_id
),
sizes AS (
    SELECT
        b.cluster_id,
        coalesce(sa.size_a, 0) AS size_a,
        coalesce(sb.size_b, 0) AS size_b,
        coalesce(j.joined, 0) AS joined
    FROM both_ids AS b
    LEFT JOIN size_a AS sa USING (cluster_id)
    LEFT JOIN size_b AS sb USING (cluster_id)
    LEFT JOIN joined AS j USING (cluster_id)
)
SELECT
    s.cluster_id,
    s.size_a,
    s.size_b,
    s.joined,
    s.size_a - (s.size_b - s.joined) AS left_cluster,
    oc.flagged AS flagged_a,
    nc.flagged AS flagged_b,
    oc.score AS score_a,
    nc.score AS score_b,
    CASE WHEN s.size_b > s.size_a THEN 'grown'
         WHEN s.size_b < s.size_a THEN 'shrunk'
         ELSE 'unchanged' END AS change
FROM sizes AS s
JOIN old_clusters AS oc USING (cluster_id)
JOIN new_clusters AS nc USING (cluster_id);

CREATE OR REPLACE TEMP TABLE diff_merged AS
SELECT new_id AS cluster_id, list(old_id ORDER BY old_id) AS previous_ids, any_value(n_new) AS size_b
FROM group_overlap
WHERE old_share >= 0.5 AND inter >= 2
GROUP BY new_id
HAVING count(*) >= 2;

CREATE OR REPLACE TEMP TABLE diff_split AS
WITH main_source AS (
    SELECT new_id, old_id, n_old
    FROM group_overlap
    WHERE new_share >= 0.5 AND inter >= 2
    QUALIFY row_number() OVER (PARTITION BY new_id ORDER BY inter DESC, old_id) = 1
)
SELECT old_id AS cluster_id, list(new_id ORDER BY new_id) AS into_ids, any_value(n_old) AS size_a
FROM main_source
GROUP BY old_id
HAVING count(*) >= 2;

CREATE OR REPLACE TEMP TABLE diff_new AS
SELECT n.cluster_id, n.size, n.score, n.flagged
FROM new_clusters AS n
WHERE n.cluster_id NOT IN (SELECT cluster_id FROM old_clusters)
  AND n.cluster_id NOT IN (SELECT cluster_id FROM diff_merged)
  AND n.cluster_id NOT IN (SELECT unnest(into_ids) FROM diff_split);

CREATE OR REPLACE TEMP TABLE diff_dissolved AS
SELECT o.cluster_id, o.size AS size_a, o.score AS score_a, o.flagged AS flagged_a
FROM old_clusters AS o
WHERE o.cluster_id NOT IN (SELECT cluster_id FROM new_clusters)
  AND o.cluster_id NOT IN (SELECT unnest(previous_ids) FROM diff_merged)
  AND o.cluster_id NOT IN (SELECT cluster_id FROM diff_split);
