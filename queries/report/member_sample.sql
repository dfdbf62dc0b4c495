-- A sample of the report's accounts (strongest members first) with their signup
-- details; the caller masks PII before showing it.
-- Inputs: report_members, accounts, usage_daily. Param: $limit.
SELECT r.account_id, r.cluster_id, round(r.strength, 3) AS strength, a.created_at,
       a.country, a.email, a.signup_ip, a.ua_family,
       (SELECT sum(u.requests) FROM usage_daily u
         WHERE u.account_id = r.account_id)::BIGINT AS requests
FROM report_members r
JOIN accounts a USING (account_id)
ORDER BY r.strength DESC NULLS LAST, r.account_id
LIMIT $limit
