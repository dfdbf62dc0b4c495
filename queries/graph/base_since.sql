-- What an incremental rebuild needs from its base run: the newest store file that run
-- had read (its recorded input marks) and whether it holds the tables reused here.
-- Input: base (the previous run, ATTACHed read-only).
SELECT
    (SELECT TRY_CAST(json_extract_string(inputs, '$.max_file_id') AS BIGINT)
     FROM base.run_info) AS since_file_id,
    (SELECT count(*) FROM duckdb_tables()
     WHERE database_name = 'base'
       AND table_name IN ('accounts', 'evidence', 'graph_membership')) = 3 AS has_tables
