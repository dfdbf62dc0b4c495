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
-- cluster_rings.sql then gives each fine cluster its candidates.
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
