-- unfired_edges: the edges inside fine clusters that nothing flags, for the
-- finer cut of graph/score.py (split_unfired). A fine cluster is "unfired" when
-- its own score and that of every ring candidate it nests in are below
-- $threshold (the score as clusters.sql computes it, analyst labels included):
-- as it stands none of its members can be exported. Vertex ids are
-- dense per call; `cluster` is the fine cluster each vertex starts in.
-- Inputs: raw_clusters, cluster_rings, cluster_coordination, labels, edges.
CREATE OR REPLACE TEMP TABLE unfired_members AS
WITH labelled AS (
    -- the score of clusters.sql: coordination raised by the share f of members
    -- labelled fraud, + (1 - coordination) * min(1, 2 f)
    SELECT r.cluster_id, count(*) AS size,
           count(*) FILTER (WHERE l.label = 'fraud') AS fraud_labels
    FROM raw_clusters r LEFT JOIN labels l USING (account_id)
    GROUP BY r.cluster_id
),
level_score AS (
    SELECT b.cluster_id,
           coalesce(c.coordination, 0)
               + (1 - coalesce(c.coordination, 0)) * least(1.0, 2.0 * b.fraud_labels / b.size)
               AS coordination
    FROM labelled b LEFT JOIN cluster_coordination c USING (cluster_id)
),
unfired AS (
    SELECT f.cluster_id
    FROM (SELECT DISTINCT cluster_id FROM raw_clusters WHERE starts_with(cluster_id, 'c')) f
    LEFT JOIN level_score s USING (cluster_id)
    WHERE coalesce(s.coordination, 0) < $threshold
      AND NOT EXISTS (
          SELECT 1 FROM cluster_rings r JOIN level_score rs ON rs.cluster_id = r.ring_id
          WHERE r.cluster_id = f.cluster_id AND rs.coordination >= $threshold
      )
)
SELECT r.account_id, r.cluster_id,
       (row_number() OVER (ORDER BY r.cluster_id, r.account_id) - 1)::BIGINT AS vid,
       (dense_rank() OVER (ORDER BY r.cluster_id) - 1)::BIGINT AS start
FROM raw_clusters r SEMI JOIN unfired u USING (cluster_id);

CREATE OR REPLACE TEMP TABLE unfired_edges AS
SELECT s.vid AS s, d.vid AS d, e.weight
FROM edges e
JOIN unfired_members s ON s.account_id = e.src
JOIN unfired_members d ON d.account_id = e.dst AND d.cluster_id = s.cluster_id
ORDER BY s.vid, d.vid;
