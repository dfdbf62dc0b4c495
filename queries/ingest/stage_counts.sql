-- stage counts: rows read, bad rows, and good rows / distinct keys among them
-- (a difference means rows repeated within the file).
SELECT
    count(*) AS rows_read,
    count(*) FILTER (WHERE bad_reason IS NOT NULL) AS rows_bad,
    count(*) FILTER (WHERE bad_reason IS NULL) AS rows_good,
    count(DISTINCT row_key) FILTER (WHERE bad_reason IS NULL) AS distinct_good_keys
FROM stage;
