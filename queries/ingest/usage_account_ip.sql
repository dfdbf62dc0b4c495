-- usage_account_ip: merge the (account, normalised ip) totals of the rows this
-- file added (usage_macros.sql, file_usage_ip) into the aggregate.
MERGE INTO usage_account_ip AS u
USING file_usage_ip() AS n
ON u.account_id = n.account_id AND u.ip = n.ip
WHEN MATCHED THEN UPDATE SET
    requests = u.requests + n.requests,
    first_ts = least(u.first_ts, n.first_ts),
    last_ts = greatest(u.last_ts, n.last_ts)
WHEN NOT MATCHED THEN INSERT (account_id, ip, ip_prefix, requests, first_ts, last_ts)
    VALUES (n.account_id, n.ip, n.ip_prefix, n.requests, n.first_ts, n.last_ts);
