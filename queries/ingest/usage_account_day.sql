-- usage_account_day: merge the (account, day, model) totals of the rows this
-- file added (usage_macros.sql, file_usage_day) into the aggregate, so it keeps
-- exactly one row per key without rescanning api_requests. A merge ORs the
-- active-hour masks.
MERGE INTO usage_account_day AS u
USING file_usage_day($file_id) AS n
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
