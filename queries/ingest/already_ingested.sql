-- already ingested: whether a file with this content was loaded as this table.
SELECT count(*) > 0 AS seen
FROM ingest_log
WHERE sha256 = $sha256 AND table_name = $table_name;
