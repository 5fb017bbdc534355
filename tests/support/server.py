"""Start the real production server (`reflex run --env prod`, one port) for tests."""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
VENV_BIN = Path(sys.executable).parent


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait_ready(url: str, proc: subprocess.Popen, log: Path, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"reflex run exited early:\n{log.read_text()[-4000:]}")
        try:
            with urllib.request.urlopen(url, timeout=2) as res:  # noqa: S310 (loopback only)
                if res.status == 200:
                    return
        except OSError:
            pass
        time.sleep(1)
    raise RuntimeError(f"server not ready after {timeout}s:\n{log.read_text()[-4000:]}")


def server_env(data_dir: Path, port: int, **overrides: str) -> dict[str, str]:
    env = {
        **os.environ,
        "SILEK_DATA_DIR": str(data_dir),
        "SILEK_PORT": str(port),
        "SILEK_ALLOWED_ORIGINS": f"http://127.0.0.1:{port},http://localhost:{port}",
        "REFLEX_USE_NPM": "1",
        "REFLEX_CHECK_LATEST_VERSION": "0",
        "REFLEX_TELEMETRY_ENABLED": "0",
        "PATH": f"{ROOT / '.tools/node_modules/.bin'}:{VENV_BIN}:{os.environ.get('PATH', '')}",
    }
    env.pop("REFLEX_DB_URL", None)
    env.pop("REFLEX_REDIS_URL", None)
    env.update(overrides)
    return env


def _start(env: dict[str, str], port: int, log: Path) -> subprocess.Popen:
    with open(log, "w") as out:
        return subprocess.Popen(
            [str(VENV_BIN / "reflex"), "run", "--env", "prod",
             "--frontend-port", str(port), "--backend-port", str(port)],
            cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True,
        )  # fmt: skip


def _stop(proc: subprocess.Popen) -> None:
    # A server that exited early has no process group left; the retry must still run.
    with contextlib.suppress(ProcessLookupError):
        os.killpg(proc.pid, signal.SIGTERM)
    try:
        proc.wait(timeout=20)
    except subprocess.TimeoutExpired:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGKILL)


@contextmanager
def running_server(data_dir: Path, timeout: float = 600, **overrides: str) -> Iterator[str]:
    """Seed a database and serve the production build; yields the base URL."""
    port = free_port()
    env = server_env(data_dir, port, **overrides)
    subprocess.run([sys.executable, "-m", "silek_app", "seed"], cwd=ROOT, env=env, check=True)
    log = data_dir / "server.log"
    base = f"http://127.0.0.1:{port}"
    proc = _start(env, port, log)
    try:
        try:
            _wait_ready(f"{base}/api/health", proc, log, timeout)
        except RuntimeError:
            # Seen once on a fresh clone: npm left a package half-extracted and the
            # frontend build failed. A clean .web and one more try settles it.
            _stop(proc)
            shutil.rmtree(ROOT / ".web", ignore_errors=True)
            proc = _start(env, port, log)
            _wait_ready(f"{base}/api/health", proc, log, timeout)
        _wait_ready(f"{base}/", proc, log, timeout)
        yield base
    finally:
        _stop(proc)
