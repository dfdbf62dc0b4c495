-- profile_members: the accounts a flagged campaign's profile counts, the same
-- scope as the campaigns table: exportable members of the campaign's flagged
-- clusters (the accounts an export would ban). Unflagged campaigns get no profile.
-- Inputs: memberships, clusters, campaigns.
CREATE OR REPLACE TEMP TABLE profile_members AS
SELECT DISTINCT c.campaign_id, m.account_id
FROM memberships m
JOIN clusters c USING (cluster_id)
JOIN campaigns k ON k.campaign_id = c.campaign_id
WHERE k.flagged AND c.flagged AND m.exportable;
