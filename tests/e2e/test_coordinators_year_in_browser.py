"""The coordinator's year on the demo data, in a real browser (issue 13's "done when"): audit two
points, turn the gaps seen into actions with a responsible and financing, subscribe to the
årshjul, work the "still correct?" queue, and print the January report for the council."""

from __future__ import annotations

import pytest
import recurring_ical_events
from icalendar import Calendar

from readiness.demo import load_demo
from readiness.timeutil import today_in_sweden
from tests.factories import PASSWORD, TEST_PASSWORD_HASH_METHOD, make_user
from tests.pdf_tools import pdf_text

pytestmark = pytest.mark.browser

CHECKLIST_LINK = "Registrera en revision med kriteriernas checklista"


def audit_and_act(page, name: str, responsible: str) -> str:
    """Audit the point with its preselected checklist, then make the first gap seen an action
    with a responsible, a deadline and approved financing; return the action's title."""
    page.get_by_role("link", name="Trygghetspunkter").first.click()
    page.get_by_role("link", name=name, exact=True).click()
    page.get_by_role("link", name=CHECKLIST_LINK).click()
    page.locator("#present").fill("Ägaren och en i personalen")
    page.locator("#findings").fill("Reservkraften provkördes inte i år.")
    page.get_by_role("button", name="Registrera revisionen").click()
    assert page.get_by_text(f"Revisionen av {name}").first.is_visible()

    audits = page.locator("#audits")
    assert "Brister vid revisionen:" in audits.inner_text()
    audits.get_by_role("link", name="Gör till åtgärd").first.click()
    title = page.locator("#title").input_value()
    assert title and "Från revisionen den" in page.content()
    page.locator("#responsible").fill(responsible)
    page.locator("#deadline").fill(f"{today_in_sweden().year + 1}-03-31")
    page.locator('[id="financing.source"]').fill("Beredskapsanslag")
    page.locator('[id="financing.amount_sek"]').fill("15000")
    page.locator('[id="financing.approved"]').check()
    page.get_by_role("button", name="Spara", exact=True).click()
    assert page.get_by_text("sparades").first.is_visible()
    return title


def test_coordinator_runs_the_year_on_the_demo_data(live_server, page, session, tmp_path):
    load_demo(session, tmp_path, hash_method=TEST_PASSWORD_HASH_METHOD)
    make_user(session, "auditor", email="beredskap@test.example")
    session.commit()
    page.goto(f"{live_server}/login")
    page.get_by_label("E-post").fill("beredskap@test.example")
    page.get_by_label("Lösenord").fill(PASSWORD)
    page.get_by_role("button", name="Logga in").click()

    # Audit two points; each gap seen becomes an action with responsible and financing.
    first = audit_and_act(page, "Hotagens bygdegård", "Bygdegårdsföreningen")
    second = audit_and_act(page, "Offerdals skola", "Skolans rektor")
    page.get_by_role("link", name="Handlingsplan").click()
    plan = page.locator("main").inner_text()
    assert first in plan and second in plan
    assert "Bygdegårdsföreningen" in plan and "Skolans rektor" in plan

    # Subscribe to the årshjul: the secret address answers a calendar without a login.
    page.get_by_role("link", name="Ditt konto").click()
    page.get_by_role("button", name="Skapa en kalenderprenumeration").click()
    url = page.locator("#feed-url").inner_text().replace("https://tp.example.se", live_server)
    feed = page.context.request.get(url, headers={"Cookie": ""})
    assert feed.status == 200 and feed.headers["content-type"].startswith("text/calendar")
    today = today_in_sweden()
    events = recurring_ical_events.of(Calendar.from_ical(feed.body())).between(
        today, today.replace(year=today.year + 1)
    )
    assert any("Hotagens bygdegård" in str(e.get("SUMMARY")) for e in events)

    # Work the "still correct?" queue: confirm a point and it leaves the queue.
    page.get_by_role("link", name="Stämmer det fortfarande?").click()
    assert "Ås Lanthandel" in page.locator("main").inner_text()
    page.get_by_role("button", name="Stämmer fortfarande – Ås Lanthandel").click()
    assert page.get_by_text("Bekräftat: uppgifterna för Ås Lanthandel stämmer").is_visible()
    queue = page.locator("main table")
    assert "Ås Lanthandel" not in (queue.inner_text() if queue.count() else "")

    # The report for the council: this year's, with the plan, as a PDF that reads back.
    page.get_by_role("link", name="Årsrapport").click()
    page.locator("#year").fill(str(today.year))
    page.get_by_role("button", name="Visa").click()
    html = page.locator("main").inner_text()
    assert first in html and "Revisioner genomförda" in html
    href = page.get_by_role("link", name="Rapporten som PDF").get_attribute("href")
    pdf = page.context.request.get(live_server + href)
    assert pdf.status == 200
    text = pdf_text(pdf.body(), tmp_path)
    assert f"Årsrapport {today.year}" in text and first in text
