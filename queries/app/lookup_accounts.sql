-- Accounts matching a search: by account id, canonical e-mail, IP (signup or later), card
-- fingerprint, device id or phone digits. Each parameter is '' when not searched for.
-- Inputs: accounts, evidence. Parameters: $account_id, $email_canonical, $ip, $card, $device,
-- $phone_digits, $limit.
WITH hits AS (
    SELECT account_id, 'account id' AS matched_on FROM accounts
    WHERE $account_id <> '' AND account_id = $account_id
    UNION ALL
    SELECT account_id, 'e-mail' FROM accounts
    WHERE $email_canonical <> ''
      AND (email_canonical = $email_canonical OR lower(email) = $email_canonical)
    UNION ALL
    SELECT account_id, 'signup IP' FROM accounts
    WHERE $ip <> '' AND (signup_ip_norm = $ip OR signup_ip = $ip)
    UNION ALL
    SELECT account_id, 'signup device' FROM accounts
    WHERE $device <> '' AND signup_device_id = $device
    UNION ALL
    SELECT account_id, 'phone' FROM accounts
    WHERE $phone_digits <> '' AND regexp_replace(phone_e164, '[^0-9]', '', 'g') = $phone_digits
    UNION ALL
    SELECT account_id, CASE kind WHEN 'ip' THEN 'IP' WHEN 'card' THEN 'card'
                                 WHEN 'device' THEN 'device' END
    FROM evidence
    WHERE (kind = 'ip' AND value = $ip AND $ip <> '')
       OR (kind = 'card' AND value = $card AND $card <> '')
       OR (kind = 'device' AND value = $device AND $device <> '')
)
SELECT h.account_id, string_agg(DISTINCT h.matched_on, ', ') AS matched_on,
       a.created_at, a.country, a.email, m.cluster_id, m.campaign_id
FROM hits h
JOIN accounts a USING (account_id)
LEFT JOIN memberships m USING (account_id)
GROUP BY h.account_id, a.created_at, a.country, a.email, m.cluster_id, m.campaign_id
ORDER BY h.account_id
LIMIT $limit
