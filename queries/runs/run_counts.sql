-- run_counts: headline counts of a finished snapshot for run_info and the rebuild summary.
-- Inputs: accounts, clusters, campaigns, memberships, labels (run snapshot).
SELECT
    (SELECT count(*) FROM clusters) AS clusters,
    (SELECT count(*) FROM clusters WHERE flagged) AS flagged_clusters,
    (SELECT count(*) FROM campaigns) AS campaigns,
    (SELECT count(*) FROM campaigns WHERE flagged) AS flagged_campaigns,
    (SELECT count(DISTINCT account_id) FROM memberships) AS clustered_accounts,
    (SELECT count(DISTINCT m.account_id) FROM memberships AS m
     JOIN clusters AS c ON c.cluster_id = m.cluster_id
     WHERE c.flagged AND m.exportable) AS flagged_accounts,
    (SELECT count(*) FROM labels) AS labelled_accounts
