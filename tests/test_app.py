"""Every page of the analysts' app, driven with Streamlit's AppTest against a real
(hand-built) run snapshot: what it shows, its empty and error states, and its actions."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from fraudgraph import ops
from fraudgraph.workspace import Workspace
from tests.test_app_snapshot import build_runs

ENTRY = str(Path(__file__).resolve().parents[1] / "app" / "main.py")
INJECTION = "x' OR '1'='1'; DROP TABLE accounts; --"


@pytest.fixture
def snapshot_ws(tmp_path: Path, monkeypatch) -> Workspace:
    ws = Workspace.at(tmp_path / "fg.duckdb")
    build_runs(ws)
    monkeypatch.setenv("FRAUDGRAPH_DB", str(ws.db))
    monkeypatch.setenv("FRAUDGRAPH_ACTOR", "alice")
    monkeypatch.delenv("FRAUDGRAPH_APP_PASSWORD", raising=False)
    monkeypatch.delenv("FRAUDGRAPH_APP_AUTH", raising=False)
    return ws


def open_page(page: str, **query: str) -> AppTest:
    at = AppTest.from_file(ENTRY, default_timeout=60)
    at.run()
    if page != "overview":
        at.query_params.update(query)
        at.switch_page(f"pages/{page}.py").run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def texts(at: AppTest) -> str:
    parts = [m.value for m in at.markdown] + [c.value for c in at.caption]
    parts += [str(x.value) for x in (*at.title, *at.header, *at.subheader)]
    parts += [str(x.value) for x in (*at.info, *at.warning, *at.error, *at.success)]
    return "\n".join(parts)


def frames(at: AppTest):
    return [d.value for d in at.dataframe]


# ----------------------------------------------------------------- states


def test_no_database_is_explained(tmp_path, monkeypatch):
    monkeypatch.setenv("FRAUDGRAPH_DB", str(tmp_path / "missing.duckdb"))
    monkeypatch.delenv("FRAUDGRAPH_APP_PASSWORD", raising=False)
    for page in ("overview", "campaigns", "detail", "lookup", "labels", "export", "runs"):
        at = open_page(page)
        assert any("No database at" in w.value for w in at.warning), page


def test_no_run_yet_is_explained(tmp_path, monkeypatch):
    ws = Workspace.at(tmp_path / "fg.duckdb")
    ws.db.write_bytes(b"")  # a store exists, nothing published
    monkeypatch.setenv("FRAUDGRAPH_DB", str(ws.db))
    monkeypatch.delenv("FRAUDGRAPH_APP_PASSWORD", raising=False)
    for page in ("overview", "detail", "export"):
        at = open_page(page)
        assert any("No run has been published" in i.value for i in at.info), page


# ----------------------------------------------------------------- overview


def test_overview_shows_counts_and_riskiest_campaign_first(snapshot_ws):
    at = open_page("overview")
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Accounts"] == "40"
    assert metrics["Clusters"] == "3"
    assert metrics["Campaigns"] == "2"
    campaigns = frames(at)[0]
    assert list(campaigns["campaign_id"]) == ["K-0001", "K-0002"]
    assert "Compared with R-000001" in texts(at)
    assert len(at.get("plotly_chart")) == 1


# ----------------------------------------------------------------- browse


def test_campaign_table_filters_and_explains_an_empty_filter(snapshot_ws):
    at = open_page("campaigns")
    assert list(frames(at)[0]["campaign_id"]) == ["K-0001", "K-0002"]
    at.segmented_control(key="browse-level").set_value("Clusters").run()
    at.text_input(key="browse-search").input("template").run()
    assert list(frames(at)[0]["cluster_id"]) == ["C-000002"]
    at.text_input(key="browse-search").input(INJECTION).run()
    assert not at.exception
    assert any("No clusters match" in i.value for i in at.info)


def test_open_button_goes_to_detail(snapshot_ws):
    at = open_page("campaigns")
    at.selectbox(key="browse-open-id").set_value("K-0002")
    at.button(key="browse-open").click().run()
    assert not at.exception
    assert at.title[0].value == "Campaign K-0002"


# ----------------------------------------------------------------- detail


def test_cluster_detail_renders_graph_timelines_members_and_why(snapshot_ws):
    at = open_page("detail", cluster="C-000001")
    assert at.title[0].value == "Cluster C-000001"
    body = texts(at)
    assert "shared card x12" in body
    charts = at.get("plotly_chart")
    assert len(charts) == 3  # graph, signups, requests
    members = next(f for f in frames(at) if "strength" in f.columns)
    assert len(members) == 12
    # PII masked by default: the gmail member shows as J***@gmail.com
    emails = set(members["email"])
    assert "J***@gmail.com" in emails and "John.Smith@gmail.com" not in emails
    whys = [e for e in at.expander if e.label.startswith("Why is")]
    assert len(whys) == 12
    first_why = whys[0].dataframe[0].value
    assert set(first_why["kind"]) == {"card", "device"}
    assert "fp_rin…" in set(first_why["value"])  # card fingerprint shortened


def test_campaign_detail_lists_its_clusters(snapshot_ws):
    at = open_page("detail", campaign="K-0001")
    assert at.title[0].value == "Campaign K-0001"
    clusters = next(f for f in frames(at) if "density" in f.columns)
    assert list(clusters["cluster_id"]) == ["C-000001", "C-000002"]
    assert next(m for m in at.metric if m.label == "Accounts").value == "20"


def test_large_group_is_drawn_as_infrastructure_with_a_note(snapshot_ws, monkeypatch):
    from fraudgraph.app import data

    view = data.graph_view(
        str(snapshot_ws.db), "R-000002", "campaign", "K-0001", max_members=5, max_values=10
    )
    assert view["mode"] == "infrastructure"
    assert view["total_members"] == 20
    assert view["members"].height == min(20, data.GRAPH_SAMPLE_MEMBERS)
    # the card and the device are held by the same 12 members: one infrastructure link
    links = {
        tuple(sorted((s.split("\x1f")[0], t.split("\x1f")[0]))): n
        for s, t, n in view["value_links"].iter_rows()
    }
    assert links[("card", "device")] == 12


def test_unknown_cluster_is_explained(snapshot_ws):
    at = open_page("detail", cluster="C-999999")
    assert any("There is no cluster 'C-999999'" in w.value for w in at.warning)
    at = open_page("detail", cluster=INJECTION)
    assert any("There is no cluster" in w.value for w in at.warning)


def test_detail_without_target_offers_a_chooser(snapshot_ws):
    at = open_page("detail")
    assert at.selectbox(key="detail-choose").options == ["K-0001", "K-0002"]


def test_reveal_pii_is_audited_and_unmasks(snapshot_ws):
    at = open_page("detail", cluster="C-000001")
    at.toggle(key="fg_reveal_widget").set_value(True).run()
    assert not at.exception
    members = next(f for f in frames(at) if "strength" in f.columns)
    assert "John.Smith@gmail.com" in set(members["email"])
    entries = ops.read_audit(snapshot_ws)
    assert entries[0]["action"] == "pii.reveal"
    assert entries[0]["actor"] == "alice"
    assert entries[0]["details"]["run_id"] == "R-000002"


# ----------------------------------------------------------------- lookup


def test_lookup_by_gmail_variant_finds_the_account(snapshot_ws):
    at = open_page("lookup")
    at.text_input(key="lookup-text").input("John.Smith+promo@GoogleMail.com").run()
    assert at.header[0].value == "Account A-0001"
    body = texts(at)
    assert "In cluster **C-000001**" in body
    assert "J***@gmail.com" in body
    sharing = frames(at)[-1]
    card = sharing.loc[sharing["kind"] == "card"].iloc[0]
    assert card["accounts_sharing"] == 12
    assert card["value"] == "fp_rin…"


@pytest.mark.parametrize(
    ("text", "kind", "found"),
    [
        ("A-0005", "any", "A-0005"),
        ("203.0.113.12", "ip", "A-0003"),
        ("+44 7700 900 007", "phone", "A-0008"),
        ("dev-ring-1", "device", None),  # 12 accounts share it: a result table
    ],
)
def test_lookup_by_each_kind(snapshot_ws, text, kind, found):
    at = open_page("lookup")
    at.selectbox(key="lookup-kind").set_value(kind)
    at.text_input(key="lookup-text").input(text).run()
    assert not at.exception
    if found:
        assert at.header[0].value == f"Account {found}"
    else:
        assert len(frames(at)[0]) == 12


@pytest.mark.parametrize("text", ["nobody@example.com", INJECTION, "A-0001' --"])
def test_unknown_account_is_explained(snapshot_ws, text):
    at = open_page("lookup")
    at.text_input(key="lookup-text").input(text).run()
    assert not at.exception
    assert any("No account matches" in w.value for w in at.warning)


# ----------------------------------------------------------------- labels


def test_label_an_account_legit_is_stored_and_shown(snapshot_ws):
    at = open_page("labels")
    at.radio(key="label-page-scope").set_value("account")
    at.text_input(key="label-page-target").input("A-0002")
    at.radio(key="label-page-verdict").set_value("legit")
    at.text_input(key="label-page-note").input("known customer")
    next(b for b in at.button if b.label == "Save label").click().run()
    assert not at.exception
    assert any("1 account(s) labelled legit by alice" in s.value for s in at.success)
    history = ops.label_history(snapshot_ws)
    assert history.row(0, named=True)["account_id"] == "A-0002"
    assert history.row(0, named=True)["label"] == "legit"
    assert history.row(0, named=True)["actor"] == "alice"
    labels = ops.effective_labels(snapshot_ws)
    assert labels.filter(labels["account_id"] == "A-0002")["label"].to_list() == ["legit"]
    # the history table on the page says who labelled what
    at.run()
    assert "alice" in set(frames(at)[0]["actor"])


def test_label_a_whole_cluster_from_its_detail_page(snapshot_ws):
    at = open_page("detail", cluster="C-000003")
    at.radio(key="label-cluster-verdict").set_value("legit")
    next(b for b in at.button if b.label == "Save label").click().run()
    assert any("4 account(s) labelled legit" in s.value for s in at.success)
    members = next(f for f in frames(at) if "strength" in f.columns)
    assert set(members["label"]) == {"legit"}


def test_label_of_unknown_target_is_refused_in_words(snapshot_ws):
    at = open_page("labels")
    at.radio(key="label-page-scope").set_value("cluster")
    at.text_input(key="label-page-target").input(INJECTION)
    next(b for b in at.button if b.label == "Save label").click().run()
    assert not at.exception
    assert any("There is no cluster" in w.value for w in at.warning)
    assert ops.label_history(snapshot_ws).height == 0


# ----------------------------------------------------------------- export


def test_export_download_is_audited(snapshot_ws):
    at = open_page("export")
    assert not at.error, [e.value for e in at.error]
    preview = frames(at)[0]
    assert list(preview.columns[:6]) == [
        "account_id",
        "cluster_id",
        "cluster_size",
        "cluster_score",
        "reasons",
        "run_id",
    ]
    at.get("download_button")[0].click().run()
    assert not at.exception
    entries = [e for e in ops.read_audit(snapshot_ws) if e["action"] == "export.download"]
    assert len(entries) == 1
    assert entries[0]["details"]["run_id"] == "R-000002"
    assert entries[0]["details"]["rows"] == len(preview)
    assert entries[0]["actor"] == "alice"


def test_export_bytes_have_the_contract_columns(snapshot_ws):
    import io

    import polars as pl
    from fraudgraph.app import data

    raw = data.export_bytes(str(snapshot_ws.db), "R-000002", min_score=0.5, min_size=1, fmt="csv")
    frame = pl.read_csv(io.BytesIO(raw))
    assert frame.columns[:6] == [
        "account_id",
        "cluster_id",
        "cluster_size",
        "cluster_score",
        "reasons",
        "run_id",
    ]
    assert set(frame["cluster_id"]) == {"C-000001", "C-000002"}
    raw = data.export_bytes(
        str(snapshot_ws.db), "R-000002", min_score=0.5, min_size=1, fmt="parquet"
    )
    assert pl.read_parquet(io.BytesIO(raw)).height == frame.height


def test_export_with_an_empty_selection_is_explained(snapshot_ws):
    at = open_page("export")
    at.checkbox(key="export-default").uncheck()
    at.number_input(key="export-min-size").set_value(1000).run()
    assert any("Nothing to export" in i.value for i in at.info)


# ----------------------------------------------------------------- runs


def test_runs_page_shows_what_changed(snapshot_ws):
    at = open_page("runs")
    assert not at.error, [e.value for e in at.error]
    body = texts(at)
    assert "R-000001" in body and "R-000002" in body


def test_runs_page_with_a_single_run(tmp_path, monkeypatch):
    ws = Workspace.at(tmp_path / "fg.duckdb")
    build_runs(ws, runs=1)
    monkeypatch.setenv("FRAUDGRAPH_DB", str(ws.db))
    at = open_page("runs")
    assert any("nothing to compare" in i.value for i in at.info)


def test_older_run_can_be_picked_in_the_sidebar(snapshot_ws):
    at = open_page("overview")
    at.selectbox(key="fg_run_widget").set_value("R-000001").run()
    assert next(m for m in at.metric if m.label == "Clusters").value == "2"
