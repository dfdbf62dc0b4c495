-- value_samples: for every attribute value at least two accounts hold, how many hold it,
-- its rarity weight, and the first nine holders by id: the "who else has this" column of
-- the app's account view. Precomputed here because a value can be held by a million
-- accounts (a popular template, a signup hour), and reading them from evidence cost the
-- app's account lookup over a second at 2M accounts. min_by(..., 9) keeps only the nine
-- smallest ids per value as it goes. Values held by one account are left out (their
-- weight is 0 and nobody shares them).
-- Inputs: evidence, value_stats.
CREATE OR REPLACE TABLE value_samples AS
SELECT e.kind, e.value, any_value(s.n_accounts) AS n_accounts, any_value(s.weight) AS weight,
       min_by(e.account_id, e.account_id, 9) AS first_accounts
FROM evidence e
JOIN value_stats s ON s.kind = e.kind AND s.value = e.value AND s.n_accounts >= 2
GROUP BY e.kind, e.value;
