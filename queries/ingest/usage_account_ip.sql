-- usage_account_ip: merge the (account, normalised ip) totals of the rows this
-- file added ($file_id) into the aggregate. Rows are first grouped by the raw
-- ip, then mapped through lookup_ip (valid addresses only), then regrouped,
-- since several raw spellings can be one address.
MERGE INTO usage_account_ip AS u
USING (
    SELECT
        r.account_id, l.ip_norm AS ip, any_value(l.ip_prefix) AS ip_prefix,
        sum(r.requests) AS requests, min(r.first_ts) AS first_ts, max(r.last_ts) AS last_ts
    FROM (
        SELECT account_id, ip, count(*) AS requests, min(ts) AS first_ts, max(ts) AS last_ts
        FROM api_requests
        WHERE file_id = $file_id AND ip IS NOT NULL
        GROUP BY ALL
    ) AS r
    JOIN lookup_ip AS l ON l.raw = r.ip
    GROUP BY r.account_id, l.ip_norm
) AS n
ON u.account_id = n.account_id AND u.ip = n.ip
WHEN MATCHED THEN UPDATE SET
    requests = u.requests + n.requests,
    first_ts = least(u.first_ts, n.first_ts),
    last_ts = greatest(u.last_ts, n.last_ts)
WHEN NOT MATCHED THEN INSERT (account_id, ip, ip_prefix, requests, first_ts, last_ts)
    VALUES (n.account_id, n.ip, n.ip_prefix, n.requests, n.first_ts, n.last_ts);
