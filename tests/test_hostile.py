"""Hostile input: SQL injection in every user-controlled string, and hostile ``--out`` paths.

Every query that carries user input binds it as a parameter (see
``docs/security.md``); these tests send classic injection strings through the
CLI arguments (run ids, campaign ids, label targets, notes, actors), the app's
search boxes and targets (``app/data.py`` directly), and database paths that
end up in ``ATTACH`` literals, and check that each is treated as an inert
string: a refusal with a one-line message (exit 2) or no match, and every
table intact afterwards. ``--out`` refuses a directory, a missing folder, a
symbolic link (never followed, never replaced) and an unwritable place, with
exit 2 and a one-line message.
"""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from fraudgraph import api
from fraudgraph.errors import InputError
from fraudgraph.runs.read import list_runs, open_run
from fraudgraph.runs.rebuild import rebuild
from fraudgraph.workspace import Workspace
from tests.runs_double import add_accounts, device_pipeline
from tests.test_app_snapshot import build_runs

FRAUDGRAPH = Path(sys.executable).with_name("fraudgraph")

INJECTIONS = [
    "R-1'; DROP TABLE x; --",
    "x' OR '1'='1",
    "x' OR '1'='1'; DROP TABLE accounts; --",
    '"; DROP TABLE accounts; --',
    "' UNION SELECT account_id, NULL, NULL, NULL, NULL, NULL, NULL FROM accounts --",
    "1; ATTACH '/tmp/evil.duckdb' AS evil; --",
    "$account_id",
    "?",
    "%' OR 1=1 --",
    "a'||(SELECT count(*) FROM accounts)||'",
    "\\'; COPY accounts TO '/tmp/leak.csv'; --",
    "K-0001\x00'; DROP TABLE campaigns; --",
    "C-000001' --",
    "*",
    "%",
]


def table_counts(con: duckdb.DuckDBPyConnection) -> dict[str, int]:
    """Every base table of a database and its row count."""
    names = [r[0] for r in con.execute(
        "SELECT table_name FROM duckdb_tables() WHERE database_name = current_database()"
    ).fetchall()]  # fmt: skip
    return {n: con.execute(f'SELECT count(*) FROM "{n}"').fetchall()[0][0] for n in names}


def family_state(ws: Workspace) -> dict[str, dict[str, int]]:
    """Row counts of the store, the ops database and every kept run snapshot."""
    state = {}
    paths = {"store": ws.store_path, "ops": ws.ops_path}
    paths.update({r: ws.runs_dir / f"{r}.duckdb" for r in list_runs(ws)})
    for name, path in paths.items():
        if path.exists():
            con = duckdb.connect(str(path), read_only=True)
            try:
                state[name] = table_counts(con)
            finally:
                con.close()
    state["LATEST"] = {(ws.runs_dir / "LATEST").read_text().strip(): 1}
    return state


def run_cli(cwd: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(FRAUDGRAPH), *args], capture_output=True, text=True, cwd=cwd, timeout=120
    )


def assert_one_line_exit_2(proc: subprocess.CompletedProcess) -> str:
    assert proc.returncode == 2, (proc.returncode, proc.stderr)
    lines = proc.stderr.strip("\n").split("\n")
    assert len(lines) == 1 and lines[0].startswith("fraudgraph: "), proc.stderr
    assert "Traceback" not in proc.stderr
    return lines[0]


@pytest.fixture
def published(tmp_path: Path) -> Workspace:
    """Two runs: a ring of 5 on one device (flagged), a pair (not); campaigns by country."""
    ws = Workspace.at(tmp_path / "fg.duckdb")
    add_accounts(
        ws, [(f"r{i}", "d1", "US") for i in range(1, 6)] + [("p1", "d3", "FR"), ("p2", "d3", "FR")]
    )
    rebuild(ws, pipeline=device_pipeline, quiet=True)
    add_accounts(ws, [("r6", "d1", "US")])
    rebuild(ws, pipeline=device_pipeline, quiet=True)
    return ws


# -- CLI arguments, through the API (exit 2 = InputError) -----------------------------------


@pytest.mark.parametrize("evil", INJECTIONS)
def test_injection_in_run_and_campaign_ids_is_refused_and_harmless(published, evil, tmp_path):
    before = family_state(published)
    calls = [
        lambda: api.clusters(db=published.db, run=evil),
        lambda: api.export(tmp_path / "out.csv", db=published.db, run=evil),
        lambda: api.diff(evil, None, db=published.db),
        lambda: api.diff(None, evil, db=published.db),
        lambda: api.restore_run(evil, db=published.db),
        lambda: api.report(evil, tmp_path / "r.html", db=published.db),
        lambda: api.label("r1", "fraud", scope="cluster", run=evil, db=published.db),
        lambda: api.label(evil, "fraud", scope="cluster", db=published.db),
        lambda: api.label(evil, "fraud", scope="campaign", db=published.db),
        lambda: api.label("r1", evil, db=published.db),
        lambda: api.label("r1", "fraud", scope=evil, db=published.db),
    ]
    for call in calls:
        with pytest.raises(InputError) as info:
            call()
        assert "\n" not in str(info.value)
    assert not (tmp_path / "out.csv").exists() and not (tmp_path / "r.html").exists()
    assert family_state(published) == before


@pytest.mark.parametrize("evil", INJECTIONS[:6])
def test_injection_as_account_target_note_and_actor_is_stored_verbatim(published, evil):
    """An account id is free text: labelling one stores the string as given, nothing runs."""
    before = family_state(published)
    result = api.label(evil, "fraud", note=evil, actor=evil, db=published.db)
    assert result["accounts"] == 1
    after = family_state(published)
    assert after["store"] == before["store"]
    assert after["ops"]["labels_manual"] == before["ops"].get("labels_manual", 0) + 1
    con = duckdb.connect(str(published.ops_path), read_only=True)
    try:
        row = con.execute(
            "SELECT account_id, note, actor FROM labels_manual ORDER BY ts DESC LIMIT 1"
        ).fetchall()[0]
    finally:
        con.close()
    assert row == (evil, evil, evil)
    entry = api.audit(db=published.db, limit=1)[0]
    assert entry["actor"] == evil and entry["action"].startswith("label")


def test_injection_in_cli_arguments_one_line_exit_2(published):
    cwd, db = published.db.parent, str(published.db)
    before = family_state(published)
    for args in (
        ["clusters", "--run", "R-1'; DROP TABLE x; --", "--db", db],
        ["export", "--out", "o.csv", "--run", "R-1' OR '1'='1", "--db", db],
        ["report", "K-1'; DROP TABLE campaigns; --", "--out", "r.html", "--db", db],
        ["label", "C-1' OR '1'='1", "fraud", "--scope", "cluster", "--db", db],
        ["diff", "R-000001'; --", "--db", db],
        ["runs", "restore", "../../etc/passwd", "--db", db],
    ):
        assert_one_line_exit_2(run_cli(cwd, *args))
    assert family_state(published) == before


def test_database_path_with_quotes_is_attached_literally(tmp_path):
    """--db paths go into ATTACH literals (ATTACH binds no parameters): quotes are escaped."""
    folder = tmp_path / "it's'; DROP TABLE accounts; --"
    folder.mkdir()
    ws = Workspace.at(folder / "o'brien.duckdb")
    add_accounts(ws, [(f"r{i}", "d1", "US") for i in range(1, 6)])
    rebuild(ws, pipeline=device_pipeline, quiet=True)
    add_accounts(ws, [("r6", "d1", "US")])
    rebuild(ws, pipeline=device_pipeline, quiet=True)  # ATTACHes the store and the previous run
    assert api.diff(db=ws.db)  # ATTACHes both runs
    api.label("r1", "legit", db=ws.db)  # ATTACHes the store from the ops side
    manifest = api.export(folder / "ban.csv", db=ws.db, min_score=0.0)
    assert manifest["rows"] == 5  # six ring members, one labelled legit
    assert family_state(ws)["store"]["accounts"] == 6


# -- the app's search boxes and targets (app/data.py) ---------------------------------------


@pytest.fixture
def app_snapshot(tmp_path: Path) -> tuple[str, str, Workspace]:
    ws = Workspace.at(tmp_path / "fg.duckdb")
    run_id = build_runs(ws)[-1]
    return str(ws.db), run_id, ws


def snapshot_counts(ws: Workspace, run_id: str) -> dict[str, int]:
    con = open_run(ws, run_id)
    try:
        return table_counts(con)
    finally:
        con.close()


def test_app_lookups_treat_injection_as_text(app_snapshot):
    from fraudgraph.app import data

    db, run_id, ws = app_snapshot
    before = snapshot_counts(ws, run_id)
    # A real value is found: the searches work, so "no rows" below means "not interpreted".
    assert data.lookup_accounts(db, run_id, "A-0001", "account").height == 1
    assert data.lookup_accounts(db, run_id, "203.0.113.10", "ip").height >= 1
    for evil in INJECTIONS:
        for kind in ("any", "account", "email", "ip", "card", "device", "phone"):
            assert data.lookup_accounts(db, run_id, evil, kind).height == 0, (evil, kind)
        assert data.lookup_accounts(db, run_id, f"{evil}@gmail.com", "email").height == 0
        assert data.account_row(db, run_id, evil) is None
        assert data.account_values(db, run_id, evil).height == 0
        assert data.cluster_row(db, run_id, evil) is None
        assert data.campaign_row(db, run_id, evil) is None
        for scope in ("cluster", "campaign"):
            assert not data.target_exists(db, run_id, scope, evil)
            assert data.members(db, run_id, scope, evil).height == 0
            assert data.shared_values(db, run_id, scope, evil).height == 0
            assert data.request_volume(db, run_id, scope, evil).height == 0
            assert data.signup_timeline(db, run_id, scope, evil)[0].height == 0
        # Table searches are literal substrings ("%" is in "91% traffic on ..."), never patterns.
        for table, fields in (
            (data.cluster_table, ("cluster_id", "campaign_id", "reasons")),
            (data.campaign_table, ("campaign_id", "reasons", "headline")),
        ):
            everything = table(db, run_id)
            literal = {
                tuple(r.values())
                for r in everything.to_dicts()
                if any(evil.strip().lower() in str(r.get(f) or "").lower() for f in fields)
            }
            assert {tuple(r.values()) for r in table(db, run_id, search=evil).to_dicts()} == literal
    assert snapshot_counts(ws, run_id) == before


# -- hostile --out paths ----------------------------------------------------------------------


def test_out_refuses_directory_missing_folder_symlink_and_unwritable(published, tmp_path):
    victim = tmp_path / "victim.txt"
    victim.write_text("precious\n")
    link = tmp_path / "link.csv"
    link.symlink_to(victim)
    dangling = tmp_path / "dangling.csv"
    dangling.symlink_to(tmp_path / "nowhere" / "x.csv")
    manifest_link = tmp_path / "ok.csv.manifest.json"
    manifest_link.symlink_to(victim)
    link_to_dir = tmp_path / "dirlink"
    link_to_dir.symlink_to(tmp_path)
    bad = {
        tmp_path: "directory",
        tmp_path / "no" / "such" / "folder" / "x.csv": "does not exist",
        Path("../../../../../../no-such-root-folder/x.csv"): "does not exist",
        link: "symbolic link",
        dangling: "symbolic link",
        tmp_path / "ok.csv": "symbolic link",  # its manifest would replace a link
        link_to_dir: "symbolic link",
        Path("/sys/fraudgraph-export.csv"): "cannot write",  # refused even for root
        Path("/etc/passwd/x.csv"): "does not exist",
    }
    before = family_state(published)
    for out, words in bad.items():
        with pytest.raises(InputError) as info:
            api.export(out, db=published.db, min_score=0.0)
        assert words in str(info.value), (out, str(info.value))
    for out in (tmp_path, link, dangling, link_to_dir, tmp_path / "x" / "r.html"):
        with pytest.raises(InputError):
            api.report("k1", out, db=published.db)
    assert victim.read_text() == "precious\n"
    assert link.is_symlink() and dangling.is_symlink() and manifest_link.is_symlink()
    assert not (tmp_path / "ok.csv").exists()
    assert [p.name for p in tmp_path.iterdir() if ".tmp-" in p.name] == []
    after = family_state(published)
    assert after == before  # no export was audited


def test_out_traversal_to_an_existing_folder_writes_only_there_with_0600(published, tmp_path):
    """``..`` is an ordinary path for the operator's own CLI: it lands where it points,
    mode 0600, never elsewhere."""
    (tmp_path / "a" / "b").mkdir(parents=True)
    (tmp_path / "drop").mkdir()
    out = tmp_path / "a" / "b" / ".." / ".." / "drop" / "ban.csv"
    manifest = api.export(out, db=published.db, min_score=0.0)
    written = tmp_path / "drop" / "ban.csv"
    assert Path(manifest["file"]) == Path(os.path.abspath(out))
    assert stat.S_IMODE(written.stat().st_mode) == 0o600
    assert (
        json.loads((tmp_path / "drop" / "ban.csv.manifest.json").read_text())["rows"]
        == manifest["rows"]
    )


def test_out_symlink_through_the_console_script(published, tmp_path):
    victim = tmp_path / "passwd-copy"
    victim.write_text("root:x:0:0\n")
    (published.db.parent / "ban.csv").symlink_to(victim)
    proc = run_cli(
        published.db.parent,
        "export",
        "--out",
        "ban.csv",
        "--min-score",
        "0",
        "--db",
        str(published.db),
    )
    assert "symbolic link" in assert_one_line_exit_2(proc)
    proc = run_cli(
        published.db.parent, "report", "k1", "--out", "ban.csv", "--db", str(published.db)
    )
    assert "symbolic link" in assert_one_line_exit_2(proc)
    proc = run_cli(published.db.parent, "export", "--out", "/sys/x.csv", "--db", str(published.db))
    assert "cannot write" in assert_one_line_exit_2(proc)
    assert victim.read_text() == "root:x:0:0\n"


def test_cli_never_leaves_pii_files_world_readable(tmp_path):
    (tmp_path / "accounts.csv").write_text("account_id,created_at,email\na1,2026-04-22,a@b.c\n")
    old = os.umask(0o022)  # a typical permissive umask
    try:
        for args in (["ingest", "accounts.csv", "--db", "fg.duckdb"],
                     ["rebuild", "--db", "fg.duckdb"],
                     ["label", "a1", "fraud", "--db", "fg.duckdb"]):  # fmt: skip
            proc = run_cli(tmp_path, *args)
            assert proc.returncode == 0, proc.stderr
    finally:
        os.umask(old)
    ws = Workspace.at(tmp_path / "fg.duckdb")
    run = ws.runs_dir / f"{(ws.runs_dir / 'LATEST').read_text().strip()}.duckdb"
    for path in (ws.store_path, ws.ops_path, ws.runs_dir, run):
        assert stat.S_IMODE(path.stat().st_mode) & 0o007 == 0, (path, oct(path.stat().st_mode))
