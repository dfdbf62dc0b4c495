-- stage (ip_events): see stage_api_requests.sql. The ip is required; an ip that
-- is not an address is flagged by flag_ip_events.sql once the lookup exists.
CREATE OR REPLACE TEMP TABLE stage AS
SELECT
    *,
    hash(account_id, ts, ip, event) AS row_key,
    CASE
        WHEN account_id IS NULL THEN 'account_id'
        WHEN ts IS NULL THEN 'ts'
        WHEN ts NOT BETWEEN TIMESTAMP '1970-01-01' AND TIMESTAMP '2099-12-31 23:59:59.999999' THEN 'ts'
        WHEN ip IS NULL THEN 'ip'
    END AS bad_column,
    CASE
        WHEN account_id IS NULL THEN 'empty key'
        WHEN ts_raw IS NULL THEN 'missing timestamp'
        WHEN ts IS NULL THEN 'unparseable timestamp'
        WHEN ts NOT BETWEEN TIMESTAMP '1970-01-01' AND TIMESTAMP '2099-12-31 23:59:59.999999' THEN 'timestamp out of range (1970..2099)'
        WHEN ip IS NULL THEN 'missing ip'
    END AS bad_reason
FROM (
    SELECT
        CAST(account_id AS VARCHAR) AS account_id,
        CAST(ts AS VARCHAR) AS ts_raw,
        utc_timestamp(ts) AS ts,
        CAST(ip AS VARCHAR) AS ip,
        CAST(event AS VARCHAR) AS event
    FROM src
);
