-- invalid optional values (api_requests) among the file's good rows: an ip that
-- is not an IPv4/IPv6 address (kept raw, left out of usage_account_ip).
SELECT count(*) FILTER (WHERE ip IS NOT NULL AND NOT EXISTS (
    SELECT 1 FROM lookup_ip AS l WHERE l.raw = s.ip)) AS ip
FROM stage AS s
WHERE bad_reason IS NULL;
