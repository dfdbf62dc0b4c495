-- Headline counts of a run for the Overview page (one row).
-- Inputs: snapshot tables accounts, clusters, campaigns, memberships.
SELECT (SELECT count(*) FROM accounts) AS accounts,
       (SELECT count(*) FROM clusters) AS clusters,
       (SELECT count(*) FROM clusters WHERE flagged) AS flagged_clusters,
       (SELECT count(*) FROM campaigns) AS campaigns,
       (SELECT count(*) FROM campaigns WHERE flagged) AS flagged_campaigns,
       (SELECT count(*) FROM memberships) AS clustered_accounts,
       (SELECT count(*) FROM memberships WHERE exportable) AS exportable_accounts
