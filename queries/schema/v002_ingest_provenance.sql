-- v002: provenance details added after the first release.
--   ingest_log.file_format, ingest_log.seconds: how a file was read and how long it took;
--   payments.payment_id_derived: true when payment_id was derived from the row
--   because the file had none (contract: "derived from the row when absent").
-- Existing rows are backfilled: the format from the path's extension, and
-- payment ids that carry the derived prefix 'pd_' are marked derived.
ALTER TABLE ingest_log ADD COLUMN file_format VARCHAR;

ALTER TABLE ingest_log ADD COLUMN seconds DOUBLE;

ALTER TABLE payments ADD COLUMN payment_id_derived BOOLEAN DEFAULT false;

UPDATE ingest_log
SET file_format = CASE
    WHEN regexp_matches(lower(path), '\.parquet$') THEN 'parquet'
    WHEN regexp_matches(lower(path), '\.(jsonl|ndjson|json)(\.gz)?$') THEN 'jsonl'
    ELSE 'csv'
END;

UPDATE payments SET payment_id_derived = starts_with(payment_id, 'pd_');
