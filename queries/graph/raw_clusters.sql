-- raw_clusters: Leiden communities with at least $min_cluster_size accounts,
-- numbered by size (largest first) with provisional ids c1, c2, ...
-- Input: raw_membership(account_id, community) written from igraph.
CREATE OR REPLACE TABLE raw_clusters AS
WITH sized AS (
    SELECT community, count(*) AS size, min(account_id) AS first_account
    FROM raw_membership
    GROUP BY community
    HAVING count(*) >= $min_cluster_size
)
SELECT m.account_id,
       'c' || dense_rank() OVER (ORDER BY s.size DESC, s.first_account)::VARCHAR AS cluster_id
FROM raw_membership m
JOIN sized s USING (community);
