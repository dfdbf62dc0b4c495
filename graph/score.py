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

from fraudgraph import queries
from fraudgraph.config import ScoreConfig

__all__ = ["score_clusters", "STEPS", "TARGETS"]


def _load_lists(con, config: ScoreConfig) -> None:
    con.execute("CREATE OR REPLACE TEMP TABLE cheap_domains (domain VARCHAR)")
    con.execute("CREATE OR REPLACE TEMP TABLE prepaid_bins (bin VARCHAR)")
    if config.cheap_domains:
        con.executemany(
            "INSERT INTO cheap_domains VALUES (?)", [(d.lower(),) for d in config.cheap_domains]
        )
    if config.prepaid_bins:
        con.executemany("INSERT INTO prepaid_bins VALUES (?)", [(b,) for b in config.prepaid_bins])


# Full coordination on each statistic: evidence e_d = (observed - null mean) / target,
# clamped to [0, 1]. Half the members in signup batches, half their specific
# templates in lockstep, co-activity 8x what independent members give.
TARGETS = {"signup_target": 0.5, "template_target": 0.5, "sync_target": math.log(8)}

STEPS = (
    "score/samples",  # the observed groups: a sample of each cluster and ring candidate
    "score/group_stats",  # ... their signup, template and sync statistics
    "score/null_groups",  # random same-strata groups, for groups that could still fire
    "score/group_stats",  # ... the same statistics on the random groups
    "score/cluster_coordination",  # each cluster against its null: z, effect, score
    "score/member_strength",  # each member's own agreement and attachment
    "score/cluster_features",  # what members share, for reasons and analysts
    "score/clusters",  # published clusters and memberships (two levels folded)
)


def score_clusters(con, config: ScoreConfig) -> dict[str, float]:
    """Create ``clusters`` and ``memberships`` from ``raw_clusters``; return counts."""
    _load_lists(con, config)
    params = {
        "seed": config.seed,
        "sample_size": config.null_sample_size,
        "replicates": config.null_replicates,
        "min_stratum": config.null_min_stratum,
        "window_minutes": config.signup_window_minutes,
        "min_batch": config.signup_min_batch,
        "template_lift": config.template_lift,
        "template_min_items": config.template_min_items,
        "z_min": config.z_min,
        "min_effect": config.min_effect,
        "signup_floor": config.signup_floor,
        "template_floor": config.template_floor,
        "sync_floor": config.sync_floor,
        "threshold": config.threshold,
        "min_strength": config.min_member_strength,
        **TARGETS,
    }
    for step in STEPS:  # each file binds only the parameters it uses
        queries.execute(con, step, **params)
    flagged, members = con.sql(
        "SELECT count(*), coalesce(sum(n_exportable), 0) FROM clusters WHERE flagged"
    ).fetchall()[0]
    return {"flagged_clusters": int(flagged), "flagged_accounts": int(members)}
