-- invalid optional values (api_requests) among the file's good rows: an ip that
-- is not an IPv4/IPv6 address (kept raw, left out of usage_account_ip).
-- Reads stage_ip_rows (good rows per distinct raw ip, written by build_lookups
-- or, after a dedupe, by stage_ip_rows.sql): the lookup is probed once per
-- distinct value (~200k) and the 10M staged rows are not grouped a second time.
SELECT CAST(coalesce(sum(g.good_rows), 0) AS BIGINT) AS ip
FROM stage_ip_rows AS g
WHERE NOT EXISTS (SELECT 1 FROM lookup_ip AS l WHERE l.raw = g.raw);
