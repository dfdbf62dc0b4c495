-- One account with its cluster and campaign (if any) and their scores.
-- Inputs: accounts, memberships, clusters, campaigns, labels (effective at rebuild time).
-- Parameter: $account_id.
SELECT a.account_id, a.created_at, a.email, a.email_canonical, a.phone, a.country,
       a.signup_ip, a.signup_ip_prefix, a.signup_device_id, a.user_agent, a.ua_family,
       a.ua_headless, a.org_id,
       m.cluster_id, m.campaign_id, m.strength, m.exportable, to_json(m.why)::VARCHAR AS why,
       c.score AS cluster_score, c.size AS cluster_size, c.reasons AS cluster_reasons,
       k.score AS campaign_score, k.size AS campaign_size,
       (SELECT arg_max(label, ts) FROM labels WHERE account_id = $account_id) AS label_at_run
FROM accounts a
LEFT JOIN memberships m USING (account_id)
LEFT JOIN clusters c ON c.cluster_id = m.cluster_id
LEFT JOIN campaigns k ON k.campaign_id = m.campaign_id
WHERE a.account_id = $account_id
