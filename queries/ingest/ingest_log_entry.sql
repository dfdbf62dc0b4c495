-- ingest_log: one row per ingested file with its counts and the invalid
-- optional values it had (JSON object column -> count).
INSERT INTO ingest_log BY NAME
SELECT
    $file_id AS file_id, $path AS path, $sha256 AS sha256, $table_name AS table_name,
    $file_format AS file_format, $rows_read AS rows_read, $rows_loaded AS rows_loaded,
    $rows_duplicate AS rows_duplicate, $rows_quarantined AS rows_quarantined,
    CAST($invalid_optional AS JSON) AS invalid_optional, $now AS ingested_at, $seconds AS seconds;
