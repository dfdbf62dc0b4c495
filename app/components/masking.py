"""PII masking for what the app shows, on by default (issue 7).

Tables of accounts are masked column by column with :func:`fraudgraph.pii.mask_frame`;
tables of attribute values (``kind``, ``value``) are masked per kind, so an e-mail value
shows as ``j***@gmail.com`` and an IP value loses its last octet. Revealing is the
sidebar toggle, audited in :mod:`fraudgraph.app.components.context`.
"""

from __future__ import annotations

import polars as pl

from fraudgraph.pii import (
    mask_card_expr,
    mask_email_expr,
    mask_frame,
    mask_ip_expr,
    mask_phone_expr,
)

__all__ = ["accounts", "values", "value"]

# Evidence kinds whose values are personal data, and how each is masked.
_VALUE_MASKS = {
    "email": mask_email_expr,
    "phone": mask_phone_expr,
    "phone_block": mask_phone_expr,
    "ip": mask_ip_expr,
    "card": mask_card_expr,
}


def accounts(frame: pl.DataFrame, reveal: bool) -> pl.DataFrame:
    """Mask the PII columns of an account table unless ``reveal``."""
    return frame if reveal or frame.height == 0 else mask_frame(frame)


def _value_expr(kind: pl.Expr, column: pl.Expr) -> pl.Expr:
    expr = column
    for name, mask in _VALUE_MASKS.items():
        expr = pl.when(kind == name).then(mask(column)).otherwise(expr)
    return expr


def values(
    frame: pl.DataFrame, reveal: bool, *, kind: str = "kind", column: str = "value"
) -> pl.DataFrame:
    """Mask the ``column`` of a (kind, value) table by kind unless ``reveal``."""
    if reveal or frame.height == 0 or column not in frame.columns:
        return frame
    return frame.with_columns(_value_expr(pl.col(kind), pl.col(column)).alias(column))


def value(kind: str, raw: str | None, reveal: bool) -> str | None:
    """Mask one value of ``kind`` (for labels of graph nodes and single facts)."""
    if reveal or raw is None:
        return raw
    frame = values(pl.DataFrame({"kind": [kind], "value": [raw]}), reveal)
    return frame["value"][0]
