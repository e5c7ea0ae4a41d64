"""Benchmark: peak memory (``/usr/bin/time -v``) of ``chiiki-map sites import FILE --dry-run`` (issue 23 item 4).

Files: 10,000 differently named rows at one point; 10,000 rows of one name at one point; 100,000 rows
spread over Japan (``bench_import.write_csv``: 1 % same-name repeats 100 m away); 100,000 rows in a
10 km × 10 km square of Kumamoto city (about 800 others within 500 m of each). Each run is a fresh
process on a fresh store; the line printed per file is its maximum resident set size and wall time.
The duplicate rule compares names before distances, so none of these may grow with the square of the rows.
Run: ``.venv/bin/python bench/bench_import_memory.py [--only NAME ...]``.
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pandas as pd

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "bench"))


def _sites(names: list[str] | np.ndarray, lon: np.ndarray | float, lat: np.ndarray | float) -> pd.DataFrame:
    return pd.DataFrame({"名称": names, "計画類型": "A", "分野": "半導体", "状況": "計画中", "経度": lon, "緯度": lat})


def one_point(n: int, same_name: bool) -> pd.DataFrame:
    names = ["同名テスト"] * n if same_name else [f"一点テスト{i:06d}" for i in range(n)]
    return _sites(names, 130.845, 32.882)


def dense(n: int) -> pd.DataFrame:
    rng = np.random.default_rng(5)
    lon, lat = rng.uniform(130.66, 130.77, n).round(6), rng.uniform(32.76, 32.85, n).round(6)
    return _sites([f"熊本市テスト{i:06d}" for i in range(n)], lon, lat)


FILES: dict[str, Callable[[Path], object]] = {
    "one_point_10k": lambda p: one_point(10_000, False).to_csv(p, index=False),
    "one_point_same_name_10k": lambda p: one_point(10_000, True).to_csv(p, index=False),
    "spread_100k": lambda p: __import__("bench_import").write_csv(100_000, p),
    "kumamoto_city_100k": lambda p: dense(100_000).to_csv(p, index=False),
}


def peak(csv: Path, store: Path) -> tuple[int, str, int]:
    """(max RSS in kB, wall time, exit status) of one dry-run import in a fresh process."""
    cmd = ["/usr/bin/time", "-v", str(REPO / ".venv/bin/chiiki-map"), "sites", "import", str(csv), "--dry-run"]
    env = {**os.environ, "CHIIKI_MAP_STORE": str(store)}
    env.pop("DATABASE_URL", None)
    done = subprocess.run(cmd, capture_output=True, text=True, env=env, cwd=REPO)
    rss = re.search(r"Maximum resident set size \(kbytes\): (\d+)", done.stderr)
    wall = re.search(r"Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): (\S+)", done.stderr)
    return int(rss.group(1)) if rss else -1, wall.group(1) if wall else "?", done.returncode


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--only", nargs="+", choices=list(FILES), default=list(FILES))
    args = ap.parse_args()
    print(f"load: {os.getloadavg()[0]:.1f} (1 min)")
    with tempfile.TemporaryDirectory(prefix="bench-import-memory-") as tmp:
        for name in args.only:
            csv = Path(tmp) / f"{name}.csv"
            FILES[name](csv)
            rss, wall, status = peak(csv, Path(tmp) / f"{name}.gpkg")
            print(f"{name:<26} max RSS {rss / 1024:8,.0f} MB  wall {wall:>8}  exit {status}")


if __name__ == "__main__":
    main()
