"""Crisis-surge load test (issue 15): `make loadtest` runs this.

Builds a region (5,000 generated points) in the PostgreSQL database of LOADTEST_DATABASE_URL,
DROPPED AND CREATED anew, starts the register with `make serve` (gunicorn, workers from the core
count, REDIS_URL for the page cache, throttle and jobs) and runs locust headless
(bench/loadtest/locustfile.py): LOADTEST_USERS residents polling their point's page and the list
pages, plus one coordinator opening, updating and closing 50 points through the API. Prints
requests, errors, p50/p95/p99 and the freshness check; exit 1 on any error or stale page.

Settings (environment): LOADTEST_USERS (1000), LOADTEST_SPAWN_RATE (50), LOADTEST_DURATION (3m),
LOADTEST_WAIT (seconds between a resident's requests, "10-30"), LOADTEST_POINTS (5000),
LOADTEST_DATABASE_URL, LOADTEST_REDIS_URL, LOADTEST_PORT (5090), LOADTEST_WORKERS (make serve's
default), LOADTEST_LOCUST (the locust program), LOADTEST_OUT (folder for the CSV and logs).
"""

from __future__ import annotations

import csv
import json
import os
import statistics
import subprocess
import sys
import time
from datetime import datetime
from pathlib import Path

from region import ROOT, build_register, machine, stop, wait_until_up
from sqlalchemy import create_engine, make_url, text

CRISIS_POINTS = 50
# Every municipality gets its share of the 50 (5 each of the generator's 10).
EVENT = "Storm Load, load test"


def setting(name: str, default: str) -> str:
    return os.environ.get(f"LOADTEST_{name}") or default


def seconds(duration: str) -> int:
    """locust's durations: 90, 90s, 3m, 1h30m."""
    total, number = 0, ""
    for char in duration:
        if char.isdigit():
            number += char
        else:
            total += int(number) * {"h": 3600, "m": 60, "s": 1}[char]
            number = ""
    return total + int(number or 0)


def pick_points(url: str) -> tuple[list[dict], list[str], list[str]]:
    """The coordinator's 50 points (spread over the municipalities), every code, every name."""
    engine = create_engine(url)
    with engine.connect() as connection:
        rows = connection.execute(
            text(
                "SELECT p.code, m.name FROM point p JOIN municipality m "
                "ON m.id = p.municipality_id WHERE p.archived_at IS NULL ORDER BY p.id"
            )
        ).all()
    engine.dispose()
    municipalities = sorted({name for _code, name in rows})
    share = -(-CRISIS_POINTS // len(municipalities))
    chosen: list[dict] = []
    for municipality in municipalities:
        codes = [code for code, name in rows if name == municipality][:share]
        chosen += [{"code": code, "municipality": municipality} for code in codes]
    return chosen[:CRISIS_POINTS], [code for code, _name in rows], municipalities


def serve(url: str, redis_url: str, port: int, log: Path) -> subprocess.Popen:
    """`make serve` as the region would run it, in its own process group."""
    env = {
        **os.environ,
        "DATABASE_URL": url,
        "REDIS_URL": redis_url,
        "CACHE_KEY_PREFIX": "loadtest:",
        "BIND": f"127.0.0.1:{port}",
        "PORT": str(port),
    }
    if os.environ.get("LOADTEST_WORKERS"):
        env["WORKERS"] = os.environ["LOADTEST_WORKERS"]
    process = subprocess.Popen(
        ["make", "--no-print-directory", "serve"],
        cwd=ROOT,
        env=env,
        stdout=log.open("w"),
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    wait_until_up(f"http://127.0.0.1:{port}", process, seconds=120)
    return process


def gunicorn_cpu_seconds(group: int) -> tuple[float, int, int]:
    """(CPU seconds used, processes, largest RSS in MB) of the gunicorn processes in the server's
    process group: what the requests cost the server, whatever else shares the machine."""
    ticks, seconds, count, rss = os.sysconf("SC_CLK_TCK"), 0.0, 0, 0
    for proc in Path("/proc").iterdir():
        try:
            if not proc.name.isdigit() or os.getpgid(int(proc.name)) != group:
                continue
            if b"gunicorn" not in (proc / "cmdline").read_bytes():
                continue
            fields = (proc / "stat").read_text().rsplit(")", 1)[1].split()
            seconds += (int(fields[11]) + int(fields[12])) / ticks  # utime + stime
            rss = max(rss, int(fields[21]) * os.sysconf("SC_PAGE_SIZE") // 2**20)
            count += 1
        except (OSError, ProcessLookupError):
            continue
    return seconds, count, rss


def aggregated(stats_csv: Path) -> tuple[dict, list[dict]]:
    with stats_csv.open() as handle:
        rows = list(csv.DictReader(handle))
    total = next(row for row in rows if row["Name"] == "Aggregated")
    return total, [row for row in rows if row["Name"] != "Aggregated"]


def steady_state(history_csv: Path, users: int, skip_seconds: int = 30) -> dict[str, float]:
    """Medians of locust's 10-second response-time windows once every user has been running for
    `skip_seconds` (the first minute of a surge renders every page once), and the worst p99."""
    with history_csv.open() as handle:
        rows = [row for row in csv.DictReader(handle) if row["Name"] == "Aggregated"]
    full = [int(row["Timestamp"]) for row in rows if int(row["User Count"]) >= users]
    if not full:
        return {}
    steady = [row for row in rows if int(row["Timestamp"]) >= full[0] + skip_seconds]
    numbers = {name: [float(row[name]) for row in steady if row[name] != "N/A"] for name in
               ("50%", "95%", "99%", "Requests/s")}  # fmt: skip
    if not all(numbers.values()):
        return {}
    return {
        "from": full[0] + skip_seconds - int(rows[0]["Timestamp"]),
        **{name: statistics.median(values) for name, values in numbers.items()},
        "worst 99%": max(numbers["99%"]),
    }


def main() -> int:
    users = int(setting("USERS", "1000"))
    duration = setting("DURATION", "3m")
    low, high = (float(n) for n in setting("WAIT", "10-30").split("-"))
    url = setting("DATABASE_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/loadtest")
    redis_url = setting("REDIS_URL", "redis://127.0.0.1:6379/9")
    port = int(setting("PORT", "5090"))
    out = Path(setting("OUT", str(ROOT / "instance" / "loadtest")))
    out.mkdir(parents=True, exist_ok=True)
    locust = setting("LOCUST", str(ROOT / ".tools" / "loadtest" / "bin" / "locust"))
    cache_seconds = int(os.environ.get("PUBLIC_CACHE_SECONDS", "5"))

    started = time.perf_counter()
    register = build_register(url, int(setting("POINTS", "5000")))
    crisis, codes, municipalities = pick_points(url)
    print(f"Region ready in {time.perf_counter() - started:.0f} s: {len(codes)} points.")
    config = {
        "token": register.token,
        "crisis_points": crisis,
        "codes": codes,
        "municipalities": municipalities,
        "cache_seconds": cache_seconds,
        "resident_wait": [low, high],
        # Open, update and close each of the 50 points within the run, leaving a minute at the end.
        "coordinator_interval": max(0.3, (seconds(duration) - 60) / (3 * CRISIS_POINTS)),
        "event": EVENT,
    }
    (out / "config.json").write_text(json.dumps(config))
    server = serve(url, redis_url, port, out / "serve.log")
    cpu = workers = rss = 0
    try:
        env = {
            **os.environ,
            "LOADTEST_CONFIG": str(out / "config.json"),
            "LOADTEST_RESULT": str(out / "freshness.json"),
        }
        command = [locust, "-f", str(ROOT / "bench" / "loadtest" / "locustfile.py"), "--headless"]
        command += ["-u", str(users + 1), "-r", setting("SPAWN_RATE", "50"), "-t", duration]
        command += ["--host", f"http://127.0.0.1:{port}", "--csv", str(out / "locust")]
        command += ["--csv-full-history", "--only-summary", "--stop-timeout", "10"]
        command += ["--exit-code-on-error", "0"]
        load_before = os.getloadavg()[0]
        print("Running:", " ".join(command[1:]), flush=True)
        subprocess.run(command, env=env, check=True, stdout=(out / "locust.log").open("w"),
                       stderr=subprocess.STDOUT)  # fmt: skip
        load_after = os.getloadavg()[0]
        cpu, workers, rss = gunicorn_cpu_seconds(server.pid)
    finally:
        stop(server)
    total, rows = aggregated(out / "locust_stats.csv")
    fresh = json.loads((out / "freshness.json").read_text())
    errors = int(total["Failure Count"])
    print(f"\n{machine()}; {datetime.now().astimezone():%Y-%m-%d %H:%M %Z}")
    shown = make_url(url).render_as_string(hide_password=True)
    print(f"gunicorn processes (master + workers): {workers}, largest {rss} MB; database {shown}")
    print(f"Load average (1 min): {load_before:.1f} at the start, {load_after:.1f} at the end")
    rate = setting("SPAWN_RATE", "50")
    print(f"{users} residents + 1 coordinator for {duration}, {rate} started a second, ", end="")
    print(f"{low:g}–{high:g} s between a resident's requests\n")
    print("| request | requests | errors | p50 | p95 | p99 | max |")
    print("| --- | --- | --- | --- | --- | --- | --- |")
    for row in [*rows, total]:
        print(
            f"| {row['Name']} | {int(row['Request Count']):,} | {row['Failure Count']} "
            f"| {row['50%']} ms | {row['95%']} ms | {row['99%']} ms | {float(row['Max Response Time']):.0f} ms |"  # noqa: E501
        )
    print(
        f"\nRequests/s: {float(total['Requests/s']):.1f}. State changes: {fresh['changes']}. "
        f"Freshness: {fresh['checked_states']:,} states checked on {fresh['checked_pages']:,} "
        f"pages, {fresh['violations']} stale (window {cache_seconds} s)."
    )
    steady = steady_state(out / "locust_stats_history.csv", users + 1)
    if steady:
        print(
            f"Steady state (from {steady['from']:.0f} s on, medians of 10-second windows): "
            f"{steady['Requests/s']:.1f} requests/s, p50 {steady['50%']:.0f} ms, "
            f"p95 {steady['95%']:.0f} ms, p99 {steady['99%']:.0f} ms "
            f"(worst window p99 {steady['worst 99%']:.0f} ms)."
        )
    requests = int(total["Request Count"])
    print(
        f"gunicorn used {cpu:.0f} CPU seconds for {requests:,} requests (start-up included): "
        f"{1000 * cpu / max(requests, 1):.1f} ms a request, ~{requests / max(cpu, 0.001):.0f} "
        "requests a second for each core it gets."
    )
    if fresh["examples"]:
        print(json.dumps(fresh["examples"], indent=1))
    return 1 if errors or fresh["violations"] or not fresh["changes"] else 0


if __name__ == "__main__":
    sys.exit(main())
