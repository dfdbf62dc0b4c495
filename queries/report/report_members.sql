-- report_members: the accounts a campaign's case report describes. For a flagged
-- campaign, the exportable members of its flagged clusters (the campaign_profile
-- scope, what a ban would act on); for an unflagged one, all its members.
-- Inputs: memberships, clusters, campaigns. Param: $campaign_id.
CREATE OR REPLACE TEMP TABLE report_members AS
SELECT m.account_id, m.cluster_id, m.strength, m.exportable
FROM memberships m
JOIN clusters c USING (cluster_id)
JOIN campaigns k ON k.campaign_id = c.campaign_id
WHERE c.campaign_id = $campaign_id
  AND (NOT k.flagged OR (c.flagged AND m.exportable));
