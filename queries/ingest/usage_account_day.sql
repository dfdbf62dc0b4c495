-- usage_account_day: merge the (account, day, model) totals of the rows this
-- file added (api_requests.file_id = $file_id) into the aggregate, so it keeps
-- exactly one row per key without rescanning api_requests. active_hours is the
-- day's active UTC hours as a bit mask (bit h: a request in hour h); a merge ORs
-- the masks (schema/v003_hour_mask.sql).
MERGE INTO usage_account_day AS u
USING (
    SELECT
        account_id, CAST(ts AS DATE) AS day, model, count(*) AS requests,
        sum(input_tokens) AS input_tokens, sum(output_tokens) AS output_tokens,
        min(ts) AS first_ts, max(ts) AS last_ts,
        CAST(bit_or(CAST(1 AS INTEGER) << CAST(hour(ts) AS INTEGER)) AS INTEGER) AS active_hours
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
    last_ts = greatest(u.last_ts, n.last_ts),
    active_hours = u.active_hours | n.active_hours
WHEN NOT MATCHED THEN INSERT (account_id, day, model, requests, input_tokens, output_tokens, first_ts, last_ts, active_hours)
    VALUES (n.account_id, n.day, n.model, n.requests, n.input_tokens, n.output_tokens, n.first_ts, n.last_ts, n.active_hours);
