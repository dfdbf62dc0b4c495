"""Where a database's files live.

One `--db PATH` names a family of files so that writers never block readers:

- ``PATH`` (e.g. ``fraudgraph.duckdb``): the ingest store. Written by
  ``ingest`` in short transactions; read (read-only) by ``rebuild`` while it
  extracts evidence.
- ``PATH`` with suffix ``.ops.duckdb``: labels set in the app/CLI and the
  append-only audit log. Opened briefly, read-write, with retry on a lock.
- ``PATH`` with suffix ``.runs/``: published runs, one immutable DuckDB file
  per run (``R-000012.duckdb``) and a ``LATEST`` pointer replaced atomically.
  The app, ``clusters``, ``export`` and ``evaluate`` only ever read these.
- ``PATH`` with suffix ``.rebuild.lock``: the rebuild lock (pid, start time).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

__all__ = ["Workspace", "default_db_path"]


def default_db_path() -> Path:
    return Path(os.environ.get("FRAUDGRAPH_DB", "fraudgraph.duckdb"))


@dataclass(frozen=True)
class Workspace:
    db: Path

    @classmethod
    def at(cls, db: str | os.PathLike | None = None) -> Workspace:
        return cls(Path(db) if db is not None else default_db_path())

    @property
    def _stem(self) -> Path:
        return self.db.with_suffix("") if self.db.suffix == ".duckdb" else self.db

    @property
    def store_path(self) -> Path:
        return self.db

    @property
    def ops_path(self) -> Path:
        return self._stem.with_name(self._stem.name + ".ops.duckdb")

    @property
    def runs_dir(self) -> Path:
        return self._stem.with_name(self._stem.name + ".runs")

    @property
    def lock_path(self) -> Path:
        return self._stem.with_name(self._stem.name + ".rebuild.lock")

    @property
    def config_path(self) -> Path:
        return self._stem.with_name(self._stem.name + ".toml")
