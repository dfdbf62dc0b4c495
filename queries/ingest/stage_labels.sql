-- stage (labels): see stage_api_requests.sql. label must be fraud or legit
-- (case-insensitive, stored lower-case); an unparseable or out-of-range (not 1970..2099)
-- optional ts is NULL (a label dated 9999 would otherwise win forever).
CREATE OR REPLACE TEMP TABLE stage AS
SELECT
    *,
    hash(account_id, label, source, ts) AS row_key,
    CASE
        WHEN account_id IS NULL THEN 'account_id'
        WHEN label IS NULL THEN 'label'
    END AS bad_column,
    CASE
        WHEN account_id IS NULL THEN 'empty key'
        WHEN label_raw IS NULL THEN 'missing label'
        WHEN label IS NULL THEN 'label is not fraud or legit'
    END AS bad_reason
FROM (
    SELECT
        CAST(account_id AS VARCHAR) AS account_id,
        CAST(label AS VARCHAR) AS label_raw,
        CASE WHEN lower(CAST(label AS VARCHAR)) IN ('fraud', 'legit')
             THEN lower(CAST(label AS VARCHAR)) END AS label,
        CAST(source AS VARCHAR) AS source,
        CAST(ts AS VARCHAR) AS ts_raw,
        CASE WHEN utc_timestamp(ts)
                  BETWEEN TIMESTAMP '1970-01-01' AND TIMESTAMP '2099-12-31 23:59:59.999999'
             THEN utc_timestamp(ts) END AS ts
    FROM src
);
