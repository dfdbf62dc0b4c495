-- stage (accounts): see stage_api_requests.sql. The key is account_id;
-- country is kept when it is an ISO 3166 alpha-2 code (upper-cased), else NULL.
CREATE OR REPLACE TEMP TABLE stage AS
SELECT
    *,
    account_id AS row_key,
    CASE
        WHEN account_id IS NULL THEN 'account_id'
        WHEN created_at IS NULL THEN 'created_at'
        WHEN created_at NOT BETWEEN TIMESTAMP '1970-01-01' AND TIMESTAMP '2099-12-31 23:59:59.999999' THEN 'created_at'
    END AS bad_column,
    CASE
        WHEN account_id IS NULL THEN 'empty key'
        WHEN created_at_raw IS NULL THEN 'missing timestamp'
        WHEN created_at IS NULL THEN 'unparseable timestamp'
        WHEN created_at NOT BETWEEN TIMESTAMP '1970-01-01' AND TIMESTAMP '2099-12-31 23:59:59.999999' THEN 'timestamp out of range (1970..2099)'
    END AS bad_reason
FROM (
    SELECT
        CAST(account_id AS VARCHAR) AS account_id,
        CAST(created_at AS VARCHAR) AS created_at_raw,
        utc_timestamp(created_at) AS created_at,
        CAST(email AS VARCHAR) AS email,
        CAST(phone AS VARCHAR) AS phone,
        CAST(country AS VARCHAR) AS country_raw,
        CASE WHEN regexp_full_match(upper(CAST(country AS VARCHAR)), '[A-Z]{2}')
             THEN upper(CAST(country AS VARCHAR)) END AS country,
        CAST(signup_ip AS VARCHAR) AS signup_ip,
        CAST(signup_device_id AS VARCHAR) AS signup_device_id,
        CAST(user_agent AS VARCHAR) AS user_agent,
        CAST(org_id AS VARCHAR) AS org_id
    FROM src
);
