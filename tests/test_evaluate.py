"""evaluate: precision/recall of exactly what export would ban, per ring, tactic and group kind."""

from __future__ import annotations

import pytest

from fraudgraph.errors import InputError
from fraudgraph.evaluate import evaluate
from fraudgraph.ops import set_label
from fraudgraph.runs.rebuild import rebuild
from tests.runs_double import add_accounts, device_pipeline


@pytest.fixture
def published(workspace):
    # Ring A (5 fakes, device d1) is found; ring B: 2 of its 3 fakes share d2 with a legit
    # university account; f9 is a lone fake on its own device (missed).
    add_accounts(
        workspace,
        [(f"a{i}", "d1", "US") for i in range(1, 6)]
        + [("b1", "d2", "US"), ("b2", "d2", "US"), ("u1", "d2", "US"), ("b3", "dx", "US")]
        + [("f9", "d9", "US"), ("h1", "home", "US"), ("h2", "home", "US")],
    )
    rebuild(workspace, pipeline=device_pipeline, quiet=True)
    return workspace


def _truth(tmp_path, extra: str = "") -> str:
    lines = ["account_id,is_fake,ring_id,group_kind,tactic,notes"]
    lines += [f"a{i},true,A,,burst,x" for i in range(1, 6)]
    lines += ["b1,1,B,,stealth,", "b2,1,B,,stealth,", "b3,yes,B,,stealth,", "f9,TRUE,,,,"]
    lines += ["u1,false,,university,,", "h1,0,,household,,", "h2,no,,household,,"]
    path = tmp_path / "truth.csv"
    path.write_text("\n".join(lines) + "\n" + extra)
    return path


def test_metrics_per_ring_tactic_and_group_kind(published, tmp_path):
    result = evaluate(published, _truth(tmp_path))
    assert result["threshold"] == 0.5 and result["run_id"] == "R-000001"
    # Banned at 0.5: a1..a5 (score 1.0), b1, b2, u1 (score 0.6); h1, h2 (0.4) are not.
    assert result["counts"] == {
        "tp": 7,
        "fp": 1,
        "fn": 2,
        "exported": 8,
        "fakes": 9,
        "truth_accounts": 12,
        "exported_not_in_truth": 0,
    }
    assert result["precision"] == pytest.approx(7 / 8)
    assert result["recall"] == pytest.approx(7 / 9)
    assert result["recall_per_ring"]["A"] == {
        "recall": 1.0,
        "size": 5,
        "found": 5,
        "tactic": "burst",
    }
    assert result["recall_per_ring"]["B"]["recall"] == pytest.approx(2 / 3)
    assert result["recall_per_tactic"]["stealth"]["rings"] == 1
    assert result["false_positives_per_group_kind"] == {"household": 0, "university": 1}


def test_a_legit_label_removes_the_false_positive(published, tmp_path):
    set_label(published, "u1", "legit", actor="analyst")
    result = evaluate(published, _truth(tmp_path))
    assert result["counts"]["fp"] == 0 and result["precision"] == 1.0


def test_threshold_is_applied(published, tmp_path):
    result = evaluate(published, _truth(tmp_path), min_score=0.9)
    assert result["counts"]["exported"] == 5 and result["precision"] == 1.0
    assert result["threshold"] == 0.9


def test_exported_accounts_missing_from_truth_count_against_precision(published, tmp_path):
    path = tmp_path / "partial.csv"
    path.write_text("account_id,is_fake\n" + "".join(f"a{i},true\n" for i in range(1, 6)))
    result = evaluate(published, path)
    assert result["counts"]["exported_not_in_truth"] == 3
    assert result["counts"]["fp"] == 3


@pytest.mark.parametrize(
    "content, message",
    [
        ("account_id,label\na1,true\n", "is_fake"),
        ("account_id,is_fake\na1,maybe\n", "true/false"),
        ("account_id,is_fake\n,true\n", "empty account_id"),
    ],
)
def test_bad_truth_files_are_one_line_input_errors(published, tmp_path, content, message):
    path = tmp_path / "truth.csv"
    path.write_text(content)
    with pytest.raises(InputError, match=message) as excinfo:
        evaluate(published, path)
    assert "\n" not in str(excinfo.value)


def test_missing_truth_file(published, tmp_path):
    with pytest.raises(InputError, match="not found"):
        evaluate(published, tmp_path / "nope.csv")
