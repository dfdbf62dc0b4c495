-- invalid optional values (api_requests) among the rows this file loaded: an
-- ip that is not an IPv4/IPv6 address (kept raw, left out of usage_account_ip).
-- Reads file_ip_rows (loaded rows per account and raw ip) and lookup_ip, which
-- holds the valid ones.
SELECT CAST(coalesce(sum(r.requests), 0) AS BIGINT) AS ip
FROM file_ip_rows AS r
WHERE NOT EXISTS (SELECT 1 FROM lookup_ip AS l WHERE l.raw = r.ip);
