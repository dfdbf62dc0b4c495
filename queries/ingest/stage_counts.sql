-- stage counts: rows read, bad rows and good rows (one pass over two columns).
-- Whether a key repeats among the good rows is stage_repeated.sql.
SELECT
    count(*) AS rows_read,
    count(bad_reason) AS rows_bad,
    count(*) - count(bad_reason) AS rows_good
FROM stage;
