"""``fraudgraph app`` runs Streamlit as a child: a SIGTERM to the command must stop the
server too, or an orphan keeps the port after a supervisor (systemd, a test) stopped it."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

WRAPPER = """
import sys
from fraudgraph.app.serve import _run_forwarding_signals
child = [sys.executable, "-c",
         "import os, time, pathlib; pathlib.Path(sys.argv[1]).write_text(str(os.getpid())); "
         "time.sleep(120)".replace("sys.argv[1]", repr(sys.argv[1]))]
sys.exit(_run_forwarding_signals(child, dict()))
"""


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    # a zombie still answers kill(0); its state letter says it is gone
    stat = Path(f"/proc/{pid}/stat")
    return not (stat.exists() and stat.read_text().split(") ")[-1].startswith("Z"))


def _wait_for(predicate, timeout: float = 20.0) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.05)
    return False


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGHUP])
def test_a_signal_to_the_app_command_stops_its_server(tmp_path, signum):
    pid_file = tmp_path / "child.pid"
    wrapper = subprocess.Popen([sys.executable, "-c", WRAPPER, str(pid_file)])
    try:
        assert _wait_for(lambda: pid_file.exists() and pid_file.read_text().strip() != "")
        child = int(pid_file.read_text())
        assert _alive(child)
        wrapper.send_signal(signum)
        code = wrapper.wait(timeout=20)
        assert _wait_for(lambda: not _alive(child)), "the server outlived the app command"
        # stopped on request is a clean exit; a hang-up reports the child's signal
        assert code == (0 if signum == signal.SIGTERM else 128 + signum)
    finally:
        if wrapper.poll() is None:
            wrapper.kill()
