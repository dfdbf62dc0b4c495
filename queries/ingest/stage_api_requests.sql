-- stage (api_requests): the file being ingested (temp view `src`: canonical
-- column names, '' already NULL) parsed once into typed columns, with the first
-- reason a row is bad (bad_column, bad_reason) and row_key, the row's identity
-- for dedupe (a hash of the whole typed row).
-- A timestamp outside 1970..2099 (year 1, 9999, 'infinity') is a bad row: one stray
-- far-off time would stretch every time window the scoring measures.
-- rowid + 1 of `stage` is the 1-based data row number when it is filled in file
-- order (load.py stages whole-row-key tables out of order first and again in
-- order only when a row is bad).
CREATE OR REPLACE TEMP TABLE stage AS
SELECT
    account_id,
    ts,
    model,
    input_tokens,
    output_tokens,
    prompt_fingerprint,
    ip,
    CASE
        WHEN account_id IS NULL THEN 'account_id'
        WHEN ts IS NULL THEN 'ts'
        WHEN ts NOT BETWEEN TIMESTAMP '1970-01-01' AND TIMESTAMP '2099-12-31 23:59:59.999999' THEN 'ts'
        WHEN input_tokens_raw IS NOT NULL AND (input_tokens IS NULL OR input_tokens < 0) THEN 'input_tokens'
        WHEN output_tokens_raw IS NOT NULL AND (output_tokens IS NULL OR output_tokens < 0) THEN 'output_tokens'
    END AS bad_column,
    CASE
        WHEN account_id IS NULL THEN 'empty key'
        WHEN ts_raw IS NULL THEN 'missing timestamp'
        WHEN ts IS NULL THEN 'unparseable timestamp'
        WHEN ts NOT BETWEEN TIMESTAMP '1970-01-01' AND TIMESTAMP '2099-12-31 23:59:59.999999' THEN 'timestamp out of range (1970..2099)'
        WHEN input_tokens_raw IS NOT NULL AND input_tokens < 0 THEN 'negative token count'
        WHEN input_tokens_raw IS NOT NULL AND input_tokens IS NULL THEN 'token count is not an integer'
        WHEN output_tokens_raw IS NOT NULL AND output_tokens < 0 THEN 'negative token count'
        WHEN output_tokens_raw IS NOT NULL AND output_tokens IS NULL THEN 'token count is not an integer'
    END AS bad_reason,
    hash(account_id, ts, model, input_tokens, output_tokens, prompt_fingerprint, ip) AS row_key,
    -- raw text of the typed columns, kept for bad rows only (the quarantine shows it)
    CASE WHEN bad_reason IS NOT NULL THEN ts_raw END AS bad_ts_raw,
    CASE WHEN bad_reason IS NOT NULL THEN input_tokens_raw END AS bad_input_tokens_raw,
    CASE WHEN bad_reason IS NOT NULL THEN output_tokens_raw END AS bad_output_tokens_raw
FROM (
    SELECT
        CAST(account_id AS VARCHAR) AS account_id,
        CAST(ts AS VARCHAR) AS ts_raw,
        utc_timestamp(ts) AS ts,
        CAST(model AS VARCHAR) AS model,
        CAST(input_tokens AS VARCHAR) AS input_tokens_raw,
        TRY_CAST(input_tokens AS BIGINT) AS input_tokens,
        CAST(output_tokens AS VARCHAR) AS output_tokens_raw,
        TRY_CAST(output_tokens AS BIGINT) AS output_tokens,
        CAST(prompt_fingerprint AS VARCHAR) AS prompt_fingerprint,
        CAST(ip AS VARCHAR) AS ip
    FROM src
);
