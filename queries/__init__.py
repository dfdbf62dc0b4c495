"""SQL lives here, one statement or small script per file, named for what it produces.

The Python side stays thin: find a file by name, bind parameters, execute, time.
Names are paths without ``.sql`` relative to this folder, e.g. ``"graph/edges"``.
Parameters are bound with DuckDB's ``$name`` syntax, never formatted into SQL.
"""

from __future__ import annotations

import re
import time
from functools import cache
from importlib import resources
from typing import Any

__all__ = ["sql", "execute", "relation", "scalar", "has_table", "timed"]

_timings: dict[str, float] = {}


@cache
def sql(name: str) -> str:
    """Return the text of ``queries/<name>.sql``."""
    path = resources.files(__package__).joinpath(*f"{name}.sql".split("/"))
    return path.read_text(encoding="utf-8")


def _used_params(text: str, params: dict[str, Any] | None) -> dict[str, Any] | None:
    # DuckDB rejects named parameters a statement does not use; bind only those present.
    if not params:
        return None
    code = "\n".join(line.split("--", 1)[0] for line in text.splitlines())
    used = {k: v for k, v in params.items() if re.search(rf"\${re.escape(k)}\b", code)}
    return used or None


def execute(con, name: str, **params: Any) -> None:
    """Run every statement of ``queries/<name>.sql`` with bound parameters."""
    text = sql(name)
    start = time.perf_counter()
    statements = [s for s in _split(text) if s.strip()]
    for statement in statements:
        con.execute(statement, _used_params(statement, params))
    _timings[name] = _timings.get(name, 0.0) + time.perf_counter() - start


def relation(con, name: str, **params: Any):
    """Return the DuckDB relation of a single-statement query file (call ``.pl()`` on it)."""
    text = sql(name)
    return con.sql(text, params=_used_params(text, params))


def has_table(con, name: str, catalog: str | None = None) -> bool:
    """Whether ``con`` sees a table ``name`` (only in the attached database ``catalog``
    when given)."""
    return bool(relation(con, "has_table", table=name, catalog=catalog).fetchall()[0][0])


def timed() -> dict[str, float]:
    """Seconds spent per query file since start (for run timings)."""
    return dict(_timings)


def _split(text: str) -> list[str]:
    """Split a script on semicolons that end a line (our files never put one mid-line)."""
    out, buf = [], []
    for line in text.splitlines():
        stripped = line.split("--", 1)[0].rstrip()
        buf.append(line)
        if stripped.endswith(";"):
            out.append("\n".join(buf))
            buf = []
    if "".join(buf).strip():
        out.append("\n".join(buf))
    return [s for s in out if _has_code(s)]


def _has_code(statement: str) -> bool:
    return any(line.split("--", 1)[0].strip() for line in statement.splitlines())


def scalar(con, text: str, **params: Any) -> Any:
    """First column of the first row of a one-line query (None when no row)."""
    rows = con.sql(text, params=params or None).fetchall()
    return rows[0][0] if rows else None
