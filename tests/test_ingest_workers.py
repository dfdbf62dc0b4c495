"""Large lookups are normalised by worker processes (ingest/lookups.py): the rows
must be those of one process, in order, and a failed worker must cost only time."""

from __future__ import annotations

import subprocess

from fraudgraph.ingest import lookups
from fraudgraph.ingest.lookup_worker import normalised_rows

PHONES = [
    ("+1 (415) 555-0142", None), ("415.555.0142", "US"), ("030 1234567", "de"),
    ("12", None), ("+44 20 7946 0958", None), ("0049 30 1234567", "FR"), ("", "US"),
]  # fmt: skip


def _values(n: int) -> list[tuple]:
    return [(f"+1415555{i:04d}", "US") if i % 3 else PHONES[i % len(PHONES)] for i in range(n)]


def test_workers_give_the_rows_of_one_process(monkeypatch):
    monkeypatch.setattr(lookups, "PARALLEL_MIN_VALUES", 10)
    monkeypatch.setattr(lookups, "_cores", lambda: 3)
    started = []
    real_popen = subprocess.Popen

    def popen(*args, **kwargs):
        started.append(args[0])
        return real_popen(*args, **kwargs)

    monkeypatch.setattr(lookups.subprocess, "Popen", popen)
    values = _values(300)
    assert lookups._rows(values, "phone") == normalised_rows("phone", values)
    assert len(started) == 2  # this process does the first share itself
    assert all("fraudgraph.ingest.lookup_worker" in cmd for cmd in started)


def test_a_failed_worker_costs_time_not_rows(monkeypatch):
    monkeypatch.setattr(lookups, "PARALLEL_MIN_VALUES", 10)
    monkeypatch.setattr(lookups, "_cores", lambda: 2)
    real_popen = subprocess.Popen
    # A worker that exits at once with an error, before reading its share.
    monkeypatch.setattr(
        lookups.subprocess,
        "Popen",
        lambda cmd, **kw: real_popen([cmd[0], "-c", "import sys; sys.exit(3)"], **kw),
    )
    values = _values(200)
    assert lookups._rows(values, "phone") == normalised_rows("phone", values)


def test_small_lookups_stay_in_process(monkeypatch):
    def no_popen(*args, **kwargs):
        raise AssertionError("a worker was started for a small lookup")

    monkeypatch.setattr(lookups.subprocess, "Popen", no_popen)
    values = _values(50)
    assert lookups._rows(values, "phone") == normalised_rows("phone", values)
