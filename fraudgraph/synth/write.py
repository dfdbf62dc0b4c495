"""Writing tables as CSV or Parquet, whole or chunk by chunk.

CSV timestamps are ISO 8601 UTC with a trailing ``Z``; Parquet timestamps are
naive microsecond datetimes (UTC by the contract). Missing values are written
as empty CSV fields / Parquet nulls.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

import polars as pl
import pyarrow.parquet as pq

__all__ = ["write_table", "write_chunks", "FORMATS"]

FORMATS = ("csv", "parquet")
_TS_FORMAT = "%Y-%m-%dT%H:%M:%SZ"


def write_table(df: pl.DataFrame, path: Path, fmt: str) -> int:
    """Write one table; return its row count."""
    return write_chunks([df], path, fmt)


def write_chunks(chunks: Iterable[pl.DataFrame], path: Path, fmt: str) -> int:
    """Append chunks with the same columns to one file; return the row count."""
    rows = 0
    if fmt == "csv":
        with open(path, "wb") as fh:
            for i, df in enumerate(chunks):
                df.write_csv(
                    fh, include_header=i == 0, datetime_format=_TS_FORMAT, float_precision=2
                )
                rows += df.height
            if rows == 0 and i == 0:
                pass
        return rows
    writer = None
    try:
        for df in chunks:
            table = df.to_arrow()
            if writer is None:
                writer = pq.ParquetWriter(path, table.schema, compression="zstd")
            writer.write_table(table.cast(writer.schema))
            rows += df.height
    finally:
        if writer is not None:
            writer.close()
    return rows
