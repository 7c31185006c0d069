"""Crisis surge: residents polling their point's page and the list pages while a coordinator opens,
updates and closes 50 points through the API. Run by bench/crisis_surge.py (`make loadtest`),
which writes the configuration this file reads (LOADTEST_CONFIG) and reads back its result
(LOADTEST_RESULT). Runs in locust's own virtualenv: imports nothing of the register.

Freshness: the coordinator notes when each change was answered; a resident's page asked for at
least the cache window (PUBLIC_CACHE_SECONDS) after that must show that change or a later one
of the same point (each change has a message of its own). Pages that miss it are counted."""

from __future__ import annotations

import html
import json
import os
import random
import time
from pathlib import Path

from locust import constant, events, task
from locust.contrib.fasthttp import FastHttpUser

CONFIG = json.loads(Path(os.environ["LOADTEST_CONFIG"]).read_text())
WINDOW = CONFIG["cache_seconds"]
CRISIS = CONFIG["crisis_points"]  # [{"code", "municipality"}], the coordinator's 50 points
MUNICIPALITY_OF = {p["code"]: p["municipality"] for p in CRISIS}
CODES_IN = {}
for _point in CRISIS:
    CODES_IN.setdefault(_point["municipality"], []).append(_point["code"])

# code -> [[answered at (None while the request is out), message]], in the order sent: one
# coordinator changes one point at a time.
CHANGES: dict[str, list[list]] = {}
RESULT = {"checked_pages": 0, "checked_states": 0, "violations": 0, "examples": [], "changes": 0}


def _expected(code: str, asked_at: float) -> set[str] | None:
    """Messages the page may show: the last change answered a cache window before `asked_at`,
    or any later one (answered or still out: its commit may be in); None when no change of the
    point is that old yet."""
    changes = CHANGES.get(code, [])
    due = [i for i, (at, _message) in enumerate(changes) if at and at + WINDOW <= asked_at]
    if not due:
        return None
    return {message for _at, message in changes[due[-1] :]}


def check(page: str, codes: list[str], asked_at: float, url: str) -> None:
    checked = False
    for code in codes:
        expected = _expected(code, asked_at)
        if expected is None:
            continue
        checked = True
        RESULT["checked_states"] += 1
        if not any(html.escape(message, quote=False) in page for message in expected):
            RESULT["violations"] += 1
            if len(RESULT["examples"]) < 10:
                RESULT["examples"].append(
                    {"url": url, "code": code, "asked_at": asked_at, "expected": sorted(expected),
                     "changes": CHANGES[code], "page": page[:3000]}
                )  # fmt: skip
    RESULT["checked_pages"] += checked


class Resident(FastHttpUser):
    """Reloads their point's page now and then (a browser revalidates with its ETag), sometimes
    their municipality's list or the region's."""

    wait_time = constant(0)
    weight = 1

    def on_start(self) -> None:
        rng = random.Random()
        # Half live by one of the activated points, the others anywhere in the region.
        near_crisis = rng.random() < 0.5
        self.code = rng.choice(CRISIS)["code"] if near_crisis else rng.choice(CONFIG["codes"])
        self.municipality = MUNICIPALITY_OF.get(self.code) or rng.choice(CONFIG["municipalities"])
        self.kept: dict[str, tuple[str, str]] = {}  # url -> (etag, page), as a browser keeps it
        low, high = CONFIG["resident_wait"]
        self.wait_time = lambda: rng.uniform(low, high)
        time.sleep(rng.uniform(0, low))  # people do not all press at the same instant

    def _get(self, url: str, name: str, codes: list[str]) -> None:
        kept = self.kept.get(url)
        headers = {"Accept-Encoding": "gzip", **({"If-None-Match": kept[0]} if kept else {})}
        asked_at = time.time()
        with self.client.get(url, headers=headers, name=name, catch_response=True) as response:
            if response.status_code == 304 and kept:
                page = kept[1]
                response.success()
            elif response.status_code == 200:
                page = response.text
                self.kept[url] = (response.headers.get("ETag", ""), page)
            else:
                response.failure(f"HTTP {response.status_code}")
                return
        check(page, codes, asked_at, url)

    @task(6)
    def my_point(self) -> None:
        codes = [self.code] if self.code in MUNICIPALITY_OF else []
        self._get(f"/p/{self.code}", "/p/[code]", codes)

    @task(2)
    def my_municipality(self) -> None:
        self._get(
            f"/p/?municipality={self.municipality}",
            "/p/?municipality=[name]",
            CODES_IN.get(self.municipality, []),
        )

    @task(1)
    def region(self) -> None:
        self._get("/p/", "/p/", [])


class Coordinator(FastHttpUser):
    """Opens each of the 50 points, then updates each one's message, then closes each: one point
    a step, every `coordinator_interval` seconds, through `POST /api/v1/crisis/activate`."""

    fixed_count = 1
    wait_time = constant(CONFIG["coordinator_interval"])

    def on_start(self) -> None:
        self.steps = [
            (state, point["code"], n)
            for n, state in enumerate(("open", "open", "closed"))
            for point in CRISIS
        ]

    @task
    def next_step(self) -> None:
        if not self.steps:
            return
        state, code, round_ = self.steps.pop(0)
        message = f"Update {round_ + 1} of {code}: {state} at {time.strftime('%H:%M:%S')}"
        body = {"codes": [code], "state": state, "message": message, "event": CONFIG["event"]}
        change = [None, message]
        CHANGES.setdefault(code, []).append(change)
        with self.client.post(
            "/api/v1/crisis/activate",
            json=body,
            headers={"Authorization": f"Bearer {CONFIG['token']}"},
            name="POST /api/v1/crisis/activate",
            catch_response=True,
        ) as response:
            if response.status_code != 200:
                response.failure(f"HTTP {response.status_code}: {response.text[:200]}")
                return  # not answered: it stays acceptable, never required
        change[0] = time.time()
        RESULT["changes"] += 1


@events.quitting.add_listener
def _write_result(environment, **_kwargs) -> None:
    Path(os.environ["LOADTEST_RESULT"]).write_text(json.dumps(RESULT, indent=1))
