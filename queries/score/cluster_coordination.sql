-- cluster_coordination: each cluster's coordination tested against its null model.
-- For each statistic d (signup, template, sync) the cluster's value (rep 0) is
-- compared with the mean and spread of its random same-size, same-strata groups
-- (reps >= 1): z = (obs - mean) / max(sd, floor / sqrt(n)). The floor keeps a
-- small group, whose random null groups almost never share anything (sd 0),
-- from firing on one coincidence: three people sharing one template is not a
-- ring, a dozen running the same templates is. A statistic "fires" when
-- z >= $z_min and its evidence e_d = clamp((obs - mean) / target_d, 0, 1), how far
-- beyond chance the members agree, reaches $min_effect: a university whose
-- students are a little more often online together than strangers is
-- significant but weak, a ring working one shift is both. The coordination score needs two
-- independent kinds of agreement: 0.85 * sqrt(e_1 e_2) + 0.15 e_3 with
-- e_1 >= e_2 >= e_3, so a launch-day signup spike (timing only) or users of one
-- agent framework (templates only) stay low, while a ring that signs up in
-- batches, runs the same templates and works the same hours scores high.
-- A group without null groups (null_groups skipped it: it cannot fire two
-- statistics) gets no z and scores 0.
-- Selection: an agreement on the kind of evidence whose links formed the group
-- (at least $max_formed_share of its internal link weight, group_formation.sql)
-- is not counted: the graph picked those members for it.
-- Where a group also has community null groups (reps > 1000: other users of its
-- templates, community_nulls.sql), each statistic is tested against both null
-- models and keeps the smaller evidence: agreement counts only where it lies
-- beyond strangers from the same countries and beyond the other users of the
-- same templates alike.
-- Input: group_stats, group_formation. Params: $z_min, $min_effect, $max_formed_share, $signup_floor, $template_floor,
-- $sync_floor, $signup_target, $template_target, $sync_target.
-- null_z: how far an observed statistic lies beyond its null groups, in their
-- spread (at least floor / sqrt(n), see above). null_effect: the evidence beyond
-- them, clamped to [0, 1], and 0 unless z >= z_min. One pair of each for both nulls.
CREATE OR REPLACE TEMP MACRO null_z(obs, mu, sd, floor, n) AS
    (obs - mu) / greatest(coalesce(sd, 0), floor / sqrt(n));
CREATE OR REPLACE TEMP MACRO null_effect(z, z_min, obs, mu, target) AS
    CASE WHEN z >= z_min THEN least(1.0, greatest(0.0, (obs - mu) / target)) ELSE 0.0 END;

CREATE OR REPLACE TEMP TABLE cluster_coordination AS
WITH nulls AS (
    SELECT cluster_id,
           avg(signup) AS signup_mu, stddev_samp(signup) AS signup_sd,
           avg(template) AS template_mu, stddev_samp(template) AS template_sd,
           avg(sync) AS sync_mu, stddev_samp(sync) AS sync_sd
    FROM group_stats WHERE rep BETWEEN 1 AND 1000 GROUP BY cluster_id
),
community AS (
    SELECT cluster_id, count(*) AS community_reps,
           avg(signup) AS c_signup_mu, stddev_samp(signup) AS c_signup_sd,
           avg(template) AS c_template_mu, stddev_samp(template) AS c_template_sd,
           avg(sync) AS c_sync_mu, stddev_samp(sync) AS c_sync_sd
    FROM group_stats WHERE rep > 1000 GROUP BY cluster_id
),
obs AS (
    SELECT cluster_id, n AS sample_n, signup, template, sync FROM group_stats WHERE rep = 0
),
z AS (
    SELECT o.*, n.* EXCLUDE (cluster_id), c.* EXCLUDE (cluster_id),
           null_z(signup, signup_mu, signup_sd, $signup_floor, sample_n) AS signup_z,
           null_z(template, template_mu, template_sd, $template_floor, sample_n) AS template_z,
           null_z(sync, sync_mu, sync_sd, $sync_floor, sample_n) AS sync_z,
           null_z(signup, c_signup_mu, c_signup_sd, $signup_floor, sample_n) AS c_signup_z,
           null_z(template, c_template_mu, c_template_sd, $template_floor, sample_n) AS c_template_z,
           null_z(sync, c_sync_mu, c_sync_sd, $sync_floor, sample_n) AS c_sync_z
    FROM obs o
    LEFT JOIN nulls n USING (cluster_id)  -- no null groups: cannot fire two (null_groups)
    LEFT JOIN community c USING (cluster_id)
),
formed AS (
    SELECT z.*,
           coalesce(f.formed_signup, 0.0) AS formed_signup,
           coalesce(f.formed_template, 0.0) AS formed_template,
           coalesce(f.formed_sync, 0.0) AS formed_sync,
           $max_formed_share < 1 AND formed_signup >= $max_formed_share AS selected_signup,
           $max_formed_share < 1 AND formed_template >= $max_formed_share AS selected_template,
           $max_formed_share < 1 AND formed_sync >= $max_formed_share AS selected_sync
    FROM z LEFT JOIN group_formation f USING (cluster_id)
),
raw_e AS (
    -- without community null groups, the country null alone decides
    SELECT *,
           least(null_effect(signup_z, $z_min, signup, signup_mu, $signup_target),
                 CASE WHEN community_reps IS NULL THEN 1.0 ELSE
                     null_effect(c_signup_z, $z_min, signup, c_signup_mu, $signup_target) END)
               AS e_signup,
           least(null_effect(template_z, $z_min, template, template_mu, $template_target),
                 CASE WHEN community_reps IS NULL THEN 1.0 ELSE
                     null_effect(c_template_z, $z_min, template, c_template_mu, $template_target) END)
               AS e_template,
           least(null_effect(sync_z, $z_min, sync, sync_mu, $sync_target),
                 CASE WHEN community_reps IS NULL THEN 1.0 ELSE
                     null_effect(c_sync_z, $z_min, sync, c_sync_mu, $sync_target) END)
               AS e_sync
    FROM formed
),
agree AS (
    -- an agreement is one at least $min_effect of full coordination; members may
    -- agree with the group on any of them (member_strength.sql)
    SELECT *,
           CASE WHEN e_signup >= $min_effect THEN e_signup ELSE 0.0 END AS agree_signup,
           CASE WHEN e_template >= $min_effect THEN e_template ELSE 0.0 END AS agree_template,
           CASE WHEN e_sync >= $min_effect THEN e_sync ELSE 0.0 END AS agree_sync
    FROM raw_e
),
e AS (
    -- the group's own count leaves out an agreement that links of its kind
    -- selected (group_formation.sql): it needs two that they did not
    SELECT * REPLACE (
        CASE WHEN selected_signup THEN 0.0 ELSE agree_signup END AS e_signup,
        CASE WHEN selected_template THEN 0.0 ELSE agree_template END AS e_template,
        CASE WHEN selected_sync THEN 0.0 ELSE agree_sync END AS e_sync)
    FROM agree
)
SELECT *,
       list_sort([e_signup, e_template, e_sync], 'DESC') AS e_sorted,
       0.85 * sqrt(e_sorted[1] * e_sorted[2]) + 0.15 * e_sorted[3] AS coordination
FROM e;
