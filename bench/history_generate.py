"""How fast the demo history generator writes files into a throw-away SQLite database.

    .venv/bin/python bench/history_generate.py [applications]   (default 1000000)

Two years of history (the `make run` span) of N files: planning through the
workflow engine and the SLA clock, then bulk inserts in chunks. Prints the
summary, files per second and the total time; the database is deleted after.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

# A throw-away database, set before the app's settings are imported.
_TMP = tempfile.mkdtemp(prefix="silek-bench-history-")
os.environ["SILEK_DATA_DIR"] = _TMP
os.environ.pop("REFLEX_DB_URL", None)
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from silek_app.services import demo_history  # noqa: E402
from silek_app.services.bootstrap import bootstrap  # noqa: E402


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000
    try:
        bootstrap(seed_demo=False)
        since = dt.date.today() - dt.timedelta(days=730)
        t0 = time.perf_counter()
        summary = demo_history.generate(count, since)
        total = time.perf_counter() - t0
        size = sum(f.stat().st_size for f in Path(_TMP).rglob("*") if f.is_file())
        for key, value in summary.items():
            print(f"{key:>14}: {value}")
        print(f"{count:,} permohonan dalam {total:.1f} s = {count / total:,.0f} permohonan/s; "
              f"basis data {size / 1e6:,.0f} MB")  # fmt: skip
    finally:
        shutil.rmtree(_TMP, ignore_errors=True)


if __name__ == "__main__":
    main()
