"""The demo register served over HTTP for the page-wide checks (axe, reflow at 320 px, the Nu
HTML checker), and the pages they visit.

The site is built once per test process on its own SQLite file: seeding the demo data for each of
dozens of page checks would cost more than the checks. The checks only read; the one that submits
an invalid form saves nothing. The markup does not depend on the database, so these checks run
on SQLite alone.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from pathlib import Path

from flask_migrate import upgrade
from werkzeug.serving import make_server

from readiness.auth.services import find_user, set_password
from readiness.crisis import services as crisis
from readiness.crisis.models import CrisisEvent
from readiness.demo import demo_data, load_demo
from readiness.extensions import db
from readiness.jobs.models import Job
from readiness.points.models import Point
from readiness.points.writes import archive_point, update_point
from readiness.timeutil import utcnow
from tests.factories import PASSWORD, TEST_PASSWORD_HASH_METHOD

ADMIN = "admin@demo.example"
# Long unbroken words, the kind that widen a page on a phone: a link and an e-mail address.
LONG_LINK = "https://www.krokom.se/trygghet-och-sakerhet/trygghetspunkter/follinge-handlarn"
LONG_EMAIL = "informationsansvarig.handlarn@follinge-byaforening.example"

# Pages of the register for a signed-in administrator (who sees every page); `{point}` and
# `{code}` are the demo point's id and public code, `{event}` the running crisis event and
# `{crisis_point}` a point open in it, `{area}` the demo point's area.
REGISTER_PAGES = {
    "point-list": "/points",
    "point-page": "/points/{point}",
    "history": "/points/{point}/history",
    "edit-form": "/points/{point}/edit",
    "new-point-form": "/points/new",
    "dashboard": "/readiness",
    "criteria": "/criteria",
    "archive": "/points/archived",
    "accounts": "/admin/users",
    "account": "/account",
    "audit-form": "/points/{point}/audits",
    "not-found": "/points/999999",
    "crisis": "/crisis",
    "crisis-board": "/crisis/{event}",
    "crisis-end": "/crisis/{event}/end",
    "crisis-point-page": "/points/{crisis_point}",
    "crisis-state-form": "/points/{crisis_point}/crisis?state=closed",
    "crisis-log-page": "/points/{crisis_point}/crisis-log?board={event}",
    "areas": "/areas",
    "area-page": "/areas/{area}",
    "area-history": "/areas/{area}/history",
    "area-form": "/areas/{area}/edit",
    "annual-wheel": "/arshjul",
    "still-correct-queue": "/confirmations?municipality=Krokom",
    "action-plan": "/actions?municipality=Krokom",
    "point-actions": "/points/{point}/actions",
    "new-action-form": "/actions/new?point_id={point}&criterion=POWER-TEST-RUN",
    "yearly-report": "/reports/yearly?municipality=Krokom&year=2026",
    "import-points": "/import",
    "job-page": "/jobs/{job}",
    "my-jobs": "/jobs",
}
# Pages anyone reaches without an account.
PUBLIC_PAGES = {
    "login": "/login",
    "public-list": "/p/",
    "municipality-list": "/p/?municipality=Krokom",
    "area-list": "/p/?municipality=Krokom&area=Föllinge",
    "resident-page": "/p/{code}",
    "unknown-code": "/p/ZZZZZZ",
    "api-docs": "/api/v1/docs",
}
LANGUAGES = ("sv", "en")
SAVE = {"sv": "Spara", "en": "Save"}


@dataclass(frozen=True)
class DemoSite:
    url: str
    point_id: int  # Handlar'n Föllinge: gaps, contacts, history, a posted sheet, an audit
    code: str
    event_id: int = 0  # a running crisis event: open and closed points, a log, fuel readings
    crisis_point_id: int = 0  # Laxsjö bystuga, open in it with little fuel left
    area_id: int = 0  # Föllinge: the demo point's area, with its full crisis staff
    job_id: str = ""  # a batch print of the administrator's that failed half-way (retry button)

    def path(self, template: str, lang: str = "sv") -> str:
        """A page's path in a language (Swedish is the default: no argument)."""
        path = template.format(
            point=self.point_id,
            code=self.code,
            event=self.event_id,
            crisis_point=self.crisis_point_id,
            area=self.area_id,
            job=self.job_id,
        )
        if lang == "sv":
            return path
        return f"{path}{'&' if '?' in path else '?'}lang={lang}"


def _enrich(session) -> Point:
    """Make the demo point what the checks need: a change in its history, a gap (its sheet is
    out of date), long unbroken words; and an archived point for the archive page."""
    admin = find_user(session, ADMIN)
    set_password(admin, PASSWORD, hash_method=TEST_PASSWORD_HASH_METHOD)
    points = {point.name: point for point in session.query(Point)}
    point = points["Handlar'n Föllinge"]
    demo = next(p for p in demo_data()["points"] if p["name"] == point.name)
    contacts = demo["contacts"] + [
        {"name": "Maria Öberg", "phone": "070-174 06 99", "email": LONG_EMAIL, "roles": []}
    ]
    channels = demo["channels"] + [{"kind": "website", "detail": LONG_LINK}]
    changes = {"version": point.version, "capacity": 45, "contacts": contacts}
    update_point(session, point, {**changes, "channels": channels}, admin)
    archive_point(session, points["Föllinge kyrka"], admin)
    return point


def _crisis(session) -> tuple[CrisisEvent, Point]:
    """A running event for the crisis pages: one point open with little fuel and a log, one
    closed, one with the gaps that matter in a crisis (no generator, no RAKEL). The demo
    point itself stays normal."""
    admin = find_user(session, ADMIN)
    points = {point.name: point for point in session.query(Point)}
    open_point = points["Laxsjö bystuga"]
    now = utcnow()
    for names, state in (
        (["Laxsjö bystuga", "Latikbergs bygdegård"], "open"),
        (["Räddningsstation Föllinge"], "closed"),
    ):
        event, _changed = crisis.activate(
            session,
            {
                "codes": [points[name].code for name in names],
                "state": state,
                "message": "Öppet dygnet runt. Värme, vatten och laddning finns.",
                "event": "Storm Dagmar, december 2026",
            },
            admin,
            now,
        )
    text = {"text": "Elverket startat. Kaffe och laddning i samlingssalen.", "people": 12}
    crisis.add_log_entry(session, open_point, text, admin, now)
    crisis.add_fuel_reading(session, open_point, {"percent": 20}, admin, now)
    return event, open_point


def _failed_job(session) -> Job:
    """A batch print that failed half-way: its page shows the bar, the error and a retry."""
    job = Job(
        kind="notices",
        params={"municipality": "Krokom", "area": "Föllinge", "lang": "sv"},
        state="failed",
        done=10,
        total=23,
        error="Det finns inga punkter att skriva ut.",
        created_by_id=find_user(session, ADMIN).id,
    )
    session.add(job)
    return job


def build_demo_site(database_url: str, instance_dir: Path, make_app):
    """The migrated, seeded app and its DemoSite data (the server is started by `serve`)."""
    app = make_app(database_url)
    with app.app_context():
        upgrade()
        load_demo(db.session, instance_dir, hash_method=TEST_PASSWORD_HASH_METHOD)
        point = _enrich(db.session)
        event, crisis_point = _crisis(db.session)
        job = _failed_job(db.session)
        db.session.commit()
        ids = {
            "point_id": point.id,
            "code": point.code,
            "event_id": event.id,
            "crisis_point_id": crisis_point.id,
            "area_id": point.area_id,
            "job_id": job.id,
        }
        db.session.remove()
    return app, ids


class Server:
    """The app served over real HTTP in a thread."""

    def __init__(self, app) -> None:
        self.server = make_server("127.0.0.1", 0, app, threaded=True)
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()
        self.url = f"http://127.0.0.1:{self.server.server_port}"

    def stop(self) -> None:
        self.server.shutdown()
        self.thread.join(timeout=5)


def sign_in(browser, url: str) -> dict:
    """The administrator's browser storage (session cookie) after the real login form."""
    context = browser.new_context(locale="sv-SE")
    page = context.new_page()
    page.goto(f"{url}/login")
    page.locator("#email").fill(ADMIN)
    page.locator("#password").fill(PASSWORD)
    page.locator("#password").press("Enter")
    page.wait_for_url(lambda address: "/login" not in address)
    state = context.storage_state()
    context.close()
    return state


def submit_invalid_edit(page, site: DemoSite, lang: str) -> str:
    """Open the demo point's edit form, submit it with an empty name and a capacity in words,
    and return the HTML the server answered (the form again, with its error summary)."""
    page.goto(site.url + site.path(REGISTER_PAGES["edit-form"], lang))
    page.locator("#name").fill("")
    page.locator("#capacity").fill("många")
    with page.expect_response(lambda response: response.request.method == "POST") as answer:
        page.get_by_role("button", name=SAVE[lang], exact=True).click()
    page.wait_for_load_state()
    assert answer.value.status == 422  # the form again with its errors; nothing was saved
    return answer.value.text()
