"""Scoring: coordination tested against a null model, then member strength.

A dense cluster is not yet a fraud ring: a university behind one NAT, a
company's shared card and a family laptop all make dense clusters. What gives a
ring away is coordination: its members sign up in batches, run the same prompt
templates and work the same hours, far beyond what random groups of the same
size from the same countries do. That is the question SynchroTrap [1]_ and
CopyCatch [2]_ ask of lockstep behaviour. For every cluster we draw
``null_replicates`` random groups matched on size and on strata (country, has
API activity), compute three statistics (signup synchrony, template sharing,
activity co-occurrence lift) on the cluster and on each random group, and keep
only agreement that is both significant (z >= z_min) and large. The score needs
two independent kinds of agreement; each member's strength is its own agreement
on what fired, so people attached to a ring only by a shared IP are not exported.

References
----------
.. [1] Q. Cao, X. Yang, J. Yu, C. Palow, "Uncovering Large Groups of Active Malicious
   Accounts in Online Social Networks", CCS 2014.
.. [2] A. Beutel, W. Xu, V. Guruswami, C. Palow, C. Faloutsos, "CopyCatch: Stopping
   Group Attacks by Spotting Lockstep Behavior in Social Networks", WWW 2013.
"""

from __future__ import annotations

import math

import numpy as np
import polars as pl

from fraudgraph import queries
from fraudgraph.config import DetectConfig, ScoreConfig

__all__ = ["score_clusters", "score_params", "STEPS", "TARGETS"]


def _load_lists(con, config: ScoreConfig) -> None:
    """The config's reference lists as temp tables the scoring SQL reads."""
    lists = (  # table, its column, the values, how each is normalised
        ("cheap_domains", "domain", config.cheap_domains, str.lower),
        ("prepaid_bins", "bin", config.prepaid_bins, str),
        (
            "institution_domains",
            "suffix",
            config.institution_domains,
            lambda d: d.lower().strip(".").strip(),
        ),
        ("free_mail_domains", "domain", config.free_mail_domains, lambda d: d.lower().strip()),
    )
    for table, column, values, normalise in lists:
        con.execute(f"CREATE OR REPLACE TEMP TABLE {table} ({column} VARCHAR)")
        if values:
            con.executemany(f"INSERT INTO {table} VALUES (?)", [(normalise(v),) for v in values])


# Full coordination on each statistic: evidence e_d = (observed - null mean) / target,
# clamped to [0, 1]. Half the members in signup batches, half their specific
# templates in lockstep, co-activity 8x what independent members give.
TARGETS = {"signup_target": 0.5, "template_target": 0.5, "sync_target": math.log(8)}

STEPS = (
    "score/settled_hours",  # active hours, without each account's first after signup
    "score/strata",  # each account's null-model stratum; the pool of unclustered accounts
    "score/orgs",  # organisations (declared, or a private domain with its own office/card)
    "score/samples",  # the observed groups: a sample of each cluster and ring candidate
    "score/group_stats",  # ... their signup, template and sync statistics
    "score/null_groups",  # random same-strata groups, for groups that could still fire
    "score/group_stats",  # ... the same statistics on the random groups
    "score/group_formation",  # which evidence kinds formed each group
    "score/cluster_coordination",  # each cluster against its null: z, effect, score
    "score/community_nulls",  # random groups of the other users of a group's templates
    "score/group_stats",  # ... the same statistics on them
    "score/community_done",
    "score/cluster_coordination",  # ... and against both nulls
    "score/member_strength",  # each member's own agreement and attachment
    "score/cluster_features",  # what members share, for reasons and analysts
    "score/clusters",  # published clusters and memberships (two levels folded)
)


def _table(result):
    """An Arrow table from a relation's ``.arrow()`` (DuckDB 2 gives a reader)."""
    return result.read_all() if hasattr(result, "read_all") else result


def split_unfired(con, config: ScoreConfig, detect: DetectConfig, params: dict) -> int:
    """Cut the fine clusters nothing flags finer; return how many were split.

    Needs ``cluster_coordination`` of a first pass. A ring fragment that Leiden
    joined to a group of legit accounts by a few weak edges (a shared mid-popular
    template) does not fire, and nor do its fakes; at a higher CPM resolution
    inside the cluster the two groups come apart and are scored on their own.
    """
    from fraudgraph.graph.detect import leiden

    queries.execute(con, "score/unfired_edges", **params)
    n = queries.scalar(con, "SELECT count(*) FROM unfired_members")
    if not n:
        return 0
    start = _table(queries.relation(con, "score/unfired_starts").arrow())
    edges = _table(con.sql("SELECT s, d, weight FROM unfired_edges").arrow())
    s, d, w = (edges.column(c).to_numpy() for c in ("s", "d", "weight"))
    initial = start.column("start").to_numpy()
    parts = leiden(n, s, d, w, detect, resolution=config.split_resolution, initial=initial)
    frame = pl.DataFrame({"vid": np.arange(n, dtype=np.int64), "part": parts})
    con.register("split_frame", frame)
    try:
        con.execute("CREATE OR REPLACE TEMP TABLE split_parts AS SELECT * FROM split_frame")
    finally:
        con.unregister("split_frame")
    queries.execute(con, "score/split_clusters", min_cluster_size=detect.min_cluster_size)
    queries.execute(con, "graph/cluster_rings")
    return int(queries.scalar(con, "SELECT count(DISTINCT cluster_id) FROM split_assign"))


def score_params(config: ScoreConfig) -> dict[str, float]:
    """The scoring SQL's parameters from the config (each file binds those it uses)."""
    return {
        "seed": config.seed,
        "sample_size": config.null_sample_size,
        "replicates": config.null_replicates,
        "min_stratum": config.null_min_stratum,
        "cohort_days": config.null_cohort_days,
        "institution_min_share": config.institution_min_share,
        "institution_max_cover": config.institution_max_cover,
        "institution_network_min": config.institution_network_min,
        "activation_hours": config.activation_hours,
        "org_anchor_share": config.org_anchor_share,
        "org_network_min": config.org_network_min,
        "org_card_min": config.org_card_min,
        "org_max_accounts": config.org_max_accounts,
        "org_declared_share": config.org_declared_share,
        "venue_hours": config.venue_hours,
        "window_minutes": config.signup_window_minutes,
        "min_batch": config.signup_min_batch,
        "template_lift": config.template_lift,
        "template_min_items": config.template_min_items,
        "min_member_templates": config.min_member_templates,
        "community_min_templates": config.community_min_templates,
        "z_min": config.z_min,
        "min_effect": config.min_effect,
        "max_formed_share": config.max_formed_share,
        "signup_floor": config.signup_floor,
        "template_floor": config.template_floor,
        "sync_floor": config.sync_floor,
        "threshold": config.threshold,
        "min_strength": config.min_member_strength,
        "burst_local_hours": config.burst_local_hours,
        **TARGETS,
    }


def score_clusters(
    con, config: ScoreConfig, detect: DetectConfig | None = None
) -> dict[str, float]:
    """Create ``clusters`` and ``memberships`` from ``raw_clusters``; return counts."""
    _load_lists(con, config)
    params = score_params(config)
    first = STEPS[: STEPS.index("score/cluster_coordination") + 1]
    for step in first:  # each file binds only the parameters it uses
        queries.execute(con, step, **params)
    split = 0
    if config.split_resolution > 0 and detect is not None:
        split = split_unfired(con, config, detect, params)
    # after a cut, everything again from the samples: the active hours and the
    # strata (the null pool) stay as they were
    again = STEPS[STEPS.index("score/samples") :] if split else STEPS[len(first) :]
    for step in again:
        queries.execute(con, step, **params)
    flagged, members = con.sql(
        "SELECT count(*), coalesce(sum(n_exportable), 0) FROM clusters WHERE flagged"
    ).fetchall()[0]
    return {
        "flagged_clusters": int(flagged),
        "flagged_accounts": int(members),
        "split_clusters": split,
    }
