-- group_formation: which evidence formed each group (fine cluster, middle and
-- coarse ring candidate): the share of the link weight inside the group that
-- each kind class carries (edges.kind_weights).
-- A statistic measured on a group that links of its own kind selected is
-- partly the selection: Leiden groups framework users *because* they share
-- templates, and the launch day's users *because* they signed up minutes
-- apart with the same e-mail shape, so their template or signup agreement
-- against random groups is there by construction (the same bias made signup
-- pairs unsafe: docs/scoring.md section 3). cluster_coordination.sql does
-- not count an agreement whose class carries at least $max_formed_share of the
-- group's internal weight.
--   formed_signup:   the kinds that link only accounts that showed a value
--                    close in time (signup_burst, email_pattern, phone_block,
--                    ip_prefix): they select signup batches
--   formed_template: template links select template lockstep
--   formed_sync:     sync links (shared active-hour bands) select co-activity
-- Run right before cluster_coordination.sql, after any finer cut renamed
-- clusters. Input: edges, raw_clusters.
CREATE OR REPLACE TEMP TABLE group_formation AS
WITH parts AS (
    SELECT src, dst, unnest(kinds) AS kind, unnest(kind_weights) AS w FROM edges
),
internal AS (
    SELECT a.cluster_id, p.kind, p.w
    FROM parts p
    JOIN raw_clusters a ON a.account_id = p.src
    JOIN raw_clusters b ON b.account_id = p.dst AND b.cluster_id = a.cluster_id
)
SELECT cluster_id,
       coalesce(sum(w) FILTER (WHERE kind IN ('signup_burst', 'email_pattern', 'phone_block', 'ip_prefix')), 0)
           / sum(w) AS formed_signup,
       coalesce(sum(w) FILTER (WHERE kind = 'template'), 0) / sum(w) AS formed_template,
       coalesce(sum(w) FILTER (WHERE kind = 'sync'), 0) / sum(w) AS formed_sync
FROM internal
GROUP BY cluster_id
HAVING sum(w) > 0;
