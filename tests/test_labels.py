"""Manual labels in the ops database: scopes, clear, before/after audit, effective label."""

from __future__ import annotations

import pytest

from fraudgraph.errors import InputError
from fraudgraph.ops import effective_labels, label_history, read_audit, set_label
from fraudgraph.runs.rebuild import rebuild
from tests.runs_double import add_accounts, add_labels, device_pipeline


@pytest.fixture
def published(workspace):
    add_accounts(
        workspace,
        [(f"a{i}", "d1", "US") for i in range(1, 4)] + [(f"b{i}", "d2", "FR") for i in range(1, 3)],
    )
    rebuild(workspace, pipeline=device_pipeline, quiet=True)
    return workspace


def _label(ws, account_id):
    frame = effective_labels(ws)
    rows = frame.filter(frame["account_id"] == account_id)
    return rows["label"][0] if rows.height else None


def test_account_label_then_clear_falls_back_to_the_ingested_label(published):
    add_labels(published, [("a1", "fraud", "2026-05-01")])
    set_label(published, "a1", "legit", note="university lab", actor="alice")
    assert _label(published, "a1") == "legit"
    set_label(published, "a1", "clear", actor="bob")
    assert _label(published, "a1") == "fraud"
    history = label_history(published)
    assert history["actor"].to_list() == ["bob", "alice"]
    assert history["previous_label"].to_list() == ["legit", "fraud"]


def test_cluster_and_campaign_scopes_expand_to_members(published):
    assert set_label(published, "C-000001", "fraud", scope="cluster")["accounts"] == 3
    campaign = set_label(published, "K-0002", "legit", scope="campaign", run="R-000001")
    assert campaign["accounts"] == 2 and campaign["run_id"] == "R-000001"
    assert {_label(published, a) for a in ("a1", "a2", "a3")} == {"fraud"}
    assert {_label(published, a) for a in ("b1", "b2")} == {"legit"}


def test_every_label_change_is_audited_with_before_and_after(published):
    set_label(published, "a1", "fraud", actor="alice")
    set_label(published, "C-000001", "legit", scope="cluster", actor="bob")
    entry = read_audit(published)[0]
    assert entry["actor"] == "bob" and entry["action"] == "label"
    details = entry["details"]
    assert details["before"] == {"fraud": 1, "none": 2} and details["after"] == "legit"
    changes = {c["account_id"]: (c["before"], c["after"]) for c in details["changes"]}
    assert changes["a1"] == ("fraud", "legit") and changes["a2"] == (None, "legit")


@pytest.mark.parametrize(
    "target, verdict, scope, message",
    [
        ("a1", "maybe", "account", "verdict"),
        ("a1", "fraud", "planet", "scope"),
        ("C-999999", "fraud", "cluster", "no members"),
        ("", "fraud", "account", "account id"),
    ],
)
def test_bad_label_requests_are_input_errors(published, target, verdict, scope, message):
    with pytest.raises(InputError, match=message):
        set_label(published, target, verdict, scope=scope)
    assert [e for e in read_audit(published) if e["action"] == "label"] == []


def test_injection_strings_are_just_account_ids(published):
    evil = "a1'); DROP TABLE labels_manual; --"
    set_label(published, evil, "fraud", actor="mallory")
    assert _label(published, evil) == "fraud"
    assert label_history(published).height == 1


def test_labelling_does_not_wait_for_an_ingest_holding_the_store(published):
    import subprocess
    import sys
    import time

    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import duckdb, sys, time; c = duckdb.connect(sys.argv[1]); print('held', flush=True);"
            " time.sleep(30)",
            str(published.store_path),
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout.readline().strip() == "held"
        start = time.monotonic()
        set_label(published, "a1", "fraud", actor="alice")
        assert time.monotonic() - start < 15
    finally:
        holder.kill()
        holder.wait()
    entry = read_audit(published)[0]
    assert entry["details"]["before_source"] == "manual only (store busy)"
