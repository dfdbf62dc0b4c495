-- campaign_links: pairs of flagged clusters that share infrastructure or behaviour.
-- A value is "campaign-specific" when most of the accounts showing it are
-- exportable members of flagged clusters (a proxy IP, a prepaid card, a device
-- farm, a distillation template, a phone block), not a popular or public value.
-- Two flagged clusters are linked when the specific values they share cover at
-- least $min_similarity of the smaller cluster's specific values (overlap
-- coefficient). Flagged fragments of one ring candidate are linked too.
-- Connected components of these links are campaigns.
-- Inputs: memberships, clusters, evidence, value_stats. Param: $min_similarity.
CREATE OR REPLACE TEMP TABLE campaign_links AS
WITH flagged_members AS (
    SELECT m.account_id, m.cluster_id
    FROM memberships m JOIN clusters c USING (cluster_id)
    WHERE c.flagged AND m.exportable
),
value_use AS (
    SELECT e.kind, e.value, f.cluster_id, count(*) AS n
    FROM evidence e JOIN flagged_members f USING (account_id)
    WHERE e.kind IN ('card', 'device', 'ip', 'ip_prefix', 'template', 'phone_block',
                     'email_pattern', 'sync')
    GROUP BY e.kind, e.value, f.cluster_id
),
specific AS (
    SELECT u.kind, u.value, u.cluster_id
    FROM value_use u
    JOIN value_stats v ON v.kind = u.kind AND v.value = u.value
    JOIN (SELECT kind, value, sum(n) AS flagged_n FROM value_use GROUP BY kind, value) t
      ON t.kind = u.kind AND t.value = u.value
    WHERE t.flagged_n >= 0.5 * v.n_accounts
),
per_cluster AS (
    SELECT cluster_id, count(*) AS n_specific FROM specific GROUP BY cluster_id
),
shared AS (
    SELECT a.cluster_id AS a, b.cluster_id AS b, count(*) AS n_shared
    FROM specific a
    JOIN specific b ON a.kind = b.kind AND a.value = b.value AND a.cluster_id < b.cluster_id
    GROUP BY a.cluster_id, b.cluster_id
)
SELECT s.a, s.b, s.n_shared,
       s.n_shared::DOUBLE / least(pa.n_specific, pb.n_specific) AS similarity
FROM shared s
JOIN per_cluster pa ON pa.cluster_id = s.a
JOIN per_cluster pb ON pb.cluster_id = s.b
WHERE s.n_shared::DOUBLE / least(pa.n_specific, pb.n_specific) >= $min_similarity
UNION ALL
-- flagged fragments of one ring candidate belong to one campaign
SELECT min(cluster_id) OVER (PARTITION BY ring_id), cluster_id, 0, 1.0
FROM cluster_rings JOIN clusters USING (cluster_id)
WHERE flagged AND cluster_rings.level = 'r'
QUALIFY cluster_id <> min(cluster_id) OVER (PARTITION BY ring_id);
