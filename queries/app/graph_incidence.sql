-- Which drawn members hold which drawn values (account -> attribute value links).
-- Input: evidence. Parameters: $accounts (VARCHAR[] of drawn members), $value_keys
-- (VARCHAR[] of kind || chr(31) || value for the drawn values).
SELECT DISTINCT account_id, kind, value
FROM evidence
WHERE account_id IN (SELECT unnest($accounts))
  AND kind || chr(31) || value IN (SELECT unnest($value_keys))
