-- split_clusters: replace each unfired fine cluster by the parts the finer cut
-- found in it (split_parts(vid, part), written by graph/score.py). A part with at
-- least $min_cluster_size members becomes a fine cluster '<cluster>.<k>'; the
-- members of smaller parts stay together under the original id when they are
-- enough, else they leave the clusters. Ring candidates are left as they were;
-- graph/score.py then rebuilds cluster_rings (graph/cluster_rings.sql) for the
-- new fine ids: a part nests in the candidates that hold most of its own
-- members, which for a ring fragment cut out of a mixed cluster is its ring's.
-- Inputs: unfired_members, split_parts, raw_clusters.
CREATE OR REPLACE TEMP TABLE split_assign AS
WITH parts AS (
    SELECT u.account_id, u.cluster_id, p.part,
           count(*) OVER (PARTITION BY u.cluster_id, p.part) AS part_size
    FROM unfired_members u JOIN split_parts p USING (vid)
),
named AS (
    SELECT account_id, cluster_id,
           CASE WHEN part_size >= $min_cluster_size
                THEN cluster_id || '.' || dense_rank() OVER (
                    PARTITION BY cluster_id, part_size >= $min_cluster_size
                    ORDER BY part_size DESC, part)::VARCHAR
           END AS new_id
    FROM parts
)
SELECT account_id, cluster_id,
       coalesce(new_id, CASE WHEN count(*) FILTER (WHERE new_id IS NULL)
                                  OVER (PARTITION BY cluster_id) >= $min_cluster_size
                             THEN cluster_id END) AS new_id
FROM named;

DELETE FROM raw_clusters WHERE cluster_id IN (SELECT DISTINCT cluster_id FROM split_assign);

INSERT INTO raw_clusters
SELECT account_id, new_id FROM split_assign WHERE new_id IS NOT NULL;
