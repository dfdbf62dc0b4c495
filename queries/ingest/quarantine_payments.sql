-- quarantine (payments): see quarantine_api_requests.sql.
INSERT INTO quarantine BY NAME
SELECT
    $file_id AS file_id, $path AS path, $sha256 AS sha256, 'payments' AS table_name,
    s.rowid + 1 AS row_number, bad_column AS column_name, bad_reason AS reason,
    regexp_replace(
        json_object(
            'payment_id', payment_id_raw, 'account_id', account_id, 'ts', ts_raw,
            'card_fingerprint', card_fingerprint, 'card_bin', card_bin_raw,
            'card_last4', card_last4_raw, 'card_country', card_country_raw,
            'billing_postal_code', billing_postal_code, 'amount', amount_raw,
            'currency', currency_raw
        )::VARCHAR,
        '(^|[^0-9])[0-9](?:[ -]?[0-9]){12,18}([^0-9]|$)', '\1[masked card number]\2', 'g'
    ) AS raw_row,
    $now AS ingested_at
FROM stage AS s
WHERE bad_reason IS NOT NULL;
