"""The wheel ships every query and template: pyproject.toml lists each data folder.

The test suite runs on an editable install, which maps whole folders, so a query
folder missing from ``[tool.setuptools]`` would pass every other test and still
be absent from a built wheel (setuptools only ships listed packages' data).
"""

from __future__ import annotations

import tomllib
from fnmatch import fnmatch
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _setuptools() -> dict:
    return tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]


def _folder(package: str, package_dir: dict[str, str]) -> Path:
    parts = package.split(".")
    for i in range(len(parts), 0, -1):
        head = ".".join(parts[:i])
        if head in package_dir:
            return ROOT / package_dir[head] / Path(*parts[i:])
    raise AssertionError(f"{package}: no package-dir mapping")


def test_every_data_file_is_in_a_listed_package_with_a_matching_pattern():
    config = _setuptools()
    packages, package_dir, data = config["packages"], config["package-dir"], config["package-data"]
    folders = {_folder(p, package_dir): p for p in packages}
    shipped, missing = 0, []
    for pattern in ("queries/**/*.sql", "fraudgraph/templates/*.html"):
        for path in ROOT.glob(pattern):
            package = folders.get(path.parent)
            if package is None or not any(fnmatch(path.name, g) for g in data.get(package, [])):
                missing.append(str(path.relative_to(ROOT)))
            shipped += 1
    assert shipped > 100  # the query files exist where this test looks
    assert missing == []


def test_no_generic_top_level_package():
    config = _setuptools()
    assert all(p == "fraudgraph" or p.startswith("fraudgraph.") for p in config["packages"])
    for package in config["packages"]:
        assert _folder(package, config["package-dir"]).is_dir(), package
