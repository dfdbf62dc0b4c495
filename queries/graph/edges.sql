-- edges: weighted account-account links with their evidence.
-- Edge budget: within each shared value, accounts are ordered by when they showed
-- it and each links only to its next max_links accounts (a window frame over the
-- value's holders, never a k x k self-join), so a value shared by k accounts emits
-- at most k * max_links links. Soft kinds link only accounts at most max_gap_minutes
-- apart; those without a rarity discount are instead scaled by how surprising
-- the link's gap is: with the value's
-- base rate r = n_accounts / span, a gap g arises by chance with probability
-- p = 1 - exp(-r g); strength = clamp((-log10 p - 1) / 2, 0, 1), so p >= 0.1
-- counts nothing and p <= 0.001 counts fully. A launch-day spike on a common
-- value is not surprising; twenty signups in ten minutes on a rare one is.
-- Per pair and kind, links combine by max (identifiers) or by a capped sum
-- (templates: many shared rare templates is stronger than one). Kinds that are not
-- standalone (signup_burst) count only on pairs that share something else.
-- Pairs in the same org_id are expected to share and are not linked.
-- Inputs: evidence, value_stats, kind_params, accounts. Params: $min_edge_weight,
-- $max_values_per_kind (evidence kept per edge for explanation).
-- kind_part: one kind's part of a pair's weight from its links (an aggregate):
-- the max, or for combine = 'sum' kinds the sum capped at the kind's weight.
-- edge_pairs and the edges' kind_weights both use it.
CREATE OR REPLACE TEMP MACRO kind_part(combine, cap, w) AS
    CASE WHEN any_value(combine) = 'sum' THEN least(sum(w), any_value(cap)) ELSE max(w) END;

-- Accounts and values are numbered first, so the window and the per-pair
-- grouping below work on integers instead of account ids and values of 15-25
-- characters (200k accounts: 4.4 s -> 3.5 s for this file). Accounts are numbered
-- in account_id order, so least/greatest and the window's tie order are exactly
-- those of the ids; a value's number is only a partition key.
CREATE OR REPLACE TEMP TABLE edge_accounts AS
SELECT account_id, org_id, CAST(row_number() OVER (ORDER BY account_id) AS INTEGER) AS aid
FROM accounts;

CREATE OR REPLACE TEMP TABLE edge_values AS
SELECT kind, value, n_accounts, weight,
       n_accounts / greatest(epoch(t_max) - epoch(t_min), 86400.0) AS rate,
       CAST(row_number() OVER () AS INTEGER) AS vid
FROM value_stats WHERE weight > 0;

CREATE OR REPLACE TEMP TABLE edge_links AS
WITH ev AS (
    SELECT ea.aid AS account_id, e.kind, e.value, v.vid, e.t, v.n_accounts, v.weight AS w,
           k.max_links, k.max_gap_minutes, k.rarity, v.rate
    FROM evidence e
    JOIN edge_values v ON v.kind = e.kind AND v.value = e.value
    JOIN edge_accounts ea ON ea.account_id = e.account_id
    JOIN kind_params k ON k.kind = e.kind
),
following AS (
    -- each holder with the value's next max_links holders in time (on the 2M-account
    -- population 1.7 s faster than numbering the holders and joining on position)
    SELECT *, unnest(list({'account_id': account_id, 't': t}) OVER (
               PARTITION BY vid ORDER BY t, account_id
               ROWS BETWEEN 1 FOLLOWING AND max_links FOLLOWING)) AS b
    FROM ev
),
links AS (
    SELECT least(a.account_id, a.b.account_id) AS src,
           greatest(a.account_id, a.b.account_id) AS dst,
           a.kind, a.value, a.n_accounts,
           a.w * CASE
               WHEN a.max_gap_minutes IS NULL OR a.rarity THEN 1.0
               ELSE least(1.0, greatest(0.0, (-log10(greatest(
                   1 - exp(-a.rate * greatest(epoch(a.b.t) - epoch(a.t), 1.0)), 1e-12)) - 1) / 2))
           END AS w
    FROM following a
    WHERE a.max_gap_minutes IS NULL
       OR epoch(a.b.t) - epoch(a.t) <= a.max_gap_minutes * 60
)
SELECT * FROM links WHERE w > 0;

-- Per pair: kinds combine (max, or a capped sum), kinds add up. Numeric
-- aggregates only, so this spills to disk instead of running out of memory.
-- The weight is rounded to 1e-9: a parallel sum of doubles may differ in its last
-- bits from run to run, and Leiden, given weights that differ by 1e-16, may cut
-- the graph differently (measured: 1,678 of 487,491 weights differed between two
-- rebuilds of one 250k store, and the exported account count by 24).
-- Most pairs cannot reach $min_edge_weight, and grouping every link by pair and
-- kind cost more than the rest of the step (2M accounts: 23.8M links on 21.8M
-- pairs, 2.1M edges). A pair's weight is at most the plain sum of its links'
-- weights (all positive; a kind's part is their max, or their sum capped), so the
-- pairs whose sum falls short, or that have no standalone kind, are dropped first
-- by one cheap pass. The 1e-6 margin keeps a pair whose rounded weight just
-- reaches the bar although its unrounded sum is a hair below it.
CREATE OR REPLACE TEMP TABLE edge_pairs AS
WITH candidates AS (
    SELECT l.src, l.dst
    FROM edge_links l JOIN kind_params k ON k.kind = l.kind
    GROUP BY l.src, l.dst
    HAVING bool_or(k.standalone) AND sum(l.w) >= $min_edge_weight - 1e-6
),
per_kind AS (
    SELECT l.src, l.dst, l.kind,
           kind_part(k.combine, k.weight, l.w) AS w,
           any_value(k.standalone) AS standalone,
           count(*) AS n_values
    FROM edge_links l JOIN kind_params k ON k.kind = l.kind
    SEMI JOIN candidates c ON c.src = l.src AND c.dst = l.dst
    GROUP BY l.src, l.dst, l.kind
)
SELECT src, dst, round(sum(w), 9) AS weight, sum(n_values) AS n_values
FROM per_kind
GROUP BY src, dst
HAVING bool_or(standalone) AND round(sum(w), 9) >= $min_edge_weight;

-- The edges, with their kinds and the values behind each (the strongest
-- $max_values_per_kind per kind), for the pairs that survive only.
CREATE OR REPLACE TABLE edges AS
WITH kept AS (
    SELECT p.*, a.account_id AS src_id, b.account_id AS dst_id
    FROM edge_pairs p
    JOIN edge_accounts a ON a.aid = p.src
    JOIN edge_accounts b ON b.aid = p.dst
    WHERE a.org_id IS NULL OR b.org_id IS NULL OR a.org_id <> b.org_id
),
values_per_kind AS (
    SELECT l.src, l.dst, l.kind,
           kind_part(k.combine, k.weight, l.w) AS w,
           max_by({'kind': l.kind, 'value': l.value, 'n': l.n_accounts}, l.w,
                  $max_values_per_kind) AS vals
    FROM edge_links l
    JOIN kind_params k ON k.kind = l.kind
    SEMI JOIN kept p ON p.src = l.src AND p.dst = l.dst
    GROUP BY l.src, l.dst, l.kind
),
evidence_per_pair AS (
    SELECT src, dst, max_by({'kind': kind, 'w': w}, w, 16) AS parts,
           flatten(max_by(vals, w, 16)) AS evidence
    FROM values_per_kind GROUP BY src, dst
)
-- kinds, strongest first, and kind_weights, each kind's part of the weight in the
-- same order (score/group_formation.sql: which evidence formed a group)
SELECT k.src_id AS src, k.dst_id AS dst, k.weight,
       list_transform(e.parts, lambda x: x.kind) AS kinds,
       list_transform(e.parts, lambda x: round(x.w, 6)) AS kind_weights,
       e.evidence, k.n_values
FROM kept k JOIN evidence_per_pair e USING (src, dst);

DROP TABLE edge_links;

DROP TABLE edge_pairs;

DROP TABLE edge_accounts;

DROP TABLE edge_values;
