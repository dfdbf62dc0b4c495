"""Ingest: read input tables (CSV, Parquet, JSON Lines), validate, normalise, load.

The public entry point is :func:`ingest_paths` (called by ``fraudgraph.api.ingest``).
Modules: ``tables`` (the contract's input tables), ``sources`` (finding and
opening files), ``normalise`` (pure normalisers), ``lookups`` (normalisers over
distinct values), ``load`` (one transaction per file, quarantine, usage
aggregates). SQL lives in ``queries/ingest/``.
"""

from __future__ import annotations

from fraudgraph.ingest.load import ingest_paths

__all__ = ["ingest_paths"]
