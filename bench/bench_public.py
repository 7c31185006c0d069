"""Benchmark: resident page requests/s under gunicorn against a bare Flask hello-world
(issue: target >= 50 %).

Run on demand: `.venv/bin/python bench/bench_public.py [--seconds 5] [--rounds 3]`. Needs `wrk`
(Debian package wrk). Starts both apps under gunicorn (2 sync workers each, as on the 2-core
server) on loopback ports, the register with the demo data in a temporary SQLite database, and
alternates wrk runs between them; prints the medians and the ratio.
"""

from __future__ import annotations

import argparse
import os
import re
import secrets
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def serve(args: list[str], port: int, env: dict) -> subprocess.Popen:
    process = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "-w", "2", "-b", f"127.0.0.1:{port}", *args],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    for _ in range(100):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=1)  # noqa: S310
            return process
        except OSError as error:
            if getattr(error, "code", None):  # an HTTP answer (e.g. a redirect) means it is up
                return process
            time.sleep(0.1)
    process.kill()
    raise SystemExit(f"gunicorn on port {port} did not start")


def requests_per_second(url: str, seconds: int) -> float:
    out = subprocess.run(
        ["wrk", "-t2", "-c8", f"-d{seconds}s", url], check=True, capture_output=True, text=True
    ).stdout
    if "Non-2xx" in out:
        raise SystemExit(f"{url} answered with errors:\n{out}")
    return float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seconds", type=int, default=5)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    if not shutil.which("wrk"):
        raise SystemExit("This benchmark needs wrk: apt-get install wrk")
    workdir = Path(tempfile.mkdtemp())
    env = {
        **os.environ,
        "SECRET_KEY": secrets.token_hex(16),
        "DATABASE_URL": f"sqlite:///{workdir / 'bench.sqlite3'}",
    }
    flask = [sys.executable, "-m", "flask", "--app", "wsgi"]
    subprocess.run([*flask, "init-db"], cwd=ROOT, env=env, check=True, capture_output=True)
    subprocess.run([*flask, "seed-demo"], cwd=ROOT, env=env, check=True, capture_output=True)
    bundle = workdir / "bundle"
    subprocess.run(
        [*flask, "export-bundle", str(bundle)], cwd=ROOT, env=env, check=True, capture_output=True
    )
    code = sorted(p.stem for p in bundle.glob("*.html") if re.fullmatch(r"[A-Z0-9]{6}", p.stem))[0]

    hello = serve(["--chdir", "bench", "hello:app"], 5391, env)
    register = serve(["wsgi:app"], 5392, env)
    try:
        bare, ours = [], []
        for _ in range(args.rounds):
            bare.append(requests_per_second("http://127.0.0.1:5391/", args.seconds))
            ours.append(requests_per_second(f"http://127.0.0.1:5392/p/{code}", args.seconds))
    finally:
        hello.terminate()
        register.terminate()
    ratio = statistics.median(ours) / statistics.median(bare)
    print(f"hello-world:   median {statistics.median(bare):.0f} req/s  {bare}")
    print(f"resident page: median {statistics.median(ours):.0f} req/s  {ours}")
    print(f"ratio: {ratio:.0%} (target >= 50 %)")


if __name__ == "__main__":
    main()
