"""End to end in a real browser: Debian's Chromium driven by Playwright against
``fraudgraph app`` (the real console script) on a freshly generated, ingested and rebuilt
database. With FRAUDGRAPH_UPDATE_SCREENSHOTS=1 (`make screenshots`) it also writes
the README screenshots to docs/img/; otherwise a test run leaves the tree clean."""

from __future__ import annotations

import io
import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import duckdb
import polars as pl
import pytest

from fraudgraph import ops
from fraudgraph.workspace import Workspace

pytestmark = [pytest.mark.browser, pytest.mark.slow]

REPO = Path(__file__).resolve().parents[1]
FRAUDGRAPH = Path(sys.executable).with_name("fraudgraph")
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
SCREENSHOTS = REPO / "docs" / "img"
EXPORT_COLUMNS = ["account_id", "cluster_id", "cluster_size", "cluster_score", "reasons", "run_id"]


def _run(*args: str, cwd: Path) -> None:
    proc = subprocess.run(
        [str(FRAUDGRAPH), *args], cwd=cwd, capture_output=True, text=True, timeout=900
    )
    assert proc.returncode == 0, f"fraudgraph {' '.join(args)}: {proc.stderr[-2000:]}"


@pytest.fixture(scope="module")
def database(tmp_path_factory) -> Workspace:
    """A small real database: generate, ingest, rebuild."""
    root = tmp_path_factory.mktemp("browser")
    db = root / "fg.duckdb"
    _run(
        "generate",
        str(root / "data"),
        "--accounts",
        "20000",
        "--fake-accounts",
        "2000",
        "--seed",
        "3",
        cwd=root,
    )
    _run("ingest", str(root / "data"), "--db", str(db), cwd=root)
    _run("rebuild", "--db", str(db), cwd=root)
    return Workspace.at(db)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait_healthy(url: str, proc: subprocess.Popen, timeout: float = 90) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise AssertionError(f"fraudgraph app exited with {proc.returncode}")
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
                if response.read().strip() == b"ok":
                    return
        except OSError:
            time.sleep(0.3)
    raise AssertionError("fraudgraph app did not become healthy")


@pytest.fixture
def app_url(database: Workspace, tmp_path: Path):
    port = _free_port()
    env = {**os.environ, "FRAUDGRAPH_ACTOR": "e2e-analyst", "HOME": str(tmp_path)}
    env.pop("FRAUDGRAPH_APP_PASSWORD", None)
    log = (tmp_path / "app.log").open("w")
    proc = subprocess.Popen(
        [str(FRAUDGRAPH), "app", "--db", str(database.db), "--port", str(port)],
        cwd=tmp_path,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        _wait_healthy(url, proc)
        yield url
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=15)
        log.close()


def _expectations(ws: Workspace) -> dict:
    """What the pages should show, read straight from the published snapshot."""
    from fraudgraph.runs.read import open_run

    con: duckdb.DuckDBPyConnection = open_run(ws)
    try:
        campaign = con.sql(
            "SELECT campaign_id FROM campaigns ORDER BY score DESC, size DESC, campaign_id LIMIT 1"
        ).fetchall()[0][0]
        cluster = con.sql(
            "SELECT cluster_id FROM clusters WHERE campaign_id = $c"
            " ORDER BY score DESC, size DESC, cluster_id LIMIT 1",
            params={"c": campaign},
        ).fetchall()[0][0]
        # A gmail account the export would ban, so labelling it legit visibly removes it.
        account, email, exportable = con.sql(
            "SELECT a.account_id, a.email_canonical, coalesce(m.exportable, false)"
            " FROM accounts a LEFT JOIN memberships m USING (account_id)"
            " WHERE a.email_canonical LIKE '%@gmail.com'"
            "   AND length(split_part(a.email_canonical, '@', 1)) >= 4"
            " ORDER BY coalesce(m.exportable, false) DESC, a.account_id LIMIT 1"
        ).fetchall()[0]
    finally:
        con.close()
    local = email.split("@")[0]
    variant = f"{local[:2]}.{local[2:].upper()}+e2e@Gmail.com"
    return {
        "campaign": campaign,
        "cluster": cluster,
        "account": account,
        "variant": variant,
        "exportable": exportable,
    }


def _settle(page) -> None:
    """Wait until Streamlit has finished the current script run."""
    page.wait_for_timeout(300)
    page.wait_for_selector('[data-testid="stStatusWidget"]', state="detached", timeout=30_000)
    page.wait_for_timeout(300)


@pytest.mark.skipif(
    not Path(CHROMIUM).exists(), reason="Debian chromium not installed (make browser-deps)"
)
def test_analyst_journey_in_a_real_browser(database: Workspace, app_url: str, tmp_path: Path):
    from playwright.sync_api import expect, sync_playwright

    want = _expectations(database)
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport={"width": 1440, "height": 1250}, accept_downloads=True)
            page.set_default_timeout(30_000)

            # Overview
            page.goto(app_url)
            expect(page.get_by_role("heading", name="Riskiest campaigns")).to_be_visible()
            expect(page.locator(".js-plotly-plot").first).to_be_visible()
            _settle(page)
            page.screenshot(path=str(tmp_path / "overview.png"))

            # 1. the riskiest campaign
            page.get_by_role("link", name=re.compile(rf"^Open {want['campaign']}")).click()
            expect(page.get_by_role("heading", name=f"Campaign {want['campaign']}")).to_be_visible()
            _settle(page)

            # 2. one of its clusters: the graph and the member table render
            page.get_by_role("button", name="Open cluster").click()
            expect(page.get_by_role("heading", name=f"Cluster {want['cluster']}")).to_be_visible()
            _settle(page)
            graph = page.locator(".js-plotly-plot").first
            expect(graph).to_be_visible()
            assert graph.locator(".scatterlayer .point").count() > 3
            expect(page.get_by_role("heading", name="Members")).to_be_visible()
            expect(page.locator('[data-testid="stDataFrame"]').nth(2)).to_be_visible()
            expect(page.get_by_text(re.compile(r"^Why is .+ here\?$")).first).to_be_visible()
            page.set_viewport_size({"width": 1440, "height": 1500})
            page.get_by_role(
                "heading", name=f"Cluster {want['cluster']}"
            ).scroll_into_view_if_needed()
            _settle(page)
            page.screenshot(path=str(tmp_path / "cluster.png"))
            page.set_viewport_size({"width": 1440, "height": 1000})

            # 3. account lookup by a gmail dot/plus variant of its e-mail
            page.goto(f"{app_url}/lookup")
            box = page.get_by_label("Search", exact=True)
            box.fill(want["variant"])
            box.press("Enter")
            expect(page.get_by_role("heading", name=f"Account {want['account']}")).to_be_visible()
            _settle(page)

            # 4. label it legit
            form = page.locator('[data-testid="stForm"]')
            form.get_by_text("legit", exact=True).click()
            form.get_by_label("Note").fill("verified customer (e2e)")
            form.get_by_role("button", name="Save label").click()
            expect(page.get_by_text(re.compile(r"1 account\(s\) labelled legit"))).to_be_visible()

            # 5. the export download, with the contract's columns
            page.goto(f"{app_url}/export")
            button = page.get_by_role("button", name="Download CSV")
            expect(button).to_be_visible()
            _settle(page)
            with page.expect_download() as download_info:
                button.click()
            saved = tmp_path / "export.csv"
            download_info.value.save_as(saved)
            _settle(page)
            deadline = time.monotonic() + 20  # the click's rerun writes the audit entry
            while time.monotonic() < deadline and not any(
                e["action"] == "export.download" for e in ops.read_audit(database)
            ):
                page.wait_for_timeout(250)
        finally:
            browser.close()

    exported = pl.read_csv(io.BytesIO(saved.read_bytes()))
    assert exported.columns[:6] == EXPORT_COLUMNS
    assert exported.height > 0
    if want["exportable"]:  # labelled legit: never exported
        assert want["account"] not in set(exported["account_id"])
    history = ops.label_history(database)
    assert history.row(0, named=True)["account_id"] == want["account"]
    assert history.row(0, named=True)["actor"] == "e2e-analyst"
    actions = [entry["action"] for entry in ops.read_audit(database)]
    assert "export.download" in actions
    for name in ("overview.png", "cluster.png"):
        assert (tmp_path / name).stat().st_size > 10_000, name  # a real page, not a blank
        if os.environ.get("FRAUDGRAPH_UPDATE_SCREENSHOTS") == "1":
            SCREENSHOTS.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(tmp_path / name, SCREENSHOTS / name)
