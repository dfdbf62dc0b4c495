-- raw_clusters: the groups to score, at three levels, with at least
-- $min_cluster_size accounts each:
--   'c<n>'  fine Leiden clusters (numbered by size, largest first);
--   'm<n>'  middle ring candidates and
--   'r<n>'  coarse ring candidates: lower-resolution Leiden communities that
--           fine clusters nest in. A large ring linked sparsely (each account to
--           its nearest neighbours in time) breaks into many fine clusters; the
--           coarser levels put the fragments back together so they are judged
--           with the whole ring's evidence. The middle level holds one operation
--           where rotating proxies tie several into one coarse blob.
-- cluster_rings: each fine cluster's candidates at both coarser levels (the
-- candidate holding most of its members), level 'm' or 'r'.
-- Input: graph_membership(account_id, community, mid, ring) written from igraph.
CREATE OR REPLACE TABLE raw_clusters AS
WITH fine AS (
    SELECT community, count(*) AS size, min(account_id) AS first_account
    FROM graph_membership GROUP BY community HAVING count(*) >= $min_cluster_size
),
middle AS (
    SELECT mid, count(*) AS size, min(account_id) AS first_account
    FROM graph_membership GROUP BY mid HAVING count(*) >= $min_cluster_size
),
coarse AS (
    SELECT ring, count(*) AS size, min(account_id) AS first_account
    FROM graph_membership GROUP BY ring HAVING count(*) >= $min_cluster_size
)
SELECT m.account_id,
       'c' || dense_rank() OVER (ORDER BY f.size DESC, f.first_account)::VARCHAR AS cluster_id
FROM graph_membership m JOIN fine f USING (community)
UNION ALL
SELECT m.account_id,
       'm' || dense_rank() OVER (ORDER BY c.size DESC, c.first_account)::VARCHAR
FROM graph_membership m JOIN middle c USING (mid)
UNION ALL
SELECT m.account_id,
       'r' || dense_rank() OVER (ORDER BY c.size DESC, c.first_account)::VARCHAR
FROM graph_membership m JOIN coarse c USING (ring);

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
