-- flag (payments): a card_fingerprint that is a real card number (13-19 digits
-- passing Luhn, found by lookups.card_numbers) makes the row bad; the number is
-- masked in the quarantine and never stored.
UPDATE stage
SET bad_column = 'card_fingerprint',
    bad_reason = 'card number in card_fingerprint (13-19 digits passing Luhn); masked'
WHERE bad_reason IS NULL
  AND card_fingerprint IN (SELECT raw FROM lookup_card);
