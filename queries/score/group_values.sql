-- group_values: per cluster and per campaign, the attribute values at least two members
-- share, ranked most telling first (members holding it x rarity weight): what the app's
-- detail page lists and draws. Precomputed here because each group would otherwise cost
-- the app a scan of evidence (a second or more for a 25,000-account campaign).
-- A cluster's rows have campaign_id NULL and a campaign's rows cluster_id NULL, so the
-- stable-id rewrite (runs/ids.py) maps both columns like any other snapshot table.
-- evidence holds one row per (account, kind, value), so count(*) counts members.
-- Inputs: evidence, memberships, value_stats.
CREATE OR REPLACE TABLE group_values AS
WITH held AS (
    -- only values at least two accounts hold can be shared by two members: value_stats
    -- counts every holder of every evidence value, so the rest are left out before
    -- grouping (at 2M accounts most members' values are their own: e-mail, phone,
    -- templates, activity bands)
    SELECT m.cluster_id, m.campaign_id, e.kind, e.value, s.n_accounts, s.weight
    FROM evidence e
    JOIN memberships m USING (account_id)
    JOIN value_stats s ON s.kind = e.kind AND s.value = e.value AND s.n_accounts >= 2
), shared AS (
    SELECT cluster_id, NULL::VARCHAR AS campaign_id, kind, value, n_accounts, weight,
           count(*) AS members
    FROM held
    GROUP BY cluster_id, kind, value, n_accounts, weight
    HAVING count(*) >= 2
    UNION ALL
    SELECT NULL::VARCHAR, campaign_id, kind, value, n_accounts, weight, count(*)
    FROM held
    WHERE campaign_id IS NOT NULL
    GROUP BY campaign_id, kind, value, n_accounts, weight
    HAVING count(*) >= 2
)
SELECT g.cluster_id, g.campaign_id, g.kind, g.value, g.members,
       g.n_accounts AS accounts_overall, g.weight,
       row_number() OVER (
           PARTITION BY g.cluster_id, g.campaign_id
           ORDER BY g.members * coalesce(g.weight, 0) DESC, g.members DESC, g.kind, g.value
       ) AS rank
FROM shared g
ORDER BY g.campaign_id NULLS FIRST, g.cluster_id, rank;
