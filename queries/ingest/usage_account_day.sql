-- usage_account_day: merge the (account, day, model) totals of the rows this
-- file added (api_requests.file_id = $file_id) into the aggregate, so it keeps
-- exactly one row per key without rescanning api_requests.
MERGE INTO usage_account_day AS u
USING (
    SELECT
        account_id, CAST(ts AS DATE) AS day, model, count(*) AS requests,
        sum(input_tokens) AS input_tokens, sum(output_tokens) AS output_tokens,
        min(ts) AS first_ts, max(ts) AS last_ts
    FROM api_requests
    WHERE file_id = $file_id
    GROUP BY ALL
) AS n
ON u.account_id = n.account_id AND u.day = n.day AND u.model IS NOT DISTINCT FROM n.model
WHEN MATCHED THEN UPDATE SET
    requests = u.requests + n.requests,
    input_tokens = coalesce(u.input_tokens + n.input_tokens, u.input_tokens, n.input_tokens),
    output_tokens = coalesce(u.output_tokens + n.output_tokens, u.output_tokens, n.output_tokens),
    first_ts = least(u.first_ts, n.first_ts),
    last_ts = greatest(u.last_ts, n.last_ts)
WHEN NOT MATCHED THEN INSERT (account_id, day, model, requests, input_tokens, output_tokens, first_ts, last_ts)
    VALUES (n.account_id, n.day, n.model, n.requests, n.input_tokens, n.output_tokens, n.first_ts, n.last_ts);
