"""The HTML case report, end to end on a small generated population (20k accounts, 2k fakes).

Journey: generate, ingest, rebuild (once per module), then ``fraudgraph report`` for the
biggest flagged campaign: a self-contained page that parses, quotes the profile's
headline, shows the charts and the infrastructure, masks PII, names its run, is audited;
an unknown campaign is a one-line error with exit status 2 and no file.
"""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

import pytest

from fraudgraph import api
from fraudgraph.errors import InputError
from fraudgraph.runs.read import open_run
from fraudgraph.workspace import Workspace

pytestmark = pytest.mark.slow

VOID = {"meta", "br", "hr", "img", "input", "link", "col", "area", "base", "wbr", "source"}
SVG_LEAVES = {"rect", "line", "path", "circle"}


class _Checker(HTMLParser):
    """Collects tags, attributes and text, and checks that every element is closed in order."""

    def __init__(self) -> None:
        super().__init__()
        self.stack: list[str] = []
        self.errors: list[str] = []
        self.tags: list[str] = []
        self.attrs: list[tuple[str, str | None]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self.attrs.extend(attrs)
        if tag not in VOID:
            self.stack.append(tag)

    def handle_startendtag(self, tag, attrs):
        self.tags.append(tag)
        self.attrs.extend(attrs)

    def handle_endtag(self, tag):
        if not self.stack or self.stack[-1] != tag:
            self.errors.append(f"</{tag}> closes {self.stack[-1:] or 'nothing'}")
        else:
            self.stack.pop()

    def handle_data(self, data):
        self.text.append(data)


def _parse(text: str) -> _Checker:
    checker = _Checker()
    checker.feed(text)
    checker.close()
    return checker


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Workspace:
    root = tmp_path_factory.mktemp("report")
    data = root / "data"
    api.generate(data, accounts=20_000, fake_accounts=2_000, seed=3, fmt="parquet")
    ws = Workspace.at(root / "fg.duckdb")
    api.ingest([data], db=ws.db, progress=False)
    api.rebuild(db=ws.db, actor="test")
    return ws


@pytest.fixture(scope="module")
def campaign(built) -> dict:
    con = open_run(built)
    try:
        row = (
            con.sql(
                "SELECT p.campaign_id, p.headline, p.accounts, p.model_pivots, r.run_id"
                " FROM campaign_profile p, run_info r ORDER BY p.accounts DESC LIMIT 1"
            )
            .pl()
            .to_dicts()[0]
        )
        row["emails"] = [
            r[0]
            for r in con.sql(
                "SELECT a.email FROM memberships m JOIN accounts a USING (account_id)"
                " WHERE m.campaign_id = $c AND a.email IS NOT NULL",
                params={"c": row["campaign_id"]},
            ).fetchall()
        ]
    finally:
        con.close()
    return row


@pytest.fixture(scope="module")
def page(built, campaign, tmp_path_factory) -> str:
    out = tmp_path_factory.mktemp("out") / "report.html"
    written = api.report(campaign["campaign_id"], out, db=built.db, actor="analyst-1")
    assert written == out.resolve()
    return out.read_text(encoding="utf-8")


def test_the_biggest_campaign_is_profiled(campaign):
    assert campaign["accounts"] >= 1_000, "the planted 2k-account campaign is found"
    assert campaign["headline"].startswith(f"{campaign['accounts']:,} accounts, ")
    assert campaign["headline"].endswith(" requests per account per day")


def test_report_parses_and_quotes_the_headline(page, campaign):
    checker = _parse(page)
    assert not checker.errors, checker.errors[:5]
    assert checker.stack == [], f"unclosed: {checker.stack}"
    assert campaign["headline"] in " ".join(checker.text)
    assert campaign["run_id"] in page
    assert "generated" in page


def test_report_is_self_contained(page):
    checker = _parse(page)
    assert "http://" not in page and "https://" not in page
    assert not {"script", "link", "img", "iframe", "object", "embed"} & set(checker.tags)
    assert not [a for a in checker.attrs if a[0] in ("src", "href")]
    assert "<style>" in page, "CSS is inline"


def test_report_has_charts_and_sections(page, campaign):
    checker = _parse(page)
    assert checker.tags.count("svg") >= 2, "daily requests by model and signup timeline"
    assert checker.tags.count("rect") > 20
    for section in (
        "Numbers",
        "Model pivots",
        "Daily requests by model",
        "Signup timeline",
        "Shared infrastructure",
        "Clusters",
        "Sample of members",
    ):
        assert f"<h2>{section}" in page
    for pivot in campaign["model_pivots"]:
        assert pivot["model"] in page


def test_report_masks_pii(page, campaign):
    assert campaign["emails"], "the campaign's accounts have e-mails"
    leaked = [e for e in campaign["emails"] if e in page]
    assert not leaked, f"raw e-mails in the report: {leaked[:3]}"
    assert "***@" in page, "masked e-mails are shown"


def test_report_is_audited(built, campaign, page):
    entries = [e for e in api.audit(db=built.db) if e["action"] == "report"]
    assert entries, "writing a report leaves an audit entry"
    assert entries[0]["actor"] == "analyst-1"
    assert entries[0]["details"]["campaign_id"] == campaign["campaign_id"]
    assert entries[0]["details"]["run_id"] == campaign["run_id"]


def test_campaign_number_alone_is_accepted(built, campaign, tmp_path):
    number = str(int(campaign["campaign_id"].split("-")[1]))
    out = api.report(number, tmp_path / "r.html", db=built.db)
    assert campaign["headline"] in out.read_text(encoding="utf-8")


def test_unflagged_campaign_still_gets_a_report(built, tmp_path):
    con = open_run(built)
    try:
        unflagged = con.sql(
            "SELECT campaign_id FROM campaigns WHERE NOT flagged ORDER BY size DESC LIMIT 1"
        ).fetchall()[0][0]
    finally:
        con.close()
    text = api.report(unflagged, tmp_path / "u.html", db=built.db).read_text(encoding="utf-8")
    assert "not flagged" in text
    assert not _parse(text).errors


def test_unknown_campaign_is_one_line_exit_2(built, cli, tmp_path):
    out = tmp_path / "nope.html"
    proc = cli("report", "K-9999", "--out", out, "--db", built.db)
    assert proc.returncode == 2
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and "K-9999" in lines[0] and "not found" in lines[0]
    assert not out.exists()


def test_output_folder_must_exist(built, campaign, tmp_path):
    with pytest.raises(InputError, match="does not exist"):
        api.report(campaign["campaign_id"], tmp_path / "missing" / "r.html", db=built.db)


def test_cli_writes_the_report(built, campaign, cli, tmp_path):
    out = tmp_path / "cli.html"
    proc = cli("report", campaign["campaign_id"], "--out", out, "--db", built.db)
    assert proc.returncode == 0, proc.stderr
    assert campaign["headline"] in out.read_text(encoding="utf-8")
    assert not list(Path(tmp_path).glob(".cli.html.tmp-*")), "no temporary file left behind"
