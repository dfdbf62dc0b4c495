"""Shared fixtures. Small hand-built populations live in the test modules that use them;
helpers that several modules need live here."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from fraudgraph.workspace import Workspace

REPO = Path(__file__).resolve().parents[1]
FRAUDGRAPH = Path(sys.executable).with_name("fraudgraph")


def wait_for(predicate, timeout: float = 30.0, message: str = "condition not reached in time"):
    """Poll ``predicate`` every 50 ms; AssertionError(message) after ``timeout`` seconds."""
    deadline = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > deadline:
            raise AssertionError(message)
        time.sleep(0.05)


@pytest.fixture
def workspace(tmp_path: Path) -> Workspace:
    """A fresh, empty database family in a temporary folder."""
    return Workspace.at(tmp_path / "fg.duckdb")


@pytest.fixture
def cli(tmp_path: Path):
    """Run the real console script; returns CompletedProcess (text)."""

    def run(*args: str, check: bool = False, env: dict | None = None, timeout: float = 600):
        full_env = {**os.environ, **(env or {})}
        proc = subprocess.run(
            [str(FRAUDGRAPH), *map(str, args)],
            capture_output=True,
            text=True,
            cwd=tmp_path,
            env=full_env,
            timeout=timeout,
        )
        if check and proc.returncode != 0:
            raise AssertionError(
                f"fraudgraph {' '.join(map(str, args))} -> {proc.returncode}\n{proc.stderr}"
            )
        return proc

    return run
