-- usage_account_template: merge the (account, prompt_fingerprint) totals of the
-- rows this file added (usage_macros.sql, file_usage_template) into the aggregate.
MERGE INTO usage_account_template AS u
USING file_usage_template($file_id) AS n
ON u.account_id = n.account_id AND u.prompt_fingerprint = n.prompt_fingerprint
WHEN MATCHED THEN UPDATE SET
    requests = u.requests + n.requests,
    output_tokens = coalesce(u.output_tokens + n.output_tokens, u.output_tokens, n.output_tokens),
    first_ts = least(u.first_ts, n.first_ts),
    last_ts = greatest(u.last_ts, n.last_ts)
WHEN NOT MATCHED THEN INSERT (account_id, prompt_fingerprint, requests, output_tokens, first_ts, last_ts)
    VALUES (n.account_id, n.prompt_fingerprint, n.requests, n.output_tokens, n.first_ts, n.last_ts);
