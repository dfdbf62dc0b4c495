-- quarantine (api_requests): the staged rows that are bad, with file, row
-- number, column, reason and the raw row as JSON (card-like numbers masked).
INSERT INTO quarantine BY NAME
SELECT
    $file_id AS file_id, $path AS path, $sha256 AS sha256, 'api_requests' AS table_name,
    s.rowid + 1 AS row_number, bad_column AS column_name, bad_reason AS reason,
    regexp_replace(
        json_object(
            'account_id', account_id, 'ts', bad_ts_raw, 'model', model,
            'input_tokens', bad_input_tokens_raw, 'output_tokens', bad_output_tokens_raw,
            'prompt_fingerprint', prompt_fingerprint, 'ip', ip
        )::VARCHAR,
        '(^|[^0-9])[0-9](?:[ -]?[0-9]){12,18}([^0-9]|$)', '\1[masked card number]\2', 'g'
    ) AS raw_row,
    $now AS ingested_at
FROM stage AS s
WHERE bad_reason IS NOT NULL;
