-- Working copies of the per-account usage aggregates (maintained by ingest),
-- so scoring can run after the store is released. Raw api_requests are never read.
-- Input: store.usage_account_template, usage_account_day, usage_account_ip.
CREATE OR REPLACE TEMP TABLE u_template AS
SELECT account_id, prompt_fingerprint AS template, requests, output_tokens, first_ts
FROM store.usage_account_template
WHERE prompt_fingerprint IS NOT NULL;

CREATE OR REPLACE TEMP TABLE u_day AS
SELECT account_id, day, model, requests, input_tokens, output_tokens, first_ts, last_ts,
       active_hours
FROM store.usage_account_day;

-- The hours each account was active in, one row per (account, hour): the day
-- rows' hour masks (bit h = UTC hour h) ORed over models and unfolded.
CREATE OR REPLACE TEMP TABLE u_hour AS
SELECT account_id, day + to_hours(CAST(h AS BIGINT)) AS hour
FROM (
    SELECT account_id, day, bit_or(active_hours) AS mask
    FROM u_day
    GROUP BY account_id, day
) AS d, range(24) AS r(h)
WHERE (mask >> CAST(h AS INTEGER)) & 1 = 1;

-- Per-account activity totals, used by features and by the null model's strata.
CREATE OR REPLACE TEMP TABLE u_account AS
SELECT
    account_id,
    sum(requests) AS requests,
    sum(input_tokens) AS input_tokens,
    sum(output_tokens) AS output_tokens,
    min(first_ts) AS first_activity,
    max(last_ts) AS last_activity,
    count(DISTINCT day) AS active_days
FROM u_day
GROUP BY account_id;

-- Cards with their BIN, for the prepaid-share feature.
CREATE OR REPLACE TEMP TABLE u_card AS
SELECT DISTINCT account_id, card_fingerprint, card_bin
FROM store.payments
WHERE card_fingerprint IS NOT NULL;
