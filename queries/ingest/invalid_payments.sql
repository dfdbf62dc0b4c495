-- invalid optional values (payments) among the file's good rows; stored NULL.
SELECT
    count(*) FILTER (WHERE card_bin_raw IS NOT NULL AND card_bin IS NULL) AS card_bin,
    count(*) FILTER (WHERE card_last4_raw IS NOT NULL AND card_last4 IS NULL) AS card_last4,
    count(*) FILTER (WHERE card_country_raw IS NOT NULL AND card_country IS NULL) AS card_country,
    count(*) FILTER (WHERE amount_raw IS NOT NULL AND amount IS NULL) AS amount,
    count(*) FILTER (WHERE currency_raw IS NOT NULL AND currency IS NULL) AS currency
FROM stage
WHERE bad_reason IS NULL;
