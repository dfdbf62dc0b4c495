-- invalid optional values (labels) among the file's good rows: ts stored NULL.
SELECT count(*) FILTER (WHERE ts_raw IS NOT NULL AND ts IS NULL) AS ts
FROM stage
WHERE bad_reason IS NULL;
