-- An account's attribute values, how many accounts share each, and a few of them.
-- Inputs: evidence, value_stats, memberships. Parameters: $account_id, $sample (accounts shown
-- per value).
WITH mine AS (
    SELECT DISTINCT kind, value FROM evidence WHERE account_id = $account_id
), sharing AS (
    SELECT e.kind, e.value, e.account_id,
           row_number() OVER (PARTITION BY e.kind, e.value ORDER BY e.account_id) AS rn
    FROM evidence e
    JOIN mine USING (kind, value)
    WHERE e.account_id <> $account_id
)
SELECT mi.kind, mi.value, coalesce(s.n_accounts, 1) AS accounts_sharing, s.weight,
       (SELECT list(sh.account_id ORDER BY sh.account_id) FROM sharing sh
        WHERE sh.kind = mi.kind AND sh.value = mi.value AND sh.rn <= $sample) AS some_accounts
FROM mine mi
LEFT JOIN value_stats s USING (kind, value)
ORDER BY accounts_sharing DESC, mi.kind, mi.value
