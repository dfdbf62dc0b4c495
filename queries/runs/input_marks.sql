-- input_marks: the high-water marks of the store's ingest log; a rebuild records them and
-- `rebuild --if-changed` skips when they have not moved (with manual labels and config).
-- Inputs: store.ingest_log (ATTACHed read-only).
SELECT
    count(*) AS ingest_files,
    max(file_id) AS max_file_id,
    CAST(max(ingested_at) AS VARCHAR) AS last_ingested_at
FROM store.ingest_log
