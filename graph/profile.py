"""Campaign profiles: a flagged campaign described in the terms an escalation uses.

A campaign is reported by its size and traffic ("24,871 accounts, 28.6M
requests, 22 Apr to 5 Jun 2026, 26 requests per account per day"), by how
concentrated its traffic is on a few prompt templates, by the infrastructure
its accounts share (proxy exit IPs and their /24 prefixes, card BINs, device
farms, e-mail domains and patterns, phone blocks) and by its model pivots:
a distillation operator moves most of its traffic to a newly released model
within a day, all accounts at once, where people drift over weeks.

The profile runs on the snapshot connection right after campaigns are
grouped, while the pipeline's usage aggregates (``u_day``, ``u_template``,
``u_card``) are still there; it counts the same accounts as the
``campaigns`` table (exportable members of flagged clusters), so its numbers
are what a ban would act on. Everything is SQL in ``queries/profile/``.
"""

from __future__ import annotations

from fraudgraph import queries

__all__ = [
    "profile_campaigns",
    "PROFILE_STEPS",
    "TOP_VALUES",
    "MIN_SHARED",
    "MIN_FARM",
    "CORE_TRIM",
]

# Query files in the order they run; each creates the table it is named after.
PROFILE_STEPS = (
    "profile/profile_members",
    "profile/profile_usage",
    "profile/profile_templates",
    "profile/profile_shared_values",
    "profile/profile_pivots",
    "profile/campaign_profile",
)

# Values kept per campaign and kind of shared infrastructure.
TOP_VALUES = 10
# An IP, prefix, e-mail pattern or phone block counts as shared from this many members;
# a device id from MIN_FARM members is a device farm.
MIN_SHARED = 2
MIN_FARM = 3
# The reported window holds the campaign's traffic but this share at each end.
CORE_TRIM = 0.001


def profile_campaigns(
    con,
    *,
    top: int = TOP_VALUES,
    min_shared: int = MIN_SHARED,
    min_farm: int = MIN_FARM,
    core_trim: float = CORE_TRIM,
) -> int:
    """Create the snapshot table ``campaign_profile``; return its row count.

    Parameters
    ----------
    con
        Connection to the snapshot being built, holding ``accounts``, ``evidence``,
        ``value_stats``, ``memberships``, ``clusters`` and ``campaigns`` and the
        pipeline's temporary usage tables ``u_day``, ``u_template`` and ``u_card``.
    top
        How many values to keep per campaign and kind of shared infrastructure.
    min_shared, min_farm
        Members a value needs to count as shared (a device id: to be a device farm).
    core_trim
        Share of the traffic left out at each end of the reported window.

    Returns
    -------
    int
        Number of profiled (flagged) campaigns.
    """
    for step in PROFILE_STEPS:
        queries.execute(
            con, step, top=top, min_shared=min_shared, min_farm=min_farm, core_trim=core_trim
        )
    for temp in PROFILE_STEPS[:-1]:
        con.execute(f"DROP TABLE IF EXISTS {temp.split('/')[1]}")
    return int(queries.scalar(con, "SELECT count(*) FROM campaign_profile"))
