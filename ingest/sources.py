"""Input files: finding them, telling their table and format, and opening them.

A file's table is the part of its name before the first ``-`` or ``.``
(``accounts-2026-06-01.csv`` -> accounts), or ``--table`` for a single file. A
folder contributes the files directly in it; subfolders are skipped and files
not named for a known table are ignored with a warning. Every file is checked
(readable, not empty, required columns present) before anything is written.

Opening a file gives a DuckDB relation projected onto the table's canonical
columns: names matched case-insensitively, unknown columns dropped with a
warning, absent optional columns NULL, strings trimmed with ``''`` -> NULL.
CSV is read all-VARCHAR (values are typed in SQL, so one bad value never
fails the file); Parquet keeps its types; JSON Lines is read as VARCHAR.
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

import duckdb
from fraudgraph.ingest.tables import LOAD_ORDER, TABLES, TableSpec, table_for_file_name

from fraudgraph.errors import IngestError, InputError

__all__ = ["SourceFile", "discover", "file_format", "open_source", "check_source"]

_FORMATS = {
    ".csv": "csv",
    ".tsv": "csv",
    ".txt": "csv",
    ".parquet": "parquet",
    ".pq": "parquet",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".json": "jsonl",
}
_COMPRESSION = (".gz", ".zst")


@dataclass
class SourceFile:
    path: Path
    table: str
    fmt: str
    warnings: list[str] = field(default_factory=list)

    @property
    def spec(self) -> TableSpec:
        return TABLES[self.table]


def file_format(path: Path) -> str | None:
    """``csv``, ``parquet`` or ``jsonl`` from a file's extension (``.gz`` allowed).

    Examples
    --------
    >>> file_format(Path("accounts-2026.CSV.gz"))
    'csv'
    >>> file_format(Path("api_requests.parquet"))
    'parquet'
    >>> file_format(Path("notes.md")) is None
    True
    """
    suffixes = [s.lower() for s in path.suffixes]
    while suffixes and suffixes[-1] in _COMPRESSION:
        suffixes.pop()
    return _FORMATS.get(suffixes[-1]) if suffixes else None


def warn(message: str) -> None:
    """A warning for people, on stderr (one line: control characters escaped)."""
    safe = "".join(ch if ch.isprintable() else repr(ch)[1:-1] for ch in message)
    print(f"fraudgraph: warning: {safe}", file=sys.stderr)


def discover(paths: list[Path], table: str | None = None) -> list[SourceFile]:
    """Expand files and folders into the files to ingest, accounts first.

    Raises
    ------
    IngestError
        A path that does not exist, or a file given explicitly whose table is
        unknown or whose format is not CSV/Parquet/JSON Lines.
    InputError
        ``table`` given with more than one file or with a folder.
    """
    if table is not None:
        table = table.strip().lower()
        if len(paths) != 1 or Path(paths[0]).is_dir():
            raise InputError("--table applies to exactly one file")
    found: list[SourceFile] = []
    seen: set[Path] = set()
    for raw in paths:
        path = Path(raw)
        if not path.exists():
            raise IngestError(str(path), "no such file or folder")
        if path.is_dir():
            for child in sorted(path.iterdir()):
                if child.is_dir() or child.name.startswith("."):
                    continue
                name = table_for_file_name(child.name)
                fmt = file_format(child)
                if name not in TABLES or fmt is None:
                    warn(f"{child}: ignored (not named for a known table: {', '.join(TABLES)})")
                    continue
                _add(found, seen, SourceFile(child, name, fmt))
            continue
        name = table or table_for_file_name(path.name)
        if name not in TABLES:
            raise IngestError(
                str(path), f"unknown table {name!r} (known: {', '.join(TABLES)}; or use --table)"
            )
        fmt = file_format(path)
        if fmt is None:
            raise IngestError(
                str(path), "unsupported file type (expected .csv, .parquet or .jsonl)"
            )
        _add(found, seen, SourceFile(path, name, fmt))
    order = {t: i for i, t in enumerate(LOAD_ORDER)}
    return sorted(found, key=lambda s: order[s.table])  # stable: keeps the given order per table


def _add(found: list[SourceFile], seen: set[Path], source: SourceFile) -> None:
    key = source.path.resolve()
    if key not in seen:
        seen.add(key)
        found.append(source)


# What DuckDB's sniffer must not guess from a sample of rows: a file whose values
# start with '#' was read as having '#' comments (those rows silently dropped), and
# one with no quoted field in its first 20,480 rows was read with quoting off (a
# later "a,b" field then failed the whole file). CSV quoting is RFC 4180's; the
# delimiter is still detected.
CSV_DIALECT = {"comment": "", "quotechar": '"', "escapechar": '"'}


def _reader(con: duckdb.DuckDBPyConnection, source: SourceFile) -> duckdb.DuckDBPyRelation:
    path = str(source.path)
    if source.fmt == "csv":
        return con.read_csv(path, header=True, all_varchar=True, **CSV_DIALECT)
    if source.fmt == "parquet":
        return con.read_parquet(path)
    probe = con.read_json(path, format="newline_delimited")
    return con.read_json(
        path, format="newline_delimited", columns={c: "VARCHAR" for c in probe.columns}
    )


def _quote(identifier: str) -> str:
    return '"' + identifier.replace('"', '""') + '"'


def open_source(con: duckdb.DuckDBPyConnection, source: SourceFile) -> duckdb.DuckDBPyRelation:
    """The file as a relation with exactly the table's canonical columns.

    Raises
    ------
    IngestError
        Unreadable, empty, a required column missing, or a column given twice.
    """
    path = str(source.path)
    if source.path.stat().st_size == 0:
        raise IngestError(path, "empty file")
    try:
        relation = _reader(con, source)
        columns, types = relation.columns, [str(t) for t in relation.types]
    except (duckdb.Error, RuntimeError) as exc:
        # RuntimeError: a column name that is not valid UTF-8 fails in DuckDB's binding layer
        raise IngestError(path, f"unreadable {source.fmt} file: {_first_line(exc)}") from None
    spec = source.spec
    if source.fmt == "csv":
        _check_csv_header(con, source, spec, columns)
    by_name: dict[str, tuple[str, str]] = {}
    unknown = []
    for column, dtype in zip(columns, types, strict=True):
        key = column.strip().lower()
        if key in by_name:
            raise IngestError(path, "column given twice (names are case-insensitive)", column=key)
        if key in spec.column_names:
            by_name[key] = (column, dtype)
        else:
            unknown.append(column)
    for required in spec.required:
        if required not in by_name:
            raise IngestError(path, "missing required column", column=required)
    if unknown:
        source.warnings.append(f"ignored unknown column(s): {', '.join(unknown)}")
    projection = []
    for name in spec.column_names:
        if name not in by_name:
            projection.append(f"CAST(NULL AS VARCHAR) AS {name}")
            continue
        column, dtype = by_name[name]
        if dtype == "VARCHAR":
            projection.append(f"NULLIF({_trimmed(_quote(column))}, '') AS {name}")
        else:
            projection.append(f"{_quote(column)} AS {name}")
    return relation.project(", ".join(projection))


def _trimmed(column: str) -> str:
    """SQL for ``trim(column)`` that skips the trim when it cannot change the value.

    DuckDB's ``trim`` strips the space and the Unicode space separators (U+00A0,
    U+1680, U+2000-U+200A, U+202F, U+205F, U+3000), all of them non-ASCII but the
    space. An all-ASCII value (as many bytes as characters) that neither starts nor
    ends with a space is therefore returned as is; every other value is trimmed.
    Same result, a third of the cost: trim on every value of a 10M-row, 7-column
    CSV took 1.8 s of the ingest, the test 0.6 s (bench/bench_ingest.py).
    """
    return (
        f"CASE WHEN strlen({column}) = length({column}) AND NOT prefix({column}, ' ')"
        f" AND NOT suffix({column}, ' ') THEN {column} ELSE trim({column}) END"
    )


def _check_csv_header(
    con: duckdb.DuckDBPyConnection, source: SourceFile, spec: TableSpec, columns: list[str]
) -> None:
    """Refuse a CSV that names one of the table's columns twice.

    DuckDB renames a repeated header (``account_id`` -> ``account_id_1``), which
    would silently pick the first; when a name looks renamed, the raw header row
    tells the truth (read only then: it costs a second sniff).
    """
    renamed = (re.fullmatch(r"(.+)_\d+", c) for c in columns)
    if not any(m and m.group(1).strip().lower() in spec.column_names for m in renamed):
        return
    try:
        rows = (
            con.read_csv(str(source.path), header=False, all_varchar=True, **CSV_DIALECT)
            .limit(1)
            .fetchall()
        )
    except duckdb.Error:
        return  # the real read reports it
    seen: set[str] = set()
    for raw in rows[0] if rows else ():
        key = (raw or "").strip().lower()
        if key in spec.column_names and key in seen:
            raise IngestError(
                str(source.path), "column given twice (names are case-insensitive)", column=key
            )
        seen.add(key)


def check_source(source: SourceFile) -> None:
    """Open a file in a scratch database and read its first row: fail early, write nothing."""
    with duckdb.connect() as con:
        con.execute("SET enable_progress_bar = false")
        relation = open_source(con, source)
        try:
            first = relation.limit(1).fetchall()
        except duckdb.Error as exc:
            raise IngestError(
                str(source.path), f"unreadable {source.fmt} file: {_first_line(exc)}"
            ) from None
    if not first:
        raise IngestError(str(source.path), "empty file (no data rows)")


def _first_line(exc: Exception) -> str:
    return str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
