"""``fraudgraph app`` runs Streamlit as a child: a SIGTERM to the command must stop the
server too, or an orphan keeps the port after a supervisor (systemd, a test) stopped it."""

from __future__ import annotations

import signal
import subprocess
import sys

import pytest

from fraudgraph.runs.lock import _proc_state
from tests.conftest import wait_for

# The app command's forwarding code around a child that writes its pid and sleeps.
WRAPPER = """
import sys
from fraudgraph.app.serve import _run_forwarding_signals
child = [sys.executable, "-c",
         "import os, sys, time, pathlib; "
         "pathlib.Path(sys.argv[1]).write_text(str(os.getpid())); time.sleep(120)",
         sys.argv[1]]
sys.exit(_run_forwarding_signals(child, {}))
"""


def _alive(pid: int) -> bool:
    return _proc_state(pid) not in (None, "Z", "X")  # a zombie has exited


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGHUP])
def test_a_signal_to_the_app_command_stops_its_server(tmp_path, signum):
    pid_file = tmp_path / "child.pid"
    wrapper = subprocess.Popen([sys.executable, "-c", WRAPPER, str(pid_file)])
    try:
        wait_for(lambda: pid_file.exists() and pid_file.read_text().strip() != "", 20)
        child = int(pid_file.read_text())
        assert _alive(child)
        wrapper.send_signal(signum)
        code = wrapper.wait(timeout=20)
        wait_for(lambda: not _alive(child), 20, "the server outlived the app command")
        # stopped on request is a clean exit; a hang-up reports the child's signal
        assert code == (0 if signum == signal.SIGTERM else 128 + signum)
    finally:
        if wrapper.poll() is None:
            wrapper.kill()
