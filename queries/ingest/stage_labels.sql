-- stage (labels): see stage_api_requests.sql. label must be fraud or legit
-- (case-insensitive, stored lower-case); an unparseable optional ts is NULL.
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
        TRY_CAST(TRY_CAST(ts AS TIMESTAMPTZ) AS TIMESTAMP) AS ts
    FROM src
);
