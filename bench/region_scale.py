"""Benchmark: the region-size endpoints of issue 15 with 5,000 generated points under gunicorn.

Run on demand: `.venv/bin/python bench/region_scale.py [--points 5000] [--runs 3]
[--sqlite PATH] [--postgres URL] [--redis URL] [--app-dir DIR]`.

For each backend (a SQLite file and the PostgreSQL database of --postgres, DROPPED AND CREATED
anew: give it a database of its own, default `ops_bench`) it generates the points (10
municipalities, 100 areas; bench_readiness.py's generator), records today's readiness, starts
the register under `gunicorn -w 2` (REDIS_URL as `make serve` would set it, for the shared page
cache) and times each endpoint from a client on the same machine: the median of --runs requests,
the body fully read. "cold" requests wait out the public page cache first (PUBLIC_CACHE_SECONDS
is set to 2 here), "warm" ones follow a request to the same URL. `--app-dir` serves another
checkout of the register (e.g. `git archive HEAD | tar -x -C /tmp/before`) for before/after.
"""

from __future__ import annotations

import argparse
import gzip
import re
import statistics
import tempfile
import time
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

import requests
from region import ROOT, Register, build_register, gunicorn, machine, stop

CACHE_SECONDS = 2


@dataclass
class Timing:
    what: str
    seconds: list[float]
    status: int
    wire_bytes: int  # as sent (compressed when the answer was)
    body_bytes: int

    def row(self) -> str:
        size = (
            f"{self.body_bytes / 1e6:.2f} MB" if self.body_bytes > 1e5 else f"{self.body_bytes:,} B"
        )
        wire = (
            f" ({self.wire_bytes / 1e6:.2f} MB sent)"
            if self.wire_bytes != self.body_bytes and self.wire_bytes > 1e5
            else f" ({self.wire_bytes:,} B sent)"
            if self.wire_bytes != self.body_bytes
            else ""
        )
        ms = statistics.median(self.seconds) * 1000
        return f"| {self.what} | {ms:,.0f} ms | {self.status} | {size}{wire} |"


def fetch(session: requests.Session, url: str, headers: dict) -> tuple[float, int, int, int, dict]:
    started = time.perf_counter()
    response = session.get(url, headers=headers, stream=True, timeout=120)
    wire = response.raw.read(decode_content=False)
    elapsed = time.perf_counter() - started
    body = gzip.decompress(wire) if response.headers.get("Content-Encoding") == "gzip" else wire
    return elapsed, response.status_code, len(wire), len(body), dict(response.headers)


def login(base: str, register: Register) -> requests.Session:
    web = requests.Session()
    page = web.get(f"{base}/login", timeout=30).text
    token = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)
    answer = web.post(
        f"{base}/login",
        data={"email": register.email, "password": register.password, "csrf_token": token},
        timeout=30,
    )
    if "/login" in answer.url:
        raise SystemExit("could not log in to the bench register")
    return web


def time_url(
    session, base, what, path, runs, *, headers=None, cold=False, conditional=False
) -> Timing:
    headers = {"Accept-Encoding": "identity", **(headers or {})}
    url = base + path
    seconds, last = [], None
    if not cold:
        last = fetch(session, url, headers)  # warm the caches
    for _ in range(runs):
        if cold:
            time.sleep(CACHE_SECONDS + 0.5)
        request_headers = dict(headers)
        if conditional and last and last[4].get("ETag"):
            request_headers["If-None-Match"] = last[4]["ETag"]
        last = fetch(session, url, request_headers)
        seconds.append(last[0])
    _elapsed, status, wire, body, _headers = last
    return Timing(what, seconds, status, wire, body)


def bench_backend(url: str, args) -> list[Timing]:
    started = time.perf_counter()
    register = build_register(url, args.points)
    print(f"  generated {args.points} points in {time.perf_counter() - started:.0f} s")
    env = {"PUBLIC_CACHE_SECONDS": str(CACHE_SECONDS)}
    if args.redis:
        env.update(REDIS_URL=args.redis, CACHE_KEY_PREFIX="region-bench:")
    server = gunicorn(url, args.port, 2, Path(args.app_dir), **env)
    base = f"http://127.0.0.1:{args.port}"
    try:
        web = login(base, register)
        api = requests.Session()
        api.headers["Authorization"] = f"Bearer {register.token}"
        anyone = requests.Session()
        point = api.get(f"{base}/api/v1/points?municipality=Kommun 1&per_page=1", timeout=30)
        first = point.json()["items"][0]
        past = (date.today() - timedelta(days=180)).isoformat()
        gz = {"Accept-Encoding": "gzip"}
        runs = args.runs
        geo, ready, one = "/api/v1/public/points.geojson", "/api/v1/readiness", "Kommun 1"
        if_none = {"conditional": True}
        plan = [
            (web, "readiness dashboard, all points", "/readiness", {}),
            (web, "readiness dashboard, one municipality", f"/readiness?municipality={one}", {}),
            (web, f"readiness dashboard, all points, as_of {past}", f"/readiness?as_of={past}", {}),
            (web, "readiness dashboard, all points, gzip", "/readiness", {"headers": gz}),
            (api, "`GET /api/v1/readiness`, all points", ready, {}),
            (api, "`GET /api/v1/readiness`, all points, gzip", ready, {"headers": gz}),
            (api, "`GET /api/v1/readiness`, one municipality", f"{ready}?municipality={one}", {}),
            (anyone, "public GeoJSON, cold (cache expired)", geo, {"cold": True}),
            (anyone, "public GeoJSON, warm", geo, {}),
            (anyone, "public GeoJSON, warm, gzip", geo, {"headers": gz}),
            (anyone, "public GeoJSON, conditional GET", geo, if_none),
            (anyone, "public GeoJSON, conditional GET, gzip", geo, {"headers": gz, **if_none}),
            (web, "point list, one municipality", f"/points?municipality={one}", {}),
            (web, "point page", f"/points/{first['id']}", {}),
            (anyone, "resident page", f"/p/{first['code']}", {}),
        ]  # fmt: skip
        timings = []
        for session, what, path, options in plan:
            timings.append(time_url(session, base, what, path, runs, **options))
            print("  " + timings[-1].row(), flush=True)
        return timings
    finally:
        stop(server)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--points", type=int, default=5000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--port", type=int, default=5081)
    parser.add_argument("--sqlite", help="SQLite file to (re)create (default: a temporary one)")
    parser.add_argument(
        "--postgres",
        default="postgresql+psycopg://postgres@127.0.0.1:5432/ops_bench",
        help="PostgreSQL database to DROP and create ('' skips PostgreSQL)",
    )
    parser.add_argument("--redis", default="redis://127.0.0.1:6379/10", help="'' for none")
    parser.add_argument("--app-dir", default=str(ROOT), help="the checkout gunicorn serves")
    args = parser.parse_args()
    sqlite = args.sqlite or str(Path(tempfile.mkdtemp()) / "region.sqlite3")
    urls = [f"sqlite:///{sqlite}"] + ([args.postgres] if args.postgres else [])
    print(f"{machine()}; {date.today().isoformat()}; {args.points} points; medians of {args.runs}")
    results = {}
    for url in urls:
        backend = url.split(":", 1)[0].split("+")[0]
        print(f"{backend}:")
        results[backend] = bench_backend(url, args)
    print("\n| what | " + " | ".join(results) + " |")
    print("| --- |" + " --- |" * len(results))
    for rows in zip(*results.values(), strict=True):
        cells = []
        for timing in rows:
            ms = statistics.median(timing.seconds) * 1000
            size = timing.wire_bytes / 1e6
            cells.append(f"{ms:,.0f} ms, {size:.2f} MB" if size >= 0.1 else f"{ms:,.0f} ms")
            if timing.status != 200:
                cells[-1] += f" ({timing.status})"
        print(f"| {rows[0].what} | " + " | ".join(cells) + " |")


if __name__ == "__main__":
    main()
