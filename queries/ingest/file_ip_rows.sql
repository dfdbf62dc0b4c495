-- file_ip_rows (api_requests): the rows this file added ($file_id) totalled per
-- (account, raw ip). Read back from api_requests (clustered by account unless
-- the file was too large to sort), this is one cheap pass; the distinct raw
-- ips of the file (~200k in a 10M-row file) are taken from it for lookup_ip
-- (lookups.build_ip_lookup), and invalid_api_requests.sql and
-- usage_account_ip.sql read it instead of the requests.
CREATE OR REPLACE TEMP TABLE file_ip_rows AS
SELECT account_id, ip, count(*) AS requests, min(ts) AS first_ts, max(ts) AS last_ts
FROM api_requests
WHERE file_id = $file_id AND ip IS NOT NULL
GROUP BY account_id, ip;
