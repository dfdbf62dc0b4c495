-- member_strength: how firmly each account belongs to its cluster.
-- attach: share of the account's edge weight that stays inside its cluster.
-- lock:   the account's own agreement with the cluster on the statistics that fired
--         for the cluster, each relative to the cluster's level: created within
--         $window_minutes of another member; its traffic on specific templates the
--         cluster's sample uses; its co-activity lift with the sample's hours.
-- strength = 0.3 attach + 0.7 lock. An innocent whose home IP a ring rents as a
-- proxy exit is attached by that IP but shares neither the ring's timing nor its
-- templates, so its strength stays low and it is not exported with the ring.
-- Inputs: raw_clusters, edges, accounts, score_groups, u_template, u_hour,
--         u_template_specific, cluster_coordination. Param: $window_minutes.
CREATE OR REPLACE TEMP TABLE member_strength AS
WITH attach AS (
    SELECT x.account_id,
           sum(CASE WHEN rc_o.cluster_id = rc.cluster_id THEN x.weight ELSE 0 END)
               / sum(x.weight) AS attach
    FROM (SELECT src AS account_id, dst AS other, weight FROM edges
          UNION ALL SELECT dst, src, weight FROM edges) x
    JOIN raw_clusters rc ON rc.account_id = x.account_id
    LEFT JOIN raw_clusters rc_o ON rc_o.account_id = x.other
    GROUP BY x.account_id
),
signup AS (
    SELECT account_id,
           least(epoch(created_at) - epoch(prev_at), epoch(next_at) - epoch(created_at))
               <= $window_minutes * 60 AS in_burst
    FROM (
        SELECT r.account_id, a.created_at,
               lag(a.created_at) OVER w AS prev_at, lead(a.created_at) OVER w AS next_at
        FROM raw_clusters r JOIN accounts a USING (account_id)
        WINDOW w AS (PARTITION BY r.cluster_id ORDER BY a.created_at, r.account_id)
    )
),
sample AS (
    SELECT cluster_id, account_id FROM score_groups WHERE rep = 0
),
sample_n AS (
    SELECT cluster_id, count(*) AS n_s FROM sample GROUP BY cluster_id
),
tmpl_counts AS (
    SELECT s.cluster_id, t.template, count(*) AS c
    FROM sample s JOIN u_template_specific t USING (account_id)
    WHERE t.specific
    GROUP BY s.cluster_id, t.template
),
tmpl AS (
    SELECT r.account_id,
           sum(t.requests * greatest(coalesce(c.c, 0) - (s.account_id IS NOT NULL)::INT, 0))
               / greatest(any_value(n.n_s) - any_value((s.account_id IS NOT NULL)::INT), 1)
               / sum(t.requests) AS shared
    FROM raw_clusters r
    JOIN u_template_specific t USING (account_id)
    JOIN sample_n n USING (cluster_id)
    LEFT JOIN tmpl_counts c ON c.cluster_id = r.cluster_id AND c.template = t.template
    LEFT JOIN sample s ON s.cluster_id = r.cluster_id AND s.account_id = r.account_id
    GROUP BY r.account_id
),
window_hours AS (
    SELECT greatest((epoch(max(hour)) - epoch(min(hour))) / 3600 + 1, 1) AS b FROM u_hour
),
hour_counts AS (
    SELECT s.cluster_id, h.hour, count(*) AS c
    FROM sample s JOIN u_hour h USING (account_id)
    WHERE h.requests > 0
    GROUP BY s.cluster_id, h.hour
),
sample_hours AS (
    SELECT s.cluster_id, count(*) AS total_hours
    FROM sample s JOIN u_hour h USING (account_id)
    WHERE h.requests > 0
    GROUP BY s.cluster_id
),
sync AS (
    SELECT r.account_id,
           count(*) AS hours,
           (s.account_id IS NOT NULL)::INT AS in_s,
           sum(greatest(coalesce(c.c, 0) - (s.account_id IS NOT NULL)::INT, 0)) AS co,
           any_value(n.n_s) AS n_s,
           any_value(sh.total_hours) AS total_hours
    FROM raw_clusters r
    JOIN u_hour h ON h.account_id = r.account_id AND h.requests > 0
    JOIN sample_n n ON n.cluster_id = r.cluster_id
    LEFT JOIN sample_hours sh ON sh.cluster_id = r.cluster_id
    LEFT JOIN hour_counts c ON c.cluster_id = r.cluster_id AND c.hour = h.hour
    LEFT JOIN sample s ON s.cluster_id = r.cluster_id AND s.account_id = r.account_id
    GROUP BY r.account_id, s.account_id
),
sync_lift AS (
    SELECT y.account_id,
           CASE WHEN y.n_s - y.in_s > 0 AND coalesce(y.total_hours, 0) - y.in_s * y.hours > 0
                THEN (y.co / ((y.n_s - y.in_s) * y.hours))
                     / ((y.total_hours - y.in_s * y.hours) / ((y.n_s - y.in_s) * w.b))
           END AS lift
    FROM sync y CROSS JOIN window_hours w
),
parts AS (
    SELECT r.account_id, r.cluster_id,
           coalesce(a.attach, 0) AS attach,
           coalesce(su.in_burst, false) AS in_burst,
           coalesce(t.shared, 0) AS template_shared,
           coalesce(y.lift, 1) AS sync_lift,
           cc.e_signup, cc.e_template, cc.e_sync, cc.template AS cluster_template,
           cc.sync AS cluster_sync
    FROM raw_clusters r
    JOIN cluster_coordination cc USING (cluster_id)
    LEFT JOIN attach a USING (account_id)
    LEFT JOIN signup su USING (account_id)
    LEFT JOIN tmpl t USING (account_id)
    LEFT JOIN sync_lift y USING (account_id)
),
rel AS (
    SELECT *,
           CASE WHEN e_signup > 0 THEN in_burst::INT::DOUBLE END AS rel_signup,
           CASE WHEN e_template > 0
                THEN least(1.0, template_shared / greatest(cluster_template, 1e-9)) END AS rel_template,
           CASE WHEN e_sync > 0
                THEN least(1.0, ln(greatest(sync_lift, 1.0)) / greatest(cluster_sync, 1e-9))
           END AS rel_sync
    FROM parts
)
SELECT account_id, cluster_id, attach, in_burst, template_shared, sync_lift,
       rel_signup, rel_template, rel_sync,
       coalesce((coalesce(rel_signup, 0) + coalesce(rel_template, 0) + coalesce(rel_sync, 0))
                / nullif((rel_signup IS NOT NULL)::INT + (rel_template IS NOT NULL)::INT
                         + (rel_sync IS NOT NULL)::INT, 0), 0) AS lock,
       0.3 * attach + 0.7 * lock AS strength
FROM rel;
