-- quarantine (accounts): see quarantine_api_requests.sql.
INSERT INTO quarantine BY NAME
SELECT
    $file_id AS file_id, $path AS path, $sha256 AS sha256, 'accounts' AS table_name,
    s.rowid + 1 AS row_number, bad_column AS column_name, bad_reason AS reason,
    regexp_replace(
        json_object(
            'account_id', account_id, 'created_at', created_at_raw, 'email', email,
            'phone', phone, 'country', country_raw, 'signup_ip', signup_ip,
            'signup_device_id', signup_device_id, 'user_agent', user_agent, 'org_id', org_id
        )::VARCHAR,
        '(^|[^0-9])[0-9](?:[ -]?[0-9]){12,18}([^0-9]|$)', '\1[masked card number]\2', 'g'
    ) AS raw_row,
    $now AS ingested_at
FROM stage AS s
WHERE bad_reason IS NOT NULL;
