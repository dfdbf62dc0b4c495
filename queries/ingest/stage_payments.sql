-- stage (payments): see stage_api_requests.sql. The key is payment_id, or when
-- the file has none, 'pd_' + md5 of the typed row (deterministic across runs).
-- card_bin keeps 6-8 leading digits, card_last4 exactly 4 digits, card_country an
-- alpha-2 code, currency a 3-letter code (upper-cased); anything else is NULL.
-- A card_fingerprint that is a real card number is flagged by flag_payments.sql.
CREATE OR REPLACE TEMP TABLE stage AS
SELECT
    *,
    coalesce(payment_id_raw, 'pd_' || md5(concat_ws('|', account_id, CAST(ts AS VARCHAR),
        card_fingerprint, card_bin, card_last4, card_country, billing_postal_code,
        CAST(amount AS VARCHAR), currency))) AS row_key,
    payment_id_raw IS NULL AS payment_id_derived,
    CASE
        WHEN account_id IS NULL THEN 'account_id'
        WHEN ts IS NULL THEN 'ts'
        WHEN ts NOT BETWEEN TIMESTAMP '1970-01-01' AND TIMESTAMP '2099-12-31 23:59:59.999999' THEN 'ts'
        WHEN card_fingerprint IS NULL THEN 'card_fingerprint'
    END AS bad_column,
    CASE
        WHEN account_id IS NULL THEN 'empty key'
        WHEN ts_raw IS NULL THEN 'missing timestamp'
        WHEN ts IS NULL THEN 'unparseable timestamp'
        WHEN ts NOT BETWEEN TIMESTAMP '1970-01-01' AND TIMESTAMP '2099-12-31 23:59:59.999999' THEN 'timestamp out of range (1970..2099)'
        WHEN card_fingerprint IS NULL THEN 'missing card_fingerprint'
    END AS bad_reason
FROM (
    SELECT
        CAST(payment_id AS VARCHAR) AS payment_id_raw,
        CAST(account_id AS VARCHAR) AS account_id,
        CAST(ts AS VARCHAR) AS ts_raw,
        utc_timestamp(ts) AS ts,
        CAST(card_fingerprint AS VARCHAR) AS card_fingerprint,
        CAST(card_bin AS VARCHAR) AS card_bin_raw,
        CASE WHEN regexp_full_match(CAST(card_bin AS VARCHAR), '[0-9]{6,8}')
             THEN CAST(card_bin AS VARCHAR) END AS card_bin,
        CAST(card_last4 AS VARCHAR) AS card_last4_raw,
        CASE WHEN regexp_full_match(CAST(card_last4 AS VARCHAR), '[0-9]{4}')
             THEN CAST(card_last4 AS VARCHAR) END AS card_last4,
        CAST(card_country AS VARCHAR) AS card_country_raw,
        CASE WHEN regexp_full_match(upper(CAST(card_country AS VARCHAR)), '[A-Z]{2}')
             THEN upper(CAST(card_country AS VARCHAR)) END AS card_country,
        CAST(billing_postal_code AS VARCHAR) AS billing_postal_code,
        CAST(amount AS VARCHAR) AS amount_raw,
        TRY_CAST(amount AS DECIMAL(18, 4)) AS amount,
        CAST(currency AS VARCHAR) AS currency_raw,
        CASE WHEN regexp_full_match(upper(CAST(currency AS VARCHAR)), '[A-Z]{3}')
             THEN upper(CAST(currency AS VARCHAR)) END AS currency
    FROM src
);
