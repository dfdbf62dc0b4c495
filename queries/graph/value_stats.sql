-- value_stats: how rare and how telling each shared value is.
-- n_accounts: accounts that share the value; t_min/t_max: when they showed it.
-- weight: the evidence one link through this value carries. For identifier kinds
-- (rarity = true) it is kind weight / log2(n_accounts): a value shared by 2
-- accounts gives the full kind weight, by 4 half, by 1,000 a tenth (the
-- Adamic-Adar weighting of link prediction; the same idea as Splink's
-- term-frequency adjustment). Soft kinds (a phone block, an e-mail pattern, a
-- prefix) are instead discounted per link by how surprising the time gap is
-- given the value's base rate (see edges.sql). Values shared by more than the
-- kind's max_accounts (or than max_share of the accounts that have the kind at
-- all) are hubs, and allowlisted values (config graph.allowlist)
-- say nothing: both keep weight 0 and emit no edges, but stay for explanation.
-- Inputs: evidence, kind_params, allowlist.
CREATE OR REPLACE TABLE value_stats AS
WITH counted AS (
    SELECT kind, value, count(*) AS n_accounts, min(t) AS t_min, max(t) AS t_max
    FROM evidence
    GROUP BY kind, value
),
kind_accounts AS (
    SELECT kind, count(DISTINCT account_id) AS n_with_kind FROM evidence GROUP BY kind
)
SELECT
    c.kind,
    c.value,
    c.n_accounts,
    c.t_min,
    c.t_max,
    a.value IS NOT NULL AS allowlisted,
    CASE
        WHEN c.n_accounts < 2 OR c.n_accounts > k.max_accounts OR a.value IS NOT NULL THEN 0.0
        WHEN c.n_accounts > greatest(k.max_share * ka.n_with_kind, 50) THEN 0.0
        WHEN k.rarity THEN k.weight / log2(c.n_accounts)
        ELSE k.weight
    END AS weight
FROM counted c
JOIN kind_params k ON k.kind = c.kind
JOIN kind_accounts ka ON ka.kind = c.kind
LEFT JOIN (SELECT DISTINCT kind, value FROM allowlist) a ON a.kind = c.kind AND a.value = c.value;
