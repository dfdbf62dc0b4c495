-- next file id: the ingest_log.file_id of the file being loaded.
SELECT nextval('ingest_file_id') AS file_id;
