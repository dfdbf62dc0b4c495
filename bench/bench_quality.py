"""Detection quality on generated populations: precision, recall, per ring tactic, per group kind.

Runs the real journey for each (accounts, fakes, seed): ``generate`` -> ``ingest`` ->
``rebuild`` -> ``evaluate`` at the default threshold, and prints one block per
population plus a summary line, in a stable format:

    quality accounts=20000 fakes=2000 seed=3 precision=0.998 recall=0.961 ...

Usage::

    .venv/bin/python bench/bench_quality.py --sizes 20000:2000 100000:10000 --seeds 1 2 3
    .venv/bin/python bench/bench_quality.py --sizes 525000:25000 --seeds 1   # full size
    .venv/bin/python bench/bench_quality.py --sizes 150000:3000 --seeds 21 22 \
        --configs default pairs.toml                                        # A/B

With ``--configs``, each population is generated and ingested once and rebuilt
once per config (``default`` = no config file; each rebuild ``--full``), so
the lines compare scoring or detection settings on the same data.
"""

from __future__ import annotations

import argparse
import json
import resource
import shutil
import sys
import tempfile
import time
from pathlib import Path

from fraudgraph import api


def run_one(
    workdir: Path,
    accounts: int,
    fakes: int,
    seed: int,
    requests_per_fake: float,
    min_score: float | None,
    configs: list[str],
) -> list[tuple[str, dict]]:
    data = workdir / f"data-{accounts}-{seed}"
    db = workdir / f"fg-{accounts}-{seed}.duckdb"
    timings = {}
    start = time.perf_counter()
    api.generate(
        data,
        accounts=accounts,
        fake_accounts=fakes,
        seed=seed,
        requests_per_fake=requests_per_fake,
        fmt="parquet",
    )
    timings["generate"] = time.perf_counter() - start
    start = time.perf_counter()
    api.ingest([data], db=db, progress=False)
    timings["ingest"] = time.perf_counter() - start
    results = []
    for config in configs:
        start = time.perf_counter()
        summary = api.rebuild(
            db=db, config=None if config == "default" else config, full=True, actor="bench"
        )
        timings["rebuild"] = time.perf_counter() - start
        result = api.evaluate(data / "truth" / "truth.csv", db=db, min_score=min_score)
        result["timings"] = {k: round(v, 1) for k, v in timings.items()}
        result["rebuild_stages"] = summary.get("timings")
        results.append((config, result))
    shutil.rmtree(data, ignore_errors=True)
    return results


def _report(r: dict, accounts: int, fakes: int, seed: int, config: str, as_json: bool) -> None:
    if as_json:
        print(json.dumps({**r, "config": config}, default=str))
    per_ring = r.get("recall_per_ring", {})
    worst = (
        min(per_ring.items(), key=lambda kv: kv[1]["recall"]) if per_ring else ("-", {"recall": 0})
    )
    print(
        f"quality accounts={accounts} fakes={fakes} seed={seed} config={config} "
        f"precision={r['precision']:.4f} recall={r['recall']:.4f} "
        f"fp={r['counts']['fp']} fn={r['counts']['fn']} "
        f"worst_ring={worst[0]}:{worst[1]['recall']:.3f} "
        f"threshold={r.get('threshold')} timings={r['timings']}"
    )
    for tactic, v in sorted(r.get("recall_per_tactic", {}).items()):
        print(f"  tactic {tactic:32s} recall={v['recall']:.3f} size={v['size']}")
    for ring, v in sorted(per_ring.items()):
        print(f"  ring {ring:8s} recall={v['recall']:.3f} size={v['size']}")
    for kind, v in sorted(r.get("false_positives_per_group_kind", {}).items()):
        print(f"  fp {kind:12s} {v}")
    sys.stdout.flush()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", nargs="+", default=["20000:2000"], help="accounts:fakes")
    parser.add_argument("--seeds", nargs="+", type=int, default=[1])
    parser.add_argument("--requests-per-fake", type=float, default=60.0)
    parser.add_argument("--min-score", type=float, default=None)
    parser.add_argument("--workdir", type=Path, default=None)
    parser.add_argument("--json", action="store_true", help="print full results as JSON lines")
    parser.add_argument(
        "--configs",
        nargs="+",
        default=["default"],
        help="rebuild each population once per config TOML ('default': none)",
    )
    args = parser.parse_args()
    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="fg-quality-"))
    workdir.mkdir(parents=True, exist_ok=True)
    for size in args.sizes:
        accounts, fakes = (int(x) for x in size.split(":"))
        for seed in args.seeds:
            results = run_one(
                workdir, accounts, fakes, seed, args.requests_per_fake, args.min_score,
                args.configs,
            )  # fmt: skip
            for config, r in results:
                _report(r, accounts, fakes, seed, config, args.json)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak_rss_mb={peak:.0f} workdir={workdir}")


if __name__ == "__main__":
    main()
