-- stage (devices): see stage_api_requests.sql.
CREATE OR REPLACE TEMP TABLE stage AS
SELECT
    *,
    hash(account_id, ts, device_id, user_agent) AS row_key,
    CASE
        WHEN account_id IS NULL THEN 'account_id'
        WHEN ts IS NULL THEN 'ts'
        WHEN ts NOT BETWEEN TIMESTAMP '1970-01-01' AND TIMESTAMP '2099-12-31 23:59:59.999999' THEN 'ts'
        WHEN device_id IS NULL THEN 'device_id'
    END AS bad_column,
    CASE
        WHEN account_id IS NULL THEN 'empty key'
        WHEN ts_raw IS NULL THEN 'missing timestamp'
        WHEN ts IS NULL THEN 'unparseable timestamp'
        WHEN ts NOT BETWEEN TIMESTAMP '1970-01-01' AND TIMESTAMP '2099-12-31 23:59:59.999999' THEN 'timestamp out of range (1970..2099)'
        WHEN device_id IS NULL THEN 'missing device_id'
    END AS bad_reason
FROM (
    SELECT
        CAST(account_id AS VARCHAR) AS account_id,
        CAST(ts AS VARCHAR) AS ts_raw,
        utc_timestamp(ts) AS ts,
        CAST(device_id AS VARCHAR) AS device_id,
        CAST(user_agent AS VARCHAR) AS user_agent
    FROM src
);
