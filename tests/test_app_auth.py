"""Access control of the app (issue 7): loopback by default, authentication required
anywhere else, a password checked before any page renders, OIDC when configured."""

from __future__ import annotations

from pathlib import Path

import pytest
from fraudgraph.app import serve
from streamlit.testing.v1 import AppTest

from fraudgraph.errors import InputError
from fraudgraph.workspace import Workspace
from tests.test_app_snapshot import build_runs

ENTRY = str(Path(__file__).resolve().parents[1] / "app" / "main.py")


@pytest.fixture
def app_env(tmp_path: Path, monkeypatch) -> Workspace:
    ws = Workspace.at(tmp_path / "fg.duckdb")
    build_runs(ws, runs=1)
    monkeypatch.setenv("FRAUDGRAPH_DB", str(ws.db))
    monkeypatch.setenv("HOME", str(tmp_path))  # no ~/.streamlit/secrets.toml
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("FRAUDGRAPH_APP_PASSWORD", raising=False)
    monkeypatch.delenv("FRAUDGRAPH_APP_AUTH", raising=False)
    return ws


def test_password_gate_blocks_every_page_until_the_right_password(app_env, monkeypatch):
    monkeypatch.setenv("FRAUDGRAPH_APP_PASSWORD", "correct horse")
    at = AppTest.from_file(ENTRY, default_timeout=30).run()
    assert [t.value for t in at.title] == ["fraudgraph"]
    assert not at.metric  # nothing of the Overview rendered
    at.text_input[0].input("mallory")
    at.text_input[1].input("guess")
    at.button[0].click().run(timeout=30)
    assert any("Wrong password" in e.value for e in at.error)
    assert not at.metric
    at.text_input[0].input("bob")
    at.text_input[1].input("correct horse")
    at.button[0].click().run(timeout=30)
    assert not at.exception
    assert at.title[0].value == "Overview"
    assert any("Signed in as bob" in c.value for c in at.caption)


def test_exposed_app_without_authentication_refuses_to_render(app_env, monkeypatch):
    monkeypatch.setenv("FRAUDGRAPH_APP_AUTH", "required")
    at = AppTest.from_file(ENTRY, default_timeout=30).run()
    assert any("no authentication is configured" in e.value for e in at.error)
    assert not at.metric


def test_oidc_configured_shows_a_login_button(app_env, monkeypatch):
    monkeypatch.setenv("FRAUDGRAPH_APP_AUTH", "required")
    at = AppTest.from_file(ENTRY, default_timeout=30)
    at.secrets["auth"] = {"redirect_uri": "http://x/oauth2callback", "cookie_secret": "s"}
    at.user = {"is_logged_in": False}
    at.run()
    assert [b.label for b in at.button] == ["Log in"]
    assert not at.metric


def test_oidc_logged_in_user_sees_the_app_and_is_the_actor(app_env, monkeypatch):
    monkeypatch.setenv("FRAUDGRAPH_APP_AUTH", "required")
    at = AppTest.from_file(ENTRY, default_timeout=30)
    at.secrets["auth"] = {"redirect_uri": "http://x/oauth2callback", "cookie_secret": "s"}
    at.user = {"is_logged_in": True, "email": "carol@example.com"}
    at.run()
    assert at.title[0].value == "Overview"
    assert any("Signed in as carol@example.com" in c.value for c in at.caption)


def test_serve_refuses_a_public_host_without_authentication(app_env):
    with pytest.raises(InputError, match="refusing to serve on 0.0.0.0"):
        serve.serve(app_env, port=8765, host="0.0.0.0")


def test_serve_accepts_a_public_host_with_a_password_or_oidc(app_env, monkeypatch, tmp_path):
    monkeypatch.setenv("FRAUDGRAPH_APP_PASSWORD", "pw")
    assert serve._auth_mode("0.0.0.0") == "password"
    monkeypatch.delenv("FRAUDGRAPH_APP_PASSWORD")
    (tmp_path / ".streamlit").mkdir()
    (tmp_path / ".streamlit" / "secrets.toml").write_text(
        '[auth]\nredirect_uri = "http://h/oauth2callback"\ncookie_secret = "x"\n'
    )
    assert serve._auth_mode("10.0.0.5") == "oidc"
    assert serve._auth_mode("127.0.0.1") == "oidc"


def test_loopback_needs_no_authentication(app_env):
    assert serve._auth_mode("127.0.0.1") == "none"


def test_streamlit_command_binds_the_given_address_headless():
    cmd = serve.streamlit_command(8600, "127.0.0.1")
    assert cmd[1:4] == ["-m", "streamlit", "run"]
    assert Path(cmd[4]).is_file() and Path(cmd[4]).name == "main.py"
    flags = dict(zip(cmd[5::2], cmd[6::2], strict=False))
    assert flags["--server.address"] == "127.0.0.1"
    assert flags["--server.port"] == "8600"
    assert flags["--server.headless"] == "true"
    assert flags["--browser.gatherUsageStats"] == "false"


def test_cli_app_on_a_public_host_fails_in_one_line(cli, tmp_path):
    proc = cli(
        "app",
        "--host",
        "0.0.0.0",
        "--port",
        "8766",
        "--db",
        tmp_path / "x.duckdb",
        env={"HOME": str(tmp_path), "FRAUDGRAPH_APP_PASSWORD": ""},
        timeout=60,
    )
    assert proc.returncode == 2
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and "refusing to serve on 0.0.0.0" in lines[0]
