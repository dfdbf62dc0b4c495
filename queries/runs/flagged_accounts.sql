-- flagged_accounts: how many accounts a ban would take in runs A and B (exportable members of
-- flagged clusters), for the diff summary and the rebuild's anomaly check.
-- Inputs (temp views): old_clusters, new_clusters, old_memberships, new_memberships.
SELECT
    (SELECT count(DISTINCT m.account_id) FROM old_memberships AS m
     JOIN old_clusters AS c ON c.cluster_id = m.cluster_id
     WHERE c.flagged AND m.exportable) AS flagged_a,
    (SELECT count(DISTINCT m.account_id) FROM new_memberships AS m
     JOIN new_clusters AS c ON c.cluster_id = m.cluster_id
     WHERE c.flagged AND m.exportable) AS flagged_b
