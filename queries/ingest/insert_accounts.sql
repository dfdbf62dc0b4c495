-- accounts: good staged rows whose account_id is not stored yet, joined with
-- the normalised e-mail, phone (read in the account's country), IP and user agent.
INSERT INTO accounts BY NAME
SELECT
    s.account_id, s.created_at,
    s.email, e.email_canonical, e.email_domain, e.email_shape,
    s.phone, p.phone_e164, p.phone_block,
    s.country,
    s.signup_ip, i.ip_norm AS signup_ip_norm, i.ip_prefix AS signup_ip_prefix,
    i.ip_private AS signup_ip_private, i.ip_cgnat AS signup_ip_cgnat,
    s.signup_device_id, s.user_agent, u.ua_family, u.ua_headless, s.org_id,
    $file_id AS file_id
FROM stage AS s
LEFT JOIN lookup_email AS e ON e.raw = s.email
LEFT JOIN lookup_phone AS p ON p.raw = s.phone AND p.region IS NOT DISTINCT FROM s.country
LEFT JOIN lookup_ip AS i ON i.raw = s.signup_ip
LEFT JOIN lookup_ua AS u ON u.raw = s.user_agent
WHERE s.bad_reason IS NULL
  AND NOT EXISTS (SELECT 1 FROM accounts AS a WHERE a.account_id = s.account_id);
