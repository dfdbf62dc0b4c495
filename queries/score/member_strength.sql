-- member_strength: how firmly each account belongs to its cluster.
-- attach: share of the account's edge weight that stays inside its cluster.
-- lock:   the account's own agreement with the cluster on the statistics on which
--         the cluster agrees beyond chance (agree_* in cluster_coordination.sql,
--         including one that the links forming the cluster selected: the cluster
--         itself needed two that they did not), each relative to the cluster's
--         level: created within
--         $window_minutes of another member; the share of its specific templates
--         that the cluster's sample uses in lockstep; its co-activity lift with
--         the sample's hours.
-- Each agreement is measured against what random accounts get against the same
-- cluster (the cluster's null accounts): 0 at the random level and 1 at the
-- cluster's. Signup: 1 minus the random accounts' in-burst share, or, if higher,
-- the local null of the member's signup time (local_null: a launch-day user
-- beside a ring that signs up all day is in a batch with it by chance). Co-activity:
-- from the 99th percentile of their lift (at least twice the null groups' lift)
-- up to the cluster's (none when the cluster is not above that percentile: it agrees
-- only as a group). Templates: from two points above the null groups' sharing;
-- none for a member on fewer than three specific templates.
-- Like the cluster, a member must agree on two kinds of evidence, each at least
-- $min_effect (the cluster's own bar): lock is the geometric mean of its two best
-- agreements, because single people vary far more than group averages: timing
-- alone, or timing plus a barely unusual daytime rhythm, is not enough.
-- strength = 0.3 attach + 0.7 lock. An innocent whose home IP a ring rents as a
-- proxy exit is attached by that IP but shares neither the ring's timing nor its
-- templates, so its strength stays low and it is not exported with the ring.
-- Inputs: raw_clusters, edges, accounts, u_template, u_hour_settled,
--         score_samples, u_template_specific, cluster_coordination. Params: $window_minutes, $template_lift,
--         $min_effect, $burst_local_hours.
-- signup_slot: the slot of $window_minutes a signup falls in; slots_within: how
-- many such slots make $burst_local_hours (local_null below).
CREATE OR REPLACE TEMP MACRO signup_slot(ts, minutes) AS
    CAST(floor(epoch(ts) / (60.0 * minutes)) AS BIGINT);
CREATE OR REPLACE TEMP MACRO slots_within(hours, minutes) AS
    CAST(round(60.0 * hours / minutes) AS BIGINT);

CREATE OR REPLACE TEMP TABLE member_strength AS
WITH attach AS (
    SELECT rc.account_id, rc.cluster_id,
           sum(CASE WHEN rc_o.account_id IS NOT NULL THEN x.weight ELSE 0 END)
               / sum(x.weight) AS attach
    FROM (SELECT src AS account_id, dst AS other, weight FROM edges
          UNION ALL SELECT dst, src, weight FROM edges) x
    JOIN raw_clusters rc ON rc.account_id = x.account_id
    LEFT JOIN raw_clusters rc_o ON rc_o.account_id = x.other AND rc_o.cluster_id = rc.cluster_id
    GROUP BY rc.account_id, rc.cluster_id
),
judged AS (
    -- clusters where at least one statistic fired: only there is a member's own
    -- agreement asked (elsewhere lock is 0 whatever it is, and the member-level
    -- fields are left NULL: not measured)
    SELECT cluster_id FROM cluster_coordination
    WHERE e_signup > 0 OR e_template > 0 OR e_sync > 0
),
people AS (
    -- the members, and the random accounts of the cluster's null groups (reps >= 1;
    -- drawn only for clusters that can fire, from accounts outside every cluster)
    SELECT cluster_id, account_id, false AS is_null
    FROM raw_clusters SEMI JOIN judged USING (cluster_id)
    UNION ALL
    SELECT DISTINCT cluster_id, account_id, true FROM score_groups SEMI JOIN judged USING (cluster_id)
    WHERE rep > 0
),
signup AS (
    -- In a burst: at least $min_batch members (itself included) created within
    -- $window_minutes of it (the same test as the group statistic). Measured for the random accounts too: beside a large
    -- ring that signs up all day, a random account is often "in a burst" as well.
    -- slot: the signup's slot of $window_minutes (local_null below)
    SELECT p.account_id, p.cluster_id, p.is_null,
           sum((NOT p.is_null)::INT) OVER w - (NOT p.is_null)::INT >= $min_batch - 1 AS in_burst,
           signup_slot(a.created_at, $window_minutes) AS slot
    FROM people p JOIN accounts a USING (account_id)
    WINDOW w AS (PARTITION BY p.cluster_id ORDER BY a.created_at
                 RANGE BETWEEN INTERVAL ($window_minutes) MINUTE PRECEDING
                           AND INTERVAL ($window_minutes) MINUTE FOLLOWING)
),
sample AS (
    SELECT cluster_id, account_id FROM score_samples SEMI JOIN judged USING (cluster_id)
),
sample_n AS (
    SELECT cluster_id, count(*) AS n_s FROM sample GROUP BY cluster_id
),
tmpl_counts AS (
    -- the templates the cluster's sample uses in lockstep (as in group_stats)
    SELECT s.cluster_id, t.template, count(*) AS c
    FROM sample s
    JOIN u_template_specific t USING (account_id)
    JOIN sample_n n ON n.cluster_id = s.cluster_id
    WHERE t.specific
    GROUP BY s.cluster_id, t.template
    HAVING count(*) >= 3
       AND count(*) >= $template_lift * any_value(t.global_share) * any_value(n.n_s)
),
tmpl AS (
    -- share of the member's specific templates that the sample runs in lockstep
    -- (used by two other sampled members), with two pseudo-templates not in
    -- lockstep: one request on one popular ring template is not lockstep
    SELECT r.account_id, r.cluster_id,
           sum((c.c IS NOT NULL AND c.c - (s.account_id IS NOT NULL)::INT >= 2)::INT)
               / (count(*) + 2) AS shared
    FROM raw_clusters r
    SEMI JOIN judged j ON j.cluster_id = r.cluster_id
    JOIN u_template_specific t ON t.account_id = r.account_id AND t.specific
    LEFT JOIN tmpl_counts c ON c.cluster_id = r.cluster_id AND c.template = t.template
    LEFT JOIN sample s ON s.cluster_id = r.cluster_id AND s.account_id = r.account_id
    GROUP BY r.account_id, r.cluster_id
    -- lockstep is a block of users on items, at least three of each (a template
    -- is in the sample's lockstep with three users, tmpl_counts): a member on
    -- fewer than three specific templates cannot show it
    HAVING count(*) >= 3
),
window_hours AS (
    -- hours in which anyone was active: robust to a stray timestamp far outside the window
    SELECT greatest(count(DISTINCT hour), 1) AS b FROM u_hour_settled
),
hour_counts AS (
    SELECT s.cluster_id, h.hour, count(*) AS c
    FROM sample s JOIN u_hour_settled h USING (account_id)
    GROUP BY s.cluster_id, h.hour
),
sample_hours AS (
    SELECT s.cluster_id, count(*) AS total_hours
    FROM sample s JOIN u_hour_settled h USING (account_id)
    GROUP BY s.cluster_id
),
sync AS (
    SELECT r.account_id, r.cluster_id, r.is_null,
           count(*) AS hours,
           (s.account_id IS NOT NULL)::INT AS in_s,
           sum(greatest(coalesce(c.c, 0) - (s.account_id IS NOT NULL)::INT, 0)) AS co,
           any_value(sh.total_hours) AS total_hours
    FROM people r
    JOIN u_hour_settled h ON h.account_id = r.account_id
    LEFT JOIN sample_hours sh ON sh.cluster_id = r.cluster_id
    LEFT JOIN hour_counts c ON c.cluster_id = r.cluster_id AND c.hour = h.hour
    LEFT JOIN sample s ON s.cluster_id = r.cluster_id AND s.account_id = r.account_id
    GROUP BY r.account_id, r.cluster_id, r.is_null, s.account_id
),
sync_lift AS (
    -- co-activity with the sample (itself excluded) over what an account active in
    -- the same number of hours at random would get: co / (hours * per_hour), per_hour
    -- the sample's active members in an average window hour. Shrunk by four
    -- pseudo-hours at lift 1: an account seen in one or two hours that happen to be
    -- the ring's busiest is not yet synchronised with it.
    SELECT y.account_id, y.cluster_id, y.is_null,
           CASE WHEN coalesce(y.total_hours, 0) - y.in_s * y.hours > 0
                THEN (y.co / ((y.total_hours - y.in_s * y.hours) / w.b) + 4) / (y.hours + 4)
           END AS lift
    FROM sync y CROSS JOIN window_hours w
),
null_levels AS (
    -- what a random account gets against the cluster: the share in a burst with its
    -- members, and the 99th percentile of its co-activity lift with the sample
    SELECT p.cluster_id,
           avg(coalesce(su.in_burst, false)::INT) AS burst_null,
           quantile_cont(ln(greatest(coalesce(y.lift, 1), 1)), 0.99) AS sync_null_q99
    FROM people p
    LEFT JOIN signup su USING (account_id, cluster_id)
    LEFT JOIN sync_lift y USING (account_id, cluster_id)
    WHERE p.is_null
    GROUP BY p.cluster_id
),
member_slots AS (
    -- the members' signups per slot of $window_minutes (judged clusters only)
    SELECT cluster_id, slot, count(*) AS members
    FROM signup
    WHERE NOT is_null AND slot IS NOT NULL AND $burst_local_hours > 0
    GROUP BY ALL
),
near_slots AS (  -- a member's slot and the two beside it
    SELECT DISTINCT cluster_id, slot + d AS slot FROM member_slots, range(-1, 2) t(d)
),
local_slots AS (
    -- every slot within $burst_local_hours of a member's signup: how many other
    -- accounts signed up in it, and whether it is near a member (a signup there
    -- is within about $window_minutes of one)
    SELECT w.cluster_id, w.slot,
           coalesce(s.n, 0) - coalesce(m.members, 0) AS others,
           coalesce(m.members, 0) AS members,
           n.slot IS NOT NULL AS near
    FROM (SELECT DISTINCT cluster_id, slot + d AS slot
          FROM member_slots,
               range(-slots_within($burst_local_hours, $window_minutes),
                     slots_within($burst_local_hours, $window_minutes) + 1) t(d)) w
    LEFT JOIN (SELECT signup_slot(created_at, $window_minutes) AS slot, count(*) AS n
               FROM accounts WHERE created_at IS NOT NULL GROUP BY ALL) s USING (slot)
    LEFT JOIN member_slots m USING (cluster_id, slot)
    LEFT JOIN near_slots n USING (cluster_id, slot)
),
local_null AS (
    -- the local burst null of a member's slot, over the accounts that signed up
    -- within $burst_local_hours of it: the smaller of the share of the others
    -- that are near a member anyway, and the share of others among all who are
    -- near a member. Beside a ring that signs up all day amid a launch-day crowd,
    -- anyone who signed up that day is "in a burst" with it and most of those
    -- near it are the crowd: a batch says little. On a quiet day a batch stands
    -- out (few others near), and so does a ring that outnumbers the others who
    -- signed up around it (most of those near it are its own).
    -- (Every slot of a member's frame is in local_slots, so the frame sums
    -- exactly those.)
    SELECT cluster_id, slot, local_null
    FROM (
        SELECT cluster_id, slot,
               least(sum(others * near::INT) OVER w / greatest(sum(others) OVER w, 1),
                     1 - sum(members) OVER w
                         / greatest(sum(members + others * near::INT) OVER w, 1)) AS local_null
        FROM local_slots
        WINDOW w AS (
            PARTITION BY cluster_id ORDER BY slot
            RANGE BETWEEN slots_within($burst_local_hours, $window_minutes) PRECEDING
                      AND slots_within($burst_local_hours, $window_minutes) FOLLOWING)
    ) l
    SEMI JOIN member_slots USING (cluster_id, slot)
),
parts AS (
    SELECT r.account_id, r.cluster_id,
           coalesce(a.attach, 0) AS attach,
           CASE WHEN j.cluster_id IS NOT NULL THEN coalesce(su.in_burst, false) END AS in_burst,
           CASE WHEN j.cluster_id IS NOT NULL THEN coalesce(t.shared, 0) END AS template_shared,
           CASE WHEN j.cluster_id IS NOT NULL THEN coalesce(y.lift, 1) END AS sync_lift,
           cc.agree_signup, cc.agree_template, cc.agree_sync,
           cc.template AS cluster_template, cc.template_mu,
           cc.sync AS cluster_sync,
           greatest(coalesce(nl.burst_null, 0), coalesce(ln_.local_null, 0)) AS burst_null,
           greatest(cc.sync_mu + ln(2), coalesce(nl.sync_null_q99, 0)) AS sync_base
    FROM raw_clusters r
    JOIN cluster_coordination cc USING (cluster_id)
    LEFT JOIN null_levels nl USING (cluster_id)
    LEFT JOIN attach a USING (account_id, cluster_id)
    LEFT JOIN signup su ON su.account_id = r.account_id AND su.cluster_id = r.cluster_id
                           AND NOT su.is_null
    LEFT JOIN tmpl t USING (account_id, cluster_id)
    LEFT JOIN sync_lift y ON y.account_id = r.account_id AND y.cluster_id = r.cluster_id
                             AND NOT y.is_null
    LEFT JOIN judged j ON j.cluster_id = r.cluster_id
    LEFT JOIN local_null ln_ ON ln_.cluster_id = r.cluster_id AND ln_.slot = su.slot
),
rel AS (
    SELECT *,
           CASE WHEN agree_signup > 0 THEN in_burst::INT * (1 - burst_null) END AS rel_signup,
           CASE WHEN agree_template > 0
                THEN least(1.0, greatest(0.0, (template_shared - template_mu - 0.05)
                                              / greatest(cluster_template - template_mu - 0.05, 1e-9)))
           END AS rel_template,
           -- A cluster whose co-activity is no higher than what its random accounts
           -- reach at their 99th percentile agrees only as a group: no single member
           -- can show it (1% of innocents pass that base by chance), so 0.
           CASE WHEN agree_sync > 0 AND cluster_sync <= sync_base THEN 0.0
                WHEN agree_sync > 0
                THEN least(1.0, greatest(0.0, (ln(greatest(sync_lift, 1.0)) - sync_base)
                                              / (cluster_sync - sync_base)))
           END AS rel_sync
    FROM parts
),
ranked AS (
    SELECT *,
           list_sort(list_filter([rel_signup, rel_template, rel_sync],
                                 lambda x: x IS NOT NULL AND x >= $min_effect), 'DESC')
               AS rels
    FROM rel
)
SELECT account_id, cluster_id, attach, in_burst, template_shared, sync_lift,
       rel_signup, rel_template, rel_sync, burst_null, sync_base,
       CASE WHEN len(rels) >= 2 THEN sqrt(rels[1] * rels[2]) ELSE 0.0 END AS lock,
       0.3 * attach + 0.7 * lock AS strength
FROM ranked;
