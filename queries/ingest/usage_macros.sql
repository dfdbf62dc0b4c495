-- The partial totals of the rows one file added, one table macro per usage
-- aggregate (temp: created per connection by load.py once the rows are in and
-- file_ip_rows.sql has run; DuckDB binds a macro's tables when it is created).
-- usage_account_<name>.sql merges them into an aggregate that already
-- has rows; usage_first.sql inserts them into aggregates that are still empty
-- (a store's first request file: on a 10M-row file the day totals take 1.5-1.8 s
-- to insert against 2.2-2.8 s to merge into the empty table).

-- (account, day, model) totals. active_hours is the day's active UTC hours as a
-- bit mask (bit h: a request in hour h); a merge ORs the masks
-- (schema/v003_hour_mask.sql).
CREATE OR REPLACE TEMP MACRO file_usage_day(fid) AS TABLE
    SELECT
        account_id, CAST(ts AS DATE) AS day, model, count(*) AS requests,
        sum(input_tokens) AS input_tokens, sum(output_tokens) AS output_tokens,
        min(ts) AS first_ts, max(ts) AS last_ts,
        CAST(bit_or(CAST(1 AS INTEGER) << CAST(hour(ts) AS INTEGER)) AS INTEGER) AS active_hours
    FROM api_requests
    WHERE file_id = fid
    GROUP BY ALL;

-- (account, prompt_fingerprint) totals of the rows with a fingerprint.
CREATE OR REPLACE TEMP MACRO file_usage_template(fid) AS TABLE
    SELECT
        account_id, prompt_fingerprint, count(*) AS requests,
        sum(output_tokens) AS output_tokens, min(ts) AS first_ts, max(ts) AS last_ts
    FROM api_requests
    WHERE file_id = fid AND prompt_fingerprint IS NOT NULL
    GROUP BY ALL;

-- (account, normalised ip) totals. They come totalled per (account, raw ip) in
-- file_ip_rows.sql, so the lookup join sees one row per pair instead of one per
-- request. Raw ips map to addresses through lookup_ip (valid addresses only;
-- several spellings can be one address), so the key is the canonical address.
CREATE OR REPLACE TEMP MACRO file_usage_ip() AS TABLE
    SELECT
        r.account_id, l.ip_norm AS ip, l.ip_prefix, CAST(sum(r.requests) AS BIGINT) AS requests,
        min(r.first_ts) AS first_ts, max(r.last_ts) AS last_ts
    FROM file_ip_rows AS r
    JOIN lookup_ip AS l ON l.raw = r.ip
    GROUP BY r.account_id, l.ip_norm, l.ip_prefix;
