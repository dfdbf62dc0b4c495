-- Whether a table named $table exists on the connection; with $catalog, only in
-- that (attached) database. Used before reading a table that older runs,
-- stores or ops files may not have.
SELECT count(*) > 0
FROM duckdb_tables()
WHERE table_name = $table AND ($catalog IS NULL OR database_name = $catalog);
