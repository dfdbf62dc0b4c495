"""The ingest store: connecting to it, and migrating its schema.

The schema is versioned. ``queries/schema/vNNN_<name>.sql`` are migrations,
applied in order, each in its own transaction together with its row in
``schema_version``; a store created by an older release is upgraded in place
the first time it is opened read-write. ``SCHEMA_VERSION`` is the newest
version this code knows.

DuckDB lets one process hold a database file read-write and then nobody else
can open it, not even read-only. :func:`connect_store` therefore retries for a
while when the file is locked and then raises :class:`StoreBusyError` naming the
holder (DuckDB's message gives its program and PID).
"""

from __future__ import annotations

import os
import re
import time
from importlib import resources

import duckdb

from fraudgraph import queries
from fraudgraph.errors import InputError, StoreBusyError
from fraudgraph.workspace import Workspace

__all__ = ["SCHEMA_VERSION", "connect_store", "migrate", "migrations", "schema_version"]

_MIGRATION_NAME = re.compile(r"^v(\d{3})_[a-z0-9_]+\.sql$")


def _memory_limit_mb() -> int:
    try:
        return max(256, int(os.environ.get("FRAUDGRAPH_MEMORY_MB", "5000")))
    except ValueError:
        return 5000


def migrations() -> list[tuple[int, str]]:
    """The known migrations as ``(version, query name)``, oldest first.

    Examples
    --------
    >>> migrations()[0]
    (1, 'schema/v001_core_tables')
    """
    folder = resources.files("fraudgraph.queries").joinpath("schema")
    found = []
    for entry in folder.iterdir():
        match = _MIGRATION_NAME.match(entry.name)
        if match:
            found.append((int(match.group(1)), f"schema/{entry.name[:-4]}"))
    found.sort()
    versions = [v for v, _ in found]
    if versions != list(range(1, len(versions) + 1)):
        raise RuntimeError(f"schema migrations are not numbered 1..n: {versions}")
    return found


SCHEMA_VERSION: int = len(migrations())


def schema_version(con: duckdb.DuckDBPyConnection, database: str | None = None) -> int:
    """The version a store is at: 0 for an empty database.

    ``database``: the name a store is ATTACHed under on ``con`` (``None``: the
    connection's own database).
    """
    exists = con.execute(
        "SELECT count(*) FROM duckdb_tables() WHERE table_name = 'schema_version' "
        "AND database_name = coalesce($db, current_database()) AND schema_name = 'main'",
        {"db": database},
    ).fetchall()[0][0]
    if not exists:
        return 0
    table = "schema_version" if database is None else f'"{database}".main.schema_version'
    return con.execute(f"SELECT coalesce(max(version), 0) FROM {table}").fetchall()[0][0]


def migrate(con: duckdb.DuckDBPyConnection, target: int | None = None) -> int:
    """Apply the migrations a store lacks, up to ``target`` (default: the newest).

    Each migration runs in one transaction with its ``schema_version`` row, so
    a crash leaves the store at the previous version, never half-migrated.

    Parameters
    ----------
    con : duckdb.DuckDBPyConnection
        A read-write connection to the store.
    target : int, optional
        Stop at this version (tests build old stores this way).

    Returns
    -------
    int
        The version the store is at afterwards.
    """
    target = SCHEMA_VERSION if target is None else target
    current = schema_version(con)
    if current > SCHEMA_VERSION:
        raise InputError(
            f"store is at schema version {current}, newer than this fraudgraph "
            f"({SCHEMA_VERSION}); upgrade fraudgraph"
        )
    if current >= target:
        return current
    queries.execute(con, "schema/schema_version")
    for version, name in migrations():
        if version <= current or version > target:
            continue
        con.execute("BEGIN TRANSACTION")
        try:
            queries.execute(con, name)
            con.execute(
                "INSERT INTO schema_version VALUES ($v, $name, now()::TIMESTAMP)",
                {"v": version, "name": name.split("/", 1)[1]},
            )
            con.execute("COMMIT")
        except BaseException:
            con.execute("ROLLBACK")
            raise
        current = version
    return current


def _lock_holder(message: str) -> str | None:
    """The holder named in DuckDB's lock error, e.g. ``/usr/bin/python3 (PID 42)``.

    Examples
    --------
    >>> _lock_holder('Could not set lock on file "x.duckdb": Conflicting lock is held '
    ...              'in /usr/bin/python3.11 (PID 4242) by user root. See also ...')
    '/usr/bin/python3.11 (PID 4242)'
    >>> _lock_holder("something else") is None
    True
    """
    match = re.search(r"held in (.+?\(PID \d+\))", message)
    return match.group(1) if match else None


def _is_lock_error(exc: Exception) -> bool:
    text = str(exc)
    return "Could not set lock" in text or "Conflicting lock" in text


def connect_store(
    ws: Workspace, read_only: bool = False, wait_seconds: float = 30.0
) -> duckdb.DuckDBPyConnection:
    """Open the store of a workspace; read-write opens also migrate it.

    Parameters
    ----------
    ws : Workspace
        Names the store file (``ws.store_path``).
    read_only : bool
        Open read-only (rebuild's extraction). The store must exist and be at
        the current schema version.
    wait_seconds : float
        How long to keep retrying while another process holds the file.

    Raises
    ------
    StoreBusyError
        The file stayed locked for ``wait_seconds``.
    InputError
        Read-only open of a store that does not exist yet.
    """
    path = ws.store_path
    if read_only and not path.exists():
        raise InputError(f"{path}: no store yet; run `fraudgraph ingest` first")
    if not read_only:
        path.parent.mkdir(parents=True, exist_ok=True)
    deadline = time.monotonic() + wait_seconds
    delay = 0.05
    while True:
        try:
            con = duckdb.connect(str(path), read_only=read_only)
            break
        except (duckdb.IOException, duckdb.ConnectionException) as exc:
            if not _is_lock_error(exc):
                raise InputError(f"{path}: cannot open store: {str(exc).splitlines()[0]}") from None
            if time.monotonic() >= deadline:
                holder = _lock_holder(str(exc))
                by = f" by {holder}" if holder else ""
                raise StoreBusyError(
                    f"{path}: store is locked{by}; gave up after {wait_seconds:g}s"
                ) from None
            time.sleep(delay)
            delay = min(delay * 2, 1.0)
    # Naive timestamps are UTC; DuckDB's own progress bar would write to stdout.
    con.execute("SET TimeZone = 'UTC'")
    con.execute("SET enable_progress_bar = false")
    # DuckDB would otherwise take 80% of the machine before spilling (12 GB measured
    # ingesting 46M requests); FRAUDGRAPH_MEMORY_MB overrides.
    con.execute(f"SET memory_limit = '{_memory_limit_mb()}MB'")
    if not read_only:
        try:
            migrate(con)
        except BaseException:
            con.close()
            raise
    return con
