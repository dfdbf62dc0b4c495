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
-- Each edge is put in its source's groups first (MATERIALIZED), then kept where
-- its destination is in the same group. Left to itself the optimizer paired the
-- groups' members first: the sum of the groups' squared sizes, 75M rows for a
-- 60k-account population whose campaign made one 5,214-account candidate
-- (28 s and 5 GB, against the edges' 1.3M kind parts).
WITH parts AS (
    SELECT src, dst, unnest(kinds) AS kind, unnest(kind_weights) AS w FROM edges
),
from_src AS MATERIALIZED (
    SELECT a.cluster_id, p.dst, p.kind, p.w
    FROM parts p
    JOIN raw_clusters a ON a.account_id = p.src
),
internal AS (
    SELECT s.cluster_id, s.kind, s.w
    FROM from_src s
    JOIN raw_clusters b ON b.account_id = s.dst AND b.cluster_id = s.cluster_id
)
SELECT cluster_id,
       coalesce(sum(w) FILTER (WHERE kind IN ('signup_burst', 'email_pattern', 'phone_block', 'ip_prefix')), 0)
           / sum(w) AS formed_signup,
       coalesce(sum(w) FILTER (WHERE kind = 'template'), 0) / sum(w) AS formed_template,
       coalesce(sum(w) FILTER (WHERE kind = 'sync'), 0) / sum(w) AS formed_sync
FROM internal
GROUP BY cluster_id
HAVING sum(w) > 0;
