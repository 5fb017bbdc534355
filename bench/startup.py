"""Time from a fresh clone to a served catalog: `make run` until the API lists 37 services.

    .venv/bin/python bench/startup.py            # fresh clone of HEAD in a temp folder
    .venv/bin/python bench/startup.py --here     # warm start in this checkout

Prints the seconds to the first healthy response and to all 37 services served, then stops
the server. The issue's target is "within about 5 minutes" on this machine.
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
LIMIT_SECONDS = 900


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _services(base: str) -> int | None:
    try:
        with urllib.request.urlopen(f"{base}/api/v1/layanan", timeout=2) as res:  # noqa: S310
            return json.loads(res.read())["jumlah"]
    except (OSError, ValueError, KeyError):
        return None


def _page_ok(base: str) -> bool:
    try:
        with urllib.request.urlopen(f"{base}/layanan", timeout=2) as res:  # noqa: S310
            return res.status == 200
    except OSError:
        return False


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--here", action="store_true", help="use this checkout (warm start)")
    args = parser.parse_args()
    workdir = ROOT
    tmp = None
    if not args.here:
        tmp = tempfile.TemporaryDirectory(prefix="silek-startup-")
        workdir = Path(tmp.name) / "silek"
        subprocess.run(["git", "clone", "-q", str(ROOT), str(workdir)], check=True)
    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    env = {**os.environ, "SILEK_DATA_DIR": str(Path(tempfile.mkdtemp()) / "data")}
    started = time.monotonic()
    log = open(Path(tempfile.gettempdir()) / "silek-startup.log", "w")  # noqa: SIM115
    proc = subprocess.Popen(
        ["make", "run", f"PORT={port}"], cwd=workdir, env=env, stdout=log,
        stderr=subprocess.STDOUT, start_new_session=True,
    )  # fmt: skip
    api_at = page_at = None
    try:
        while time.monotonic() - started < LIMIT_SECONDS and proc.poll() is None:
            if api_at is None and _services(base) == 37:
                api_at = time.monotonic() - started
            if api_at is not None and _page_ok(base):
                page_at = time.monotonic() - started
                break
            time.sleep(1)
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(timeout=30)
        log.close()
    kind = "warm start (this checkout)" if args.here else "fresh clone"
    if page_at is None:
        print(f"startup {kind}: FAILED within {LIMIT_SECONDS}s (see {log.name})")
        return 1
    print(f"startup {kind}: 37 services via API after {api_at:.1f} s; "
          f"/layanan served after {page_at:.1f} s (target <= 300 s)")  # fmt: skip
    return 0


if __name__ == "__main__":
    sys.exit(main())
