-- first bad row of the staged file (for --strict): row number, column, reason.
SELECT rowid + 1 AS row_number, bad_column, bad_reason
FROM stage
WHERE bad_reason IS NOT NULL
ORDER BY rowid
LIMIT 1;
