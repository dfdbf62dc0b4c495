-- api_requests: the good staged rows not already stored (same row_hash).
-- Equal rows within the file were removed by stage_dedupe.sql beforehand.
INSERT INTO api_requests BY NAME
SELECT
    account_id, ts, model, input_tokens, output_tokens, prompt_fingerprint, ip,
    row_key AS row_hash, $file_id AS file_id
FROM stage AS s
WHERE bad_reason IS NULL
  AND NOT EXISTS (SELECT 1 FROM api_requests AS e WHERE e.row_hash = s.row_key);
