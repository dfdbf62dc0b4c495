"""Evidence: which accounts share which attribute values, and how telling each value is.

Every link in fraudgraph is explained by evidence rows ``(account_id, kind, value, t)``.
Identifier kinds (card, device, e-mail, phone, IP, prompt template) are weighted
by rarity, 1/log2(accounts sharing the value), the Adamic-Adar weighting of link
prediction [1]_ and the idea behind Splink's term-frequency adjustment. Soft kinds
(phone blocks, e-mail patterns, IP prefixes, signup context) say something only
when accounts show them surprisingly close in time. Activity synchrony follows
SynchroTrap [2]_ via one-permutation MinHash of hour-bucket sets [3]_.

References
----------
.. [1] L. Adamic and E. Adar, "Friends and neighbors on the Web", Social Networks, 2003.
.. [2] Q. Cao et al., "Uncovering Large Groups of Active Malicious Accounts in Online
   Social Networks" (SynchroTrap), CCS 2014.
.. [3] P. Li, A. Owen, C.-H. Zhang, "One Permutation Hashing", NeurIPS 2012.
"""

from __future__ import annotations

from fraudgraph.graph import incremental

from fraudgraph import queries
from fraudgraph.config import GraphConfig

__all__ = ["load_kind_params", "extract_from_store", "derive_usage_evidence", "value_stats"]


def load_kind_params(con, graph: GraphConfig) -> None:
    """Create the ``kind_params`` and ``allowlist`` tables from the typed config."""
    queries.execute(con, "graph/kind_params")
    rows = [
        (
            name,
            k.weight,
            k.max_links,
            k.max_gap_minutes,
            k.max_accounts,
            k.max_share,
            k.combine,
            k.standalone,
            k.rarity,
        )
        for name, k in graph.kinds.items()
    ]
    con.executemany("INSERT INTO kind_params VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", rows)
    allow = [(kind, value) for kind, values in graph.allowlist.items() for value in values]
    if allow:
        con.executemany("INSERT INTO allowlist VALUES (?, ?)", allow)


def extract_from_store(con, since_file_id: int | None = None) -> int | None:
    """Copy accounts and usage aggregates, and derive attribute evidence, from ``store``.

    With ``since_file_id`` (an incremental rebuild on a ``base`` run), attribute
    evidence is derived only for accounts with rows loaded after that file or new
    since the base run (``evidence_scope``); returns how many, or ``None`` when every
    account was derived. After this returns the store can be detached: nothing
    later reads it.
    """
    queries.execute(con, "graph/extract_accounts")
    queries.execute(con, "graph/extract_usage")
    in_scope = incremental.scope_evidence(con, since_file_id)
    queries.execute(con, "graph/evidence_attributes", all_accounts=since_file_id is None)
    return in_scope


def derive_usage_evidence(con, graph: GraphConfig, all_accounts: bool = True) -> None:
    """Add template and activity-synchrony evidence from the usage aggregates.

    With ``all_accounts=False``, only for the accounts in ``evidence_scope``.
    """
    queries.execute(
        con,
        "graph/evidence_usage",
        all_accounts=all_accounts,
        seed=graph.seed,
        sync_bands=graph.sync_bands,
        sync_rows=graph.sync_rows,
        sync_min_hours=graph.sync_min_hours,
        sync_max_duty=graph.sync_max_duty,
        max_templates_per_account=graph.max_templates_per_account,
    )
    # Only kinds the config knows take part.
    con.execute("DELETE FROM evidence WHERE kind NOT IN (SELECT kind FROM kind_params)")


def value_stats(con) -> None:
    """Count and weight every shared value (``value_stats`` table)."""
    queries.execute(con, "graph/value_stats")
