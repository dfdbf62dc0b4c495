-- community_nulls: a second null model for groups that agree on templates, drawn
-- from the other users of those templates (reps > 1000 of score_groups).
--
-- Users of one agent framework run its hundreds of built-in prompts on cron
-- schedules. Random accounts from the same countries almost never share those
-- prompts, so a group of framework users agrees on templates (and works the
-- same hours) far beyond its country null, and scores like a ring. The right
-- question is the one the institution null asks of a class: does the group
-- agree beyond the other users of its own templates? A framework group does
-- not: any handful of the framework's users shares its prompts just as much.
-- A ring does: its templates are its own, and the few outsiders who touch some
-- of them (a popular prompt it uses for camouflage) agree on far less.
--
-- Who the other users are: accounts that use as many of the group's lockstep
-- templates (counted as group_stats.sql counts them) as its typical member,
-- outside the group, and outside every group that already scores as
-- coordinated (coordination >= $threshold). The last clause keeps a campaign
-- from being its own null: its other rings run the same templates, but they
-- score on their own, so their accounts are not "other users". A framework's
-- other users are mostly ordinary accounts nobody flags.
-- Only groups that score (coordination >= $threshold) with template agreement
-- (e_template > 0) get this null, and only where at least as many other users
-- exist as the group's sample: fewer, and the templates are the group's own.
-- cluster_coordination.sql then keeps, for each statistic, the smaller evidence
-- of the two null models.
-- Inputs: cluster_coordination (first pass), group_lockstep (group_stats.sql),
-- score_samples, score_groups, raw_clusters, u_template_specific.
-- Params: $seed, $replicates, $threshold, $community_min_templates.
CREATE OR REPLACE TEMP TABLE community_targets AS
SELECT cluster_id, sample_n AS n_s
FROM cluster_coordination
WHERE $community_min_templates > 0 AND e_template > 0 AND coordination >= $threshold;

-- A stand-in uses as many of those templates as a typical member: the median,
-- over the sampled members who use any, of how many they use (at least
-- $community_min_templates). Accounts that touch two or three of them are not
-- users of the same templates: a ring that runs its own prompts beside a few of
-- a framework's is not explained by the framework's users.
CREATE OR REPLACE TEMP TABLE community_need AS
SELECT cluster_id, greatest($community_min_templates, quantile_disc(k, 0.5)) AS need
FROM (
    SELECT s.cluster_id, s.account_id, count(*) AS k
    FROM score_samples s
    SEMI JOIN community_targets USING (cluster_id)
    JOIN u_template_specific t USING (account_id)
    JOIN group_lockstep l ON l.cluster_id = s.cluster_id AND l.template = t.template
    GROUP BY s.cluster_id, s.account_id
)
GROUP BY cluster_id;

-- Who can be another user at all: accounts outside every coordinated group, with
-- their specific templates and how many they have (n_templates). Lockstep
-- templates are specific ones, so an account with fewer than a group's `need`
-- specific templates cannot use `need` of its lockstep templates: the join below
-- skips it outright. That is exact, and it is what keeps this step small: at the
-- 2M-account reference population the targets are campaign rings with a median
-- of 895 lockstep templates, each template used by ~1,300 ordinary accounts, so
-- pairing every lockstep template with every user of it was 440M rows (over
-- 11 GB spilled to disk; the score stage took 224 s); with the count bound it
-- is 161k rows and under 0.1 s for the same pool (score stage 82 s).
CREATE OR REPLACE TEMP TABLE community_free AS
WITH coordinated AS (
    SELECT DISTINCT r.account_id
    FROM raw_clusters r JOIN cluster_coordination c USING (cluster_id)
    WHERE c.coordination >= $threshold
)
SELECT t.account_id, t.template, count(*) OVER (PARTITION BY t.account_id) AS n_templates
FROM u_template_specific t
WHERE t.specific
  AND EXISTS (FROM community_targets)
  AND NOT EXISTS (SELECT 1 FROM coordinated c WHERE c.account_id = t.account_id);

CREATE OR REPLACE TEMP TABLE community_pool AS
WITH users AS (
    SELECT l.cluster_id, t.account_id
    FROM group_lockstep l
    JOIN community_need n USING (cluster_id)  -- the targets only
    JOIN community_free t ON t.template = l.template AND t.n_templates >= n.need
    GROUP BY l.cluster_id, t.account_id
    HAVING count(*) >= any_value(n.need)
)
SELECT u.cluster_id, u.account_id,
       row_number() OVER (PARTITION BY u.cluster_id ORDER BY hash(u.account_id, $seed)) - 1 AS pos,
       count(*) OVER (PARTITION BY u.cluster_id) AS n_pool
FROM users u
WHERE NOT EXISTS (
    SELECT 1 FROM raw_clusters r WHERE r.cluster_id = u.cluster_id AND r.account_id = u.account_id
);

DROP TABLE community_free;

-- The random groups: score_groups is set aside (member_strength.sql reads its
-- country null groups) and holds only these while group_stats.sql measures them;
-- community_done.sql puts it back.
CREATE OR REPLACE TEMP TABLE score_groups_country AS SELECT * FROM score_groups;

CREATE OR REPLACE TEMP TABLE score_groups AS
WITH draws AS (
    SELECT t.cluster_id, 1000 + rep.rep AS rep, p.n_pool,
           hash(t.cluster_id, rep.rep, $seed, 'community') % p.n_pool AS offset_pos,
           unnest(range(t.n_s)) AS i
    FROM community_targets t
    JOIN (SELECT DISTINCT cluster_id, n_pool FROM community_pool) p USING (cluster_id)
    CROSS JOIN range(1, $replicates + 1) AS rep(rep)
    WHERE p.n_pool >= t.n_s
)
SELECT d.cluster_id, d.rep, p.account_id
FROM draws d
JOIN community_pool p ON p.cluster_id = d.cluster_id AND p.pos = (d.offset_pos + d.i) % d.n_pool;
