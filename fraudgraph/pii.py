"""PII masking for what people see: the app and ``fraudgraph clusters``.

Masked by default (issue 7): an e-mail keeps its first letter and its domain
(``j***@gmail.com``), a phone number loses its last two digits, an IPv4
address its last octet (an IPv6 address everything after its /48), and a card
fingerprint is shortened to its first six characters. Revealing the raw values
is an explicit, audited choice of the caller (see :func:`fraudgraph.runs.read.list_clusters`).

Each rule exists twice: as a polars expression (vectorised, for tables) and as
a plain function on one value (for a single lookup), both built from the same
regular expressions so they cannot disagree.

Examples
--------
>>> mask_email("jane.doe@gmail.com")
'j***@gmail.com'
>>> mask_phone("+1 415-555-0123")
'+1 415-555-01**'
>>> mask_ip("203.0.113.77")
'203.0.113.*'
>>> mask_card("fp_8a3c5e9d1b2f")
'fp_8a3…'
"""

from __future__ import annotations

import re

import polars as pl

__all__ = [
    "mask_email",
    "mask_phone",
    "mask_ip",
    "mask_card",
    "mask_email_expr",
    "mask_phone_expr",
    "mask_ip_expr",
    "mask_card_expr",
    "mask_frame",
    "PII_MASKS",
]

_EMAIL = r"^(.).*@([^@]*)$"  # up to the last @: a quoted local part may hold one
_EMAIL_OUT = "${1}***@${2}"
# The last two digits, with whatever separators follow them.
_PHONE = r"\d(\D*)\d(\D*)$"
_PHONE_OUT = "*${1}*${2}"
_IPV4 = r"^(\d{1,3}\.\d{1,3}\.\d{1,3}\.)\d{1,3}$"
_IPV4_OUT = "${1}*"
# Keep the first three hextets of an IPv6 address (the /48 an operator is assigned).
_IPV6 = r"^([0-9A-Fa-f]{0,4}:[0-9A-Fa-f]{0,4}:[0-9A-Fa-f]{0,4}):.*$"
_IPV6_OUT = "${1}::*"
CARD_KEEP = 6


def _py(template: str) -> str:
    return template.replace("${", "\\g<").replace("}", ">")


def mask_email(value: str | None) -> str | None:
    """``jane.doe@gmail.com`` -> ``j***@gmail.com``; a value without ``@`` becomes ``***``."""
    if value is None or value == "":
        return value
    if "@" not in value:
        return "***"
    return re.sub(_EMAIL, _py(_EMAIL_OUT), value, count=1)


def mask_phone(value: str | None) -> str | None:
    """Replace the last two digits with ``*``."""
    if value is None or value == "":
        return value
    return re.sub(_PHONE, _py(_PHONE_OUT), value, count=1)


def mask_ip(value: str | None) -> str | None:
    """IPv4: last octet ``*``; IPv6: everything after the /48 becomes ``::*``."""
    if value is None or value == "":
        return value
    if re.match(_IPV4, value):
        return re.sub(_IPV4, _py(_IPV4_OUT), value)
    if ":" in value:
        masked = re.sub(_IPV6, _py(_IPV6_OUT), value)
        return masked if masked != value else "***"
    return "***"


def mask_card(value: str | None) -> str | None:
    """Keep the first six characters of a card fingerprint: ``fp_8a3c5e9d`` -> ``fp_8a3…``."""
    if value is None or value == "":
        return value
    keep = CARD_KEEP if len(value) > CARD_KEEP + 2 else max(1, len(value) // 3)
    return value[:keep] + "…"


def mask_email_expr(expr: pl.Expr) -> pl.Expr:
    """Vectorised :func:`mask_email`."""
    s = expr.cast(pl.String)
    return (
        pl.when(s.is_null() | (s == ""))
        .then(s)
        .when(s.str.contains("@", literal=True))
        .then(s.str.replace(_EMAIL, _EMAIL_OUT))
        .otherwise(pl.lit("***"))
    )


def mask_phone_expr(expr: pl.Expr) -> pl.Expr:
    """Vectorised :func:`mask_phone`."""
    return expr.cast(pl.String).str.replace(_PHONE, _PHONE_OUT)


def mask_ip_expr(expr: pl.Expr) -> pl.Expr:
    """Vectorised :func:`mask_ip`."""
    s = expr.cast(pl.String)
    v6 = s.str.replace(_IPV6, _IPV6_OUT)
    return (
        pl.when(s.is_null() | (s == ""))
        .then(s)
        .when(s.str.contains(_IPV4))
        .then(s.str.replace(_IPV4, _IPV4_OUT))
        .when(s.str.contains(":", literal=True) & (v6 != s))
        .then(v6)
        .otherwise(pl.lit("***"))
    )


def mask_card_expr(expr: pl.Expr) -> pl.Expr:
    """Vectorised :func:`mask_card`."""
    s = expr.cast(pl.String)
    n = s.str.len_chars()
    short = (n // 3).clip(lower_bound=1)
    return (
        pl.when(s.is_null() | (s == ""))
        .then(s)
        .when(n > CARD_KEEP + 2)
        .then(s.str.slice(0, CARD_KEEP) + pl.lit("…"))
        .otherwise(s.str.slice(0, short) + pl.lit("…"))
    )


# Column name -> masking expression builder, for the columns runs and the app show.
PII_MASKS = {
    "email": mask_email_expr,
    "email_canonical": mask_email_expr,
    "phone": mask_phone_expr,
    "phone_e164": mask_phone_expr,
    "signup_ip": mask_ip_expr,
    "signup_ip_norm": mask_ip_expr,
    "ip": mask_ip_expr,
    "ip_norm": mask_ip_expr,
    "card_fingerprint": mask_card_expr,
}


def mask_frame(frame: pl.DataFrame) -> pl.DataFrame:
    """Mask every known PII column present in ``frame`` (others are left as they are)."""
    exprs = [
        fn(pl.col(name)).alias(name) for name, fn in PII_MASKS.items() if name in frame.columns
    ]
    return frame.with_columns(exprs) if exprs else frame
