"""Rebuild's analytic core: evidence -> edges -> clusters -> scores -> campaigns.

Interface used by :mod:`fraudgraph.runs.rebuild` (the orchestrator owns locks,
stable ids and publishing; this module owns the analysis):

``build_snapshot(con, config, release_store, progress) -> {"counts": {...}, "timings": {...}}``

- ``con`` is a read-write connection to the new snapshot file, with the ingest
  store ATTACHed read-only as ``store``, and a table ``labels`` (effective labels:
  account_id, label, source, actor, ts, note) already created in the snapshot.
- The function copies what it needs from ``store`` first, then calls
  ``release_store()`` (the orchestrator DETACHes it so ingest is not blocked).
- It creates the snapshot tables of docs/architecture.md: accounts, evidence,
  value_stats, edges, clusters, campaigns, memberships, usage_daily, with
  provisional ids (cluster_id ``c<n>``, campaign_id ``k<n>``) that the
  orchestrator then maps to stable ``C-000123`` / ``K-0007`` ids.
"""
