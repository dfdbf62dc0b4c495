"""Incremental rebuilds: what is reused from the previous run, and that it is safe.

A hand-built population is split at a point in time into "everything so far" and
"the newest data" (new accounts, and new activity of old ones). One store gets the
first part, a rebuild, the second part and another rebuild (incremental); another
store gets everything at once and one full rebuild. Evidence must come out equal,
and the incremental run must find the same rings without exporting anyone innocent.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

import duckdb
import pytest

from fraudgraph import api
from fraudgraph.runs.read import run_path
from fraudgraph.workspace import Workspace
from tests.populations import Population

RINGS = ("ring_cards", "ring_farm", "ring_stealth")
TIME_KEY = {"accounts": "created_at"}


def _population() -> Population:
    pop = Population(seed=11)
    pop.background(300)
    pop.household()
    pop.company()
    pop.card_ring()
    pop.device_farm()
    pop.stealth_ring()
    return pop


def _split(pop: Population, folder: Path) -> tuple[Path, Path]:
    """Write ``pop`` as two folders: rows before the cut and rows from it on."""
    times = sorted(r["ts"] for r in pop.api_requests)
    cut = times[int(len(times) * 0.85)]
    parts = []
    for name, keep in (("before", lambda t: t < cut), ("after", lambda t: t >= cut)):
        part = dataclasses.replace(pop)
        for table in ("accounts", "payments", "ip_events", "devices", "api_requests"):
            key = TIME_KEY.get(table, "ts")
            setattr(part, table, [r for r in getattr(pop, table) if keep(r[key])])
        part.labels = pop.labels if name == "before" else []
        parts.append(part.write(folder / name))
    return parts[0], parts[1]


def _table(db: Path, run_id: str, query: str) -> set:
    path = run_path(Workspace.at(db), run_id)
    with duckdb.connect(str(path), read_only=True) as con:
        return set(con.execute(query).fetchall())


def _exported(db: Path, run_id: str) -> set[str]:
    rows = _table(db, run_id, "SELECT account_id FROM memberships WHERE exportable")
    return {r[0] for r in rows}


@pytest.fixture(scope="module")
def runs(tmp_path_factory):
    """(population, incremental db, its two summaries, full db, its summary)."""
    tmp = tmp_path_factory.mktemp("incremental")
    pop = _population()
    before, after = _split(pop, tmp / "data")
    inc = tmp / "inc" / "fg.duckdb"
    inc.parent.mkdir()
    api.ingest([before], db=inc, progress=False)
    first = api.rebuild(db=inc, actor="test")
    api.ingest([after], db=inc, progress=False)
    second = api.rebuild(db=inc, actor="test")
    full = tmp / "full" / "fg.duckdb"
    full.parent.mkdir()
    api.ingest([before, after], db=full, progress=False)
    whole = api.rebuild(db=full, actor="test")
    return pop, inc, first, second, full, whole


def test_second_rebuild_builds_on_the_first(runs):
    _, _, first, second, _, whole = runs
    assert first["build"]["mode"] == "full" and first["build"]["reason"] == "no previous run"
    assert whole["build"]["mode"] == "full"
    assert second["build"] == {
        "mode": "incremental",
        "base_run_id": first["run_id"],
        "reason": f"builds on {first['run_id']}",
    }
    counts = second["counts"]
    # only the accounts with new rows are derived again; the rest is copied
    assert 0 < counts["incremental_accounts_derived"] < counts["accounts"]
    assert counts["incremental_evidence_reused"] > 0


def test_reused_evidence_equals_a_full_derivation(runs):
    _, inc, _, second, full, whole = runs
    query = "SELECT account_id, kind, value, t FROM evidence"
    incremental = _table(inc, second["run_id"], query)
    assert incremental == _table(full, whole["run_id"], query)
    stats = "SELECT kind, value, n_accounts, weight FROM value_stats"
    assert _table(inc, second["run_id"], stats) == _table(full, whole["run_id"], stats)


def test_incremental_run_finds_the_rings_and_no_innocents(runs):
    pop, inc, _, second, _, _ = runs
    exported = _exported(inc, second["run_id"])
    innocent = {a for a, (fake, _, _) in pop.truth.items() if not fake}
    assert not exported & innocent
    for ring in RINGS:
        members = pop.members(ring)
        assert len(exported & members) >= 0.9 * len(members), ring


def test_full_flag_and_changed_config_start_from_scratch(runs, tmp_path):
    _, inc, _, second, _, _ = runs
    db = tmp_path / "fg.duckdb"
    for suffix in ("", ".ops"):
        src = inc.with_name(f"fg{suffix}.duckdb")
        (tmp_path / src.name).write_bytes(src.read_bytes())
    (tmp_path / "fg.runs").mkdir()
    for path in run_path(Workspace.at(inc), second["run_id"]).parent.iterdir():
        (tmp_path / "fg.runs" / path.name).write_bytes(path.read_bytes())
    forced = api.rebuild(db=db, full=True, actor="test")
    assert forced["build"] == {"mode": "full", "base_run_id": None, "reason": "--full"}
    again = api.rebuild(db=db, actor="test")  # nothing new: everything is reused
    assert again["build"]["mode"] == "incremental"
    assert again["counts"]["incremental_accounts_derived"] == 0
    assert _exported(db, again["run_id"]) == _exported(db, forced["run_id"])
    config = tmp_path / "other.toml"
    config.write_text("[graph]\nmin_edge_weight = 0.31\n")
    changed = api.rebuild(db=db, config=config, actor="test")
    assert changed["build"]["mode"] == "full"
    assert "config changed" in changed["build"]["reason"]
