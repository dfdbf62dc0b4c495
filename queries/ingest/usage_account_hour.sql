-- usage_account_hour: merge the (account, hour) request counts of the rows this
-- file added ($file_id) into the aggregate (one row per key).
MERGE INTO usage_account_hour AS u
USING (
    SELECT account_id, date_trunc('hour', ts) AS hour, count(*) AS requests
    FROM api_requests
    WHERE file_id = $file_id
    GROUP BY ALL
) AS n
ON u.account_id = n.account_id AND u.hour = n.hour
WHEN MATCHED THEN UPDATE SET requests = u.requests + n.requests
WHEN NOT MATCHED THEN INSERT (account_id, hour, requests) VALUES (n.account_id, n.hour, n.requests);
