-- diff_joined_flagged: the bulk-ban delta: accounts that joined a cluster that was already
-- flagged in run A and still is in run B (same stable id), with the cluster they were in
-- before (if any).
-- Inputs (temp views): old_clusters, new_clusters, old_memberships, new_memberships.
SELECT
    n.account_id,
    n.cluster_id,
    n.strength,
    n.exportable,
    prev.cluster_id AS previous_cluster_id
FROM new_memberships AS n
JOIN new_clusters AS nc ON nc.cluster_id = n.cluster_id AND nc.flagged
JOIN old_clusters AS oc ON oc.cluster_id = n.cluster_id AND oc.flagged
LEFT JOIN (
    SELECT account_id, min(cluster_id) AS cluster_id FROM old_memberships GROUP BY account_id
) AS prev ON prev.account_id = n.account_id
ANTI JOIN old_memberships AS o ON o.cluster_id = n.cluster_id AND o.account_id = n.account_id
ORDER BY n.cluster_id, n.account_id
