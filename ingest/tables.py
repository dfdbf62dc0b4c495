"""The contract's input tables: their columns, which are required, and their keys.

This is the one place that knows the input table layout (``CONTRACT.md``,
"Input tables"); readers, validators and the SQL files follow it.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["Column", "TableSpec", "TABLES", "LOAD_ORDER", "table_for_file_name"]


@dataclass(frozen=True)
class Column:
    name: str
    kind: str = "string"  # string | timestamp | integer | decimal
    required: bool = False


@dataclass(frozen=True)
class TableSpec:
    name: str
    columns: tuple[Column, ...]
    key: str  # what makes a row "already present": a column name or "row" (the whole row)

    @property
    def column_names(self) -> tuple[str, ...]:
        return tuple(c.name for c in self.columns)

    @property
    def required(self) -> tuple[str, ...]:
        return tuple(c.name for c in self.columns if c.required)


def _t(name: str, key: str, *columns: Column) -> TableSpec:
    return TableSpec(name, columns, key)


TABLES: dict[str, TableSpec] = {
    spec.name: spec
    for spec in (
        _t(
            "accounts",
            "account_id",
            Column("account_id", required=True),
            Column("created_at", "timestamp", required=True),
            Column("email"),
            Column("phone"),
            Column("country"),
            Column("signup_ip"),
            Column("signup_device_id"),
            Column("user_agent"),
            Column("org_id"),
        ),
        _t(
            "payments",
            "payment_id",
            Column("payment_id"),
            Column("account_id", required=True),
            Column("ts", "timestamp", required=True),
            Column("card_fingerprint", required=True),
            Column("card_bin"),
            Column("card_last4"),
            Column("card_country"),
            Column("billing_postal_code"),
            Column("amount", "decimal"),
            Column("currency"),
        ),
        _t(
            "ip_events",
            "row",
            Column("account_id", required=True),
            Column("ts", "timestamp", required=True),
            Column("ip", required=True),
            Column("event"),
        ),
        _t(
            "devices",
            "row",
            Column("account_id", required=True),
            Column("ts", "timestamp", required=True),
            Column("device_id", required=True),
            Column("user_agent"),
        ),
        _t(
            "api_requests",
            "row",
            Column("account_id", required=True),
            Column("ts", "timestamp", required=True),
            Column("model"),
            Column("input_tokens", "integer"),
            Column("output_tokens", "integer"),
            Column("prompt_fingerprint"),
            Column("ip"),
        ),
        _t(
            "labels",
            "row",
            Column("account_id", required=True),
            Column("label", required=True),
            Column("source"),
            Column("ts", "timestamp"),
        ),
    )
}

# Accounts first: a phone without "+" is read in its account's country.
LOAD_ORDER: tuple[str, ...] = (
    "accounts",
    "payments",
    "ip_events",
    "devices",
    "labels",
    "api_requests",
)


def table_for_file_name(file_name: str) -> str:
    """The table a file name claims: the part before the first ``-`` or ``.``.

    Examples
    --------
    >>> table_for_file_name("accounts-2026-06-01.csv")
    'accounts'
    >>> table_for_file_name("API_Requests.parquet")
    'api_requests'
    >>> table_for_file_name("payments.jsonl.gz")
    'payments'
    """
    stem = file_name
    for sep in ("-", "."):
        stem = stem.split(sep, 1)[0]
    return stem.lower()
