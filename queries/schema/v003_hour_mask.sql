-- v003: the active hours of a day live in usage_account_day, as a bit mask.
--   usage_account_day.active_hours: bit h (0..23) is set when the account sent a
--   request in UTC hour h of that day (with that model).
--   usage_account_hour is dropped.
-- Scoring only ever asked whether an account was active in an hour, never how
-- much: the sync evidence (MinHash over active hours) and the null model's
-- settled hours. Keeping the hours as a 24-bit mask on the day row costs the
-- ingest nothing measurable (one more aggregate in the day MERGE), where the
-- (account, hour) table was the second-largest aggregate and its MERGE cost
-- 1.8-2.0 s of a 13.7-16 s 10M-row ingest. The rebuild unfolds the mask
-- (queries/graph/extract_usage.sql).
-- Existing rows are backfilled from usage_account_hour. That table does not
-- say which model an hour belonged to, so every model row of a day gets the
-- day's whole mask; readers take the union over models, which is exact.
ALTER TABLE usage_account_day ADD COLUMN active_hours INTEGER NOT NULL DEFAULT 0;

UPDATE usage_account_day AS d
SET active_hours = m.mask
FROM (
    SELECT account_id, CAST(hour AS DATE) AS day,
           CAST(bit_or(CAST(1 AS INTEGER) << CAST(hour(hour) AS INTEGER)) AS INTEGER) AS mask
    FROM usage_account_hour
    WHERE requests > 0
    GROUP BY ALL
) AS m
WHERE d.account_id = m.account_id AND d.day = m.day;

DROP TABLE usage_account_hour;
