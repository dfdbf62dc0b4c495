-- Members of a cluster or campaign, strongest first, with their account facts, read from the
-- rebuild's app_member_accounts (queries/score/app_member_accounts.sql: members only, labels
-- at rebuild time included): the same columns and order as members.sql without joining every
-- account of the run.
-- Inputs: memberships, app_member_accounts. Parameters: $scope ('cluster' | 'campaign'),
-- $target (its id), $search (substring of account id or canonical e-mail; '' for all),
-- $limit, $offset.
SELECT m.account_id, m.cluster_id, m.strength, m.exportable, a.created_at, a.country,
       a.email, a.phone, a.signup_ip, a.signup_device_id, a.ua_family, a.ua_headless, a.org_id,
       a.label_at_run,
       count(*) OVER () AS total
FROM memberships m
JOIN app_member_accounts a USING (account_id)
WHERE CASE WHEN $scope = 'campaign' THEN m.campaign_id ELSE m.cluster_id END = $target
  AND ($search = ''
       OR contains(lower(m.account_id), lower($search))
       OR contains(lower(coalesce(a.email_canonical, '')), lower($search)))
ORDER BY m.strength DESC, m.account_id
LIMIT $limit OFFSET $offset
