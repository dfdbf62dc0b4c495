"""``fraudgraph app``: run the Streamlit app in the foreground.

The app is bound to 127.0.0.1 by default. Any other ``--host`` makes it reachable from
other machines, so it starts only when authentication is configured: a password
(``$FRAUDGRAPH_APP_PASSWORD`` or ``password`` in Streamlit secrets) or Streamlit's OIDC
login (``[auth]`` in Streamlit secrets). The check at the gate itself lives in
:mod:`fraudgraph.app.components.auth`.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import tomllib
from pathlib import Path

from fraudgraph.app.components.auth import LOCAL_HOSTS

from fraudgraph.errors import InputError
from fraudgraph.workspace import Workspace

__all__ = ["serve", "entry_script", "streamlit_command", "secrets_files"]


def entry_script() -> Path:
    """The installed path of the app's entry script."""
    return Path(__file__).resolve().with_name("main.py")


def secrets_files(cwd: Path | None = None) -> list[Path]:
    """Where Streamlit looks for secrets (global first, then the project's)."""
    cwd = cwd or Path.cwd()
    return [Path.home() / ".streamlit" / "secrets.toml", cwd / ".streamlit" / "secrets.toml"]


def _secrets(cwd: Path | None = None) -> dict:
    merged: dict = {}
    for path in secrets_files(cwd):
        try:
            merged.update(tomllib.loads(path.read_text(encoding="utf-8")))
        except FileNotFoundError:
            continue
        except (OSError, tomllib.TOMLDecodeError) as exc:
            raise InputError(f"{path}: unreadable Streamlit secrets: {exc}") from None
    return merged


def _auth_mode(host: str) -> str:
    """``none`` on loopback, else ``password`` or ``oidc``; InputError when neither is set."""
    secrets = _secrets()
    if os.environ.get("FRAUDGRAPH_APP_PASSWORD") or secrets.get("password"):
        return "password"
    if secrets.get("auth"):
        return "oidc"
    if host in LOCAL_HOSTS:
        return "none"
    raise InputError(
        f"refusing to serve on {host} without authentication: set FRAUDGRAPH_APP_PASSWORD "
        "(or `password` in .streamlit/secrets.toml), or configure [auth] for OIDC login in "
        ".streamlit/secrets.toml"
    )


def streamlit_command(port: int, host: str) -> list[str]:
    return [
        sys.executable,
        "-m",
        "streamlit",
        "run",
        str(entry_script()),
        "--server.address",
        host,
        "--server.port",
        str(int(port)),
        "--server.headless",
        "true",
        "--browser.gatherUsageStats",
        "false",
        "--server.fileWatcherType",
        "none",
        "--server.runOnSave",
        "false",
        "--client.toolbarMode",
        "viewer",
    ]


def serve(ws: Workspace, port: int = 8501, host: str = "127.0.0.1") -> int:
    """Run the app until interrupted; return Streamlit's exit status."""
    if not 0 < int(port) < 65536:
        raise InputError(f"--port {port} is not a TCP port")
    if not host or any(c.isspace() for c in host):
        raise InputError(f"--host {host!r} is not a host name or address")
    mode = _auth_mode(host)
    env = dict(os.environ)
    env["FRAUDGRAPH_DB"] = str(ws.db.expanduser().resolve())
    env["FRAUDGRAPH_APP_AUTH"] = "required" if host not in LOCAL_HOSTS else "local"
    print(
        f"fraudgraph app on http://{host}:{port} (database {env['FRAUDGRAPH_DB']}, "
        f"authentication: {mode})",
        file=sys.stderr,
    )
    return _run_forwarding_signals(streamlit_command(port, host), env)


def _run_forwarding_signals(cmd: list[str], env: dict[str, str]) -> int:
    """Run the server as a child and pass SIGTERM/SIGHUP on to it.

    A supervisor (systemd, a test, ``kill PID``) signals the ``fraudgraph app``
    process; without forwarding, Streamlit would outlive it as an orphan that
    keeps the port. Ctrl-C reaches both through the terminal's process group.
    """
    proc: subprocess.Popen | None = None
    pending: list[int] = []  # a signal that came before the child existed

    def forward(signum: int, _frame: object) -> None:
        if proc is None:
            pending.append(signum)
        else:
            proc.send_signal(signum)

    previous: dict[int, object] = {}
    if threading.current_thread() is threading.main_thread():
        for signum in (signal.SIGTERM, signal.SIGHUP):
            previous[signum] = signal.signal(signum, forward)
    try:
        proc = subprocess.Popen(cmd, env=env)
        for signum in pending:
            proc.send_signal(signum)
        while True:
            try:
                code = proc.wait()
                break
            except KeyboardInterrupt:
                continue  # the child got the same SIGINT; wait for it to finish
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)
    if code in (-signal.SIGTERM, -signal.SIGINT):
        return 0  # stopped on request
    return 128 - code if code < 0 else code
