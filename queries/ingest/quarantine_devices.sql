-- quarantine (devices): see quarantine_api_requests.sql.
INSERT INTO quarantine BY NAME
SELECT
    $file_id AS file_id, $path AS path, $sha256 AS sha256, 'devices' AS table_name,
    s.rowid + 1 AS row_number, bad_column AS column_name, bad_reason AS reason,
    regexp_replace(
        json_object('account_id', account_id, 'ts', ts_raw, 'device_id', device_id,
                    'user_agent', user_agent)::VARCHAR,
        '(^|[^0-9])[0-9](?:[ -]?[0-9]){12,18}([^0-9]|$)', '\1[masked card number]\2', 'g'
    ) AS raw_row,
    $now AS ingested_at
FROM stage AS s
WHERE bad_reason IS NOT NULL;
