-- group_stats: three coordination statistics for every group of score_groups,
-- appended to group_stats. Runs twice: on the observed samples (rep 0), then on
-- the null groups drawn for them (reps >= 1; null_groups).
--   signup    share of members in a signup batch: at least $min_batch members
--             (itself included) created within $window_minutes of it; in a sample
--             of a cluster larger than $sample_size, two (see stat_signup).
--   template  CopyCatch-style template lockstep: the mean over members of the share
--             of their distinct specific prompt templates (not hubs: see
--             value_stats) that the group uses in lockstep: at least three members,
--             and $template_lift times more often than the population does. Popular
--             templates (camouflage included) count nothing: everyone shares them;
--             counting distinct templates, not requests, keeps the test sharp for
--             light users who touch each template once. As in CopyCatch, lockstep
--             is a set of users on a set of items: a group with fewer than
--             $template_min_items lockstep templates (a team's few internal
--             prompts) scores 0 here.
--   sync_lift SynchroTrap-style co-activity: pairs of members active in the same
--             hour, over what independent members with the same activity volumes
--             would give, sum_h c_h (c_h - 1) / (((sum H)^2 - sum H^2) / B), B the
--             hours in which anyone was active, smoothed by n pseudo-pairs on both
--             sides so that two members meeting once in a quiet group is no lift.
--             Accounts that are always on give lift 1: their co-activity says nothing.
-- Inputs: score_groups, raw_clusters, accounts, u_template_specific, u_hour_settled
-- (settled_hours.sql: active hours after the activation window). Appends to
-- group_stats and, for observed groups (rep 0), to group_lockstep (samples.sql).
-- Params: $window_minutes, $min_batch, $sample_size,
-- $template_lift, $template_min_items, $min_member_templates.
CREATE OR REPLACE TEMP TABLE group_sizes AS
SELECT cluster_id, rep, count(*) AS n FROM score_groups GROUP BY cluster_id, rep;

CREATE OR REPLACE TEMP TABLE stat_signup AS
WITH need AS (
    -- Other members a member needs within the window: $min_batch - 1 in a group
    -- measured whole. A group larger than $sample_size is measured on a sample,
    -- which thins a batch of k to about k * sample / size members: there two
    -- sampled members in one window already stand for a batch (and a chance pair
    -- of the whole group is as rare in the sample as in a random group).
    SELECT cluster_id, CASE WHEN count(*) > $sample_size THEN 1 ELSE $min_batch - 1 END AS k
    FROM raw_clusters
    GROUP BY cluster_id
)
SELECT b.cluster_id, b.rep, avg(CASE WHEN b.near >= n.k THEN 1.0 ELSE 0.0 END) AS signup
FROM (
    SELECT g.cluster_id, g.rep, count(*) OVER w - 1 AS near
    FROM score_groups g JOIN accounts a USING (account_id)
    WINDOW w AS (PARTITION BY g.cluster_id, g.rep ORDER BY a.created_at
                 RANGE BETWEEN INTERVAL ($window_minutes) MINUTE PRECEDING
                           AND INTERVAL ($window_minutes) MINUTE FOLLOWING)
) AS b
JOIN need AS n USING (cluster_id)
GROUP BY b.cluster_id, b.rep;

-- template_members: each member's specific templates; a member with fewer than
-- $min_member_templates cannot show lockstep: it agrees with nobody here (its
-- share is 0). template_counts: which templates each group uses in lockstep, and
-- share_sum, the sum over the template's users of 1 / n_member (n_member: how
-- many specific templates the member has). A member's share is the sum of those
-- terms over its lockstep templates, so stat_template needs no join back to the
-- members.
CREATE OR REPLACE TEMP TABLE template_members AS
SELECT g.cluster_id, g.rep, g.account_id, t.template, t.global_share,
       count(*) OVER (PARTITION BY g.cluster_id, g.rep, g.account_id) AS n_member
FROM score_groups g JOIN u_template_specific t USING (account_id)
WHERE t.specific
QUALIFY n_member >= $min_member_templates;

CREATE OR REPLACE TEMP TABLE template_counts AS
SELECT i.cluster_id, i.rep, i.template, count(*) AS c,
       count(*) >= 3 AND count(*) >= $template_lift * any_value(i.global_share) * any_value(s.n)
           AS lockstep,
       sum(1.0 / i.n_member) AS share_sum
FROM template_members i JOIN group_sizes s USING (cluster_id, rep)
GROUP BY i.cluster_id, i.rep, i.template;

-- the observed groups' lockstep templates, kept for community_nulls.sql
INSERT INTO group_lockstep
SELECT cluster_id, template FROM template_counts WHERE rep = 0 AND lockstep;

-- the mean of the members' lockstep shares: the lockstep templates' share_sum
-- over the group size (2M accounts: 11 s faster than averaging per member after
-- joining every member's templates back to the counts)
CREATE OR REPLACE TEMP TABLE stat_template AS
SELECT c.cluster_id, c.rep,
       CASE WHEN count(*) FILTER (WHERE c.lockstep) >= $template_min_items
            THEN sum(c.share_sum) FILTER (WHERE c.lockstep) / any_value(s.n)
            ELSE 0 END AS template
FROM template_counts c JOIN group_sizes s USING (cluster_id, rep)
GROUP BY c.cluster_id, c.rep;

DROP TABLE template_members;
DROP TABLE template_counts;

CREATE OR REPLACE TEMP TABLE stat_sync AS
WITH window_hours AS (
    -- hours in which anyone was active: robust to a stray timestamp far outside the window
    SELECT greatest(count(DISTINCT hour), 1) AS b FROM u_hour_settled
),
inc AS (
    SELECT g.cluster_id, g.rep, g.account_id, h.hour
    FROM score_groups g JOIN u_hour_settled h USING (account_id)
),
per_hour AS (
    SELECT cluster_id, rep, count(*) AS c FROM inc GROUP BY cluster_id, rep, hour
),
per_member AS (
    SELECT cluster_id, rep, count(*) AS hours FROM inc GROUP BY cluster_id, rep, account_id
),
obs AS (
    SELECT cluster_id, rep, sum(c * (c - 1))::DOUBLE AS pairs FROM per_hour GROUP BY cluster_id, rep
),
expect AS (
    SELECT cluster_id, rep,
           (sum(hours)::DOUBLE * sum(hours) - sum(hours::DOUBLE * hours)) AS raw
    FROM per_member GROUP BY cluster_id, rep
)
SELECT o.cluster_id, o.rep,
       (o.pairs + g.n) / (e.raw / w.b + g.n) AS sync_lift
FROM obs o
JOIN expect e USING (cluster_id, rep)
JOIN group_sizes g USING (cluster_id, rep)
CROSS JOIN window_hours w;

INSERT INTO group_stats
SELECT s.cluster_id, s.rep, s.n,
       coalesce(su.signup, 0) AS signup,
       coalesce(t.template, 0) AS template,
       ln(greatest(coalesce(y.sync_lift, 1.0), 1.0)) AS sync
FROM group_sizes s
LEFT JOIN stat_signup su USING (cluster_id, rep)
LEFT JOIN stat_template t USING (cluster_id, rep)
LEFT JOIN stat_sync y USING (cluster_id, rep);
