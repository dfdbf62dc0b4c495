-- evidence (continued): kinds derived from API usage aggregates.
--   template   one of the account's $max_templates_per_account most used prompt
--              templates (a bound on evidence per account); t = its first use. Two accounts
--              that started on the same rare templates at about the same time are
--              linked once per template (summed, capped), as in CopyCatch's
--              lockstep counting.
--   sync       SynchroTrap-style activity synchrony: the set of hour buckets an
--              account was active in, summarised with one-permutation MinHash
--              (Li, Owen & Zhang 2012) into $sync_bands bands of $sync_rows bins; a
--              band value is shared by accounts whose hour sets are near-identical.
--              Always-on accounts (active in more than $sync_max_duty of the hours
--              of their active span) carry no timing information and are skipped.
-- Only accounts in evidence_scope unless $all_accounts (see evidence_attributes.sql).
-- Inputs: u_template, u_hour (working copies of the usage aggregates), evidence_scope.
INSERT INTO evidence
SELECT account_id, 'template', template, first_ts
FROM u_template
WHERE $all_accounts OR account_id IN (SELECT account_id FROM evidence_scope)
QUALIFY row_number() OVER (PARTITION BY account_id ORDER BY requests DESC, template)
        <= $max_templates_per_account;

INSERT INTO evidence
WITH active AS (
    SELECT account_id, epoch(hour) // 3600 AS h
    FROM u_hour
    WHERE ($all_accounts OR account_id IN (SELECT account_id FROM evidence_scope))
),
per_account AS (
    SELECT account_id, count(*) AS n_hours, max(h) - min(h) + 1 AS span_hours,
           min(h) AS first_h
    FROM active
    GROUP BY account_id
),
eligible AS (
    SELECT account_id, first_h
    FROM per_account
    WHERE n_hours >= $sync_min_hours AND n_hours <= $sync_max_duty * span_hours
),
hashed AS (
    SELECT a.account_id, hash(a.h, $seed) AS hv
    FROM active a SEMI JOIN eligible e ON a.account_id = e.account_id
),
bins AS (
    -- UBIGINT arithmetic: mixed with the INTEGER bin count DuckDB would compute in
    -- HUGEINT, which took 5.5 of the 10 s this statement took at 2M accounts
    -- (the digits, and so the band values, are the same)
    SELECT account_id, hv % CAST($sync_bands * $sync_rows AS UBIGINT) AS bin,
           min(hv // CAST($sync_bands * $sync_rows AS UBIGINT)) AS mv
    FROM hashed
    GROUP BY account_id, bin
),
bands AS (
    SELECT account_id, bin // CAST($sync_rows AS UBIGINT) AS band,
           hash(list(bin::VARCHAR || '=' || mv::VARCHAR ORDER BY bin)) AS sig,
           count(*) AS filled
    FROM bins
    GROUP BY account_id, band
)
SELECT b.account_id, 'sync', 'band' || b.band::VARCHAR || ':' || b.sig::VARCHAR,
       to_timestamp(e.first_h * 3600)::TIMESTAMP
FROM bands b JOIN eligible e USING (account_id)
WHERE b.filled >= 2;
