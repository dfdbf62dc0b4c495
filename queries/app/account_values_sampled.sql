-- An account's attribute values, how many accounts share each, and a few of them, read from
-- the rebuild's precomputed value_samples (queries/score/value_samples.sql): the same
-- columns as account_values.sql without scanning evidence for the other holders. A value
-- missing from value_samples is the account's alone (weight 0).
-- Inputs: evidence, value_samples. Parameters: $account_id, $sample (accounts shown per
-- value, at most 8).
WITH mine AS (
    SELECT DISTINCT kind, value FROM evidence WHERE account_id = $account_id
)
SELECT mi.kind, mi.value, coalesce(v.n_accounts, 1) AS accounts_sharing,
       coalesce(v.weight, 0.0) AS weight,
       list_filter(v.first_accounts, lambda a: a <> $account_id)[1:$sample] AS some_accounts
FROM mine mi
LEFT JOIN value_samples v USING (kind, value)
ORDER BY accounts_sharing DESC, mi.kind, mi.value
