-- payments: good staged rows whose payment_id (given or derived) is not stored yet.
INSERT INTO payments BY NAME
SELECT
    row_key AS payment_id, payment_id_derived, account_id, ts, card_fingerprint, card_bin,
    card_last4, card_country, billing_postal_code, amount, currency, $file_id AS file_id
FROM stage AS s
WHERE bad_reason IS NULL
  AND NOT EXISTS (SELECT 1 FROM payments AS p WHERE p.payment_id = s.row_key);
