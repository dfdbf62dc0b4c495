-- labels: good staged rows not already stored (same row_hash).
INSERT INTO labels BY NAME
SELECT account_id, label, source, ts, row_key AS row_hash, $file_id AS file_id
FROM stage AS s
WHERE bad_reason IS NULL
  AND NOT EXISTS (SELECT 1 FROM labels AS e WHERE e.row_hash = s.row_key);
