"""Domain errors. The CLI turns each into a one-line message and an exit code.

Exit codes follow the contract: 0 success, 2 bad input or usage, 3 a rebuild
already running, 1 anything else.
"""

from __future__ import annotations

__all__ = [
    "FraudgraphError",
    "InputError",
    "IngestError",
    "NoRunError",
    "RebuildLockedError",
    "StoreBusyError",
]


class FraudgraphError(Exception):
    """Base class: an error meant for people, printed as one line."""

    exit_code = 1


class InputError(FraudgraphError):
    """Bad input or usage (exit 2)."""

    exit_code = 2


class IngestError(InputError):
    """A file that cannot be ingested: names the file, optionally row and column."""

    def __init__(self, path: str, reason: str, row: int | None = None, column: str | None = None):
        self.path = str(path)
        self.reason = reason
        self.row = row
        self.column = column
        where = self.path
        if row is not None:
            where += f", row {row}"
        if column is not None:
            where += f", column {column!r}"
        super().__init__(f"{where}: {reason}")


class NoRunError(InputError):
    """No published run (or the named run is not kept)."""


class StoreBusyError(FraudgraphError):
    """The store is held by another process for longer than we were willing to wait."""


class RebuildLockedError(FraudgraphError):
    """Another rebuild holds the lock (exit 3)."""

    exit_code = 3
