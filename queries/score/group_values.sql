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
    SELECT m.cluster_id, m.campaign_id, e.kind, e.value
    FROM evidence e
    JOIN memberships m USING (account_id)
), shared AS (
    SELECT cluster_id, NULL::VARCHAR AS campaign_id, kind, value, count(*) AS members
    FROM held
    GROUP BY cluster_id, kind, value
    HAVING count(*) >= 2
    UNION ALL
    SELECT NULL::VARCHAR, campaign_id, kind, value, count(*)
    FROM held
    WHERE campaign_id IS NOT NULL
    GROUP BY campaign_id, kind, value
    HAVING count(*) >= 2
)
SELECT g.cluster_id, g.campaign_id, g.kind, g.value, g.members,
       s.n_accounts AS accounts_overall, s.weight,
       row_number() OVER (
           PARTITION BY g.cluster_id, g.campaign_id
           ORDER BY g.members * coalesce(s.weight, 0) DESC, g.members DESC, g.kind, g.value
       ) AS rank
FROM shared g
LEFT JOIN value_stats s ON s.kind = g.kind AND s.value = g.value
ORDER BY g.campaign_id NULLS FIRST, g.cluster_id, rank;
