"""Readiness through the API and the dashboard, on real data in the database."""

from __future__ import annotations

import re
from datetime import timedelta

from readiness.auth.actors import SYSTEM
from readiness.criteria.facts import load_facts
from readiness.criteria.models import ReadinessSnapshot
from readiness.notices.services import record_posting
from readiness.timeutil import today_in_sweden
from tests.factories import complete_point_input, days_ago, make_point, make_user, point_input

RUNTIME_71_9 = {**point_input()["power"], "tank_litres": 359.5, "consumption_lph": 5.0}


def test_point_readiness_has_the_contract_shape(api, session):
    point = make_point(session)
    body = api("staff").get(f"/api/v1/points/{point.id}/readiness").get_json()
    assert set(body) == {
        "point_id",
        "as_of",
        "criteria_version",
        "score",
        "level",
        "gaps",
        "passed",
        "not_applicable",
    }
    assert body["point_id"] == point.id and body["criteria_version"] == "2026.3"
    assert body["as_of"] == today_in_sweden().isoformat()
    for gap in body["gaps"]:
        assert set(gap) == {"criterion", "severity", "message", "remedy"}


def test_gap_message_states_fact_and_limit_in_each_language(api, session):
    point = make_point(session, power=RUNTIME_71_9)
    client = api("auditor")
    url = f"/api/v1/points/{point.id}/readiness"
    swedish = {g["criterion"]: g for g in client.get(url).get_json()["gaps"]}
    english = {
        g["criterion"]: g
        for g in client.get(url, headers={"Accept-Language": "en"}).get_json()["gaps"]
    }
    assert swedish["POWER-RUNTIME"]["message"] == (
        "Reservkraften räcker 71,9 timmar på full tank; kravet är 72 timmar."
    )
    assert english["POWER-RUNTIME"]["message"] == "Runtime 71.9 h on a full tank, limit 72 h."
    assert english["POWER-RUNTIME"]["severity"] == "critical"
    assert english["POWER-RUNTIME"]["remedy"]


def test_test_run_gap_counts_days_at_the_requested_date(api, session):
    point = make_point(session, power={**point_input()["power"], "last_test_run": days_ago(40)})
    as_of = today_in_sweden().isoformat()
    body = (
        api("auditor")
        .get(
            f"/api/v1/points/{point.id}/readiness?as_of={as_of}", headers={"Accept-Language": "en"}
        )
        .get_json()
    )
    [gap] = [g for g in body["gaps"] if g["criterion"] == "POWER-TEST-RUN"]
    assert gap["message"] == f"Last test run {days_ago(40)}, 40 days ago (limit 31)."
    earlier = (today_in_sweden() - timedelta(days=9)).isoformat()
    body = api("auditor").get(f"/api/v1/points/{point.id}/readiness?as_of={earlier}").get_json()
    assert "POWER-TEST-RUN" in body["passed"] and body["as_of"] == earlier


def test_bad_as_of_is_422_naming_the_field(api, session):
    point = make_point(session)
    for url in (f"/api/v1/points/{point.id}/readiness?as_of=23/11", "/api/v1/readiness?as_of=x"):
        response = api("staff").get(url)
        assert response.status_code == 422
        assert "as_of" in response.get_json()["errors"]


def test_readiness_of_unknown_point_is_404(api):
    assert api("staff").get("/api/v1/points/4242/readiness").status_code == 404


def test_municipality_readiness_lists_its_points_with_its_version(app, api, session):
    make_point(session, name="A", municipality="Krokom")
    make_point(session, name="B", municipality="Vilhelmina")
    app.config["CRITERIA_OVERRIDES"] = {"Vilhelmina": {"POWER-RUNTIME.min_hours": 96}}
    body = api("auditor").get("/api/v1/readiness?municipality=Vilhelmina").get_json()
    assert body["criteria_version"] == "2026.3+vilhelmina"
    [only] = body["points"]
    assert only["criteria_version"] == "2026.3+vilhelmina"
    assert "POWER-RUNTIME" in [g["criterion"] for g in only["gaps"]]  # 80 h < 96 h


def test_criteria_endpoint_lists_the_catalog(api):
    body = api("staff").get("/api/v1/criteria", headers={"Accept-Language": "en"}).get_json()
    assert len(body) == 24  # version 2026.3: the 22 of 2026.1, AREA-STAFF and CONFIRMED-RECENT
    runtime = next(c for c in body if c["id"] == "POWER-RUNTIME")
    assert runtime["severity"] == "critical" and runtime["params"] == {"min_hours": 72}
    assert runtime["title"] == "Runtime on a full tank" and runtime["source"]


def test_level_filter_on_the_point_list(api, session):
    make_point(session, name="Utan reservkraft", power={"source": "none"})
    make_point(session, **complete_point_input(name="Med elverk"))
    client = api("staff")

    def names(level):
        return [p["name"] for p in client.get(f"/api/v1/points?level={level}").get_json()["items"]]

    assert names("not_ready") == ["Utan reservkraft"]
    assert names("gaps") == ["Med elverk"]  # only: never printed, never audited
    assert client.get("/api/v1/points?level=perfect").status_code == 422


def test_posting_the_notice_after_a_change_clears_the_notice_gap(api, session):
    point = make_point(session)
    client = api("auditor")
    url = f"/api/v1/points/{point.id}/readiness"
    assert "NOTICE-CURRENT" in [g["criterion"] for g in client.get(url).get_json()["gaps"]]
    record_posting(session, point, SYSTEM)
    session.commit()
    assert "NOTICE-CURRENT" in client.get(url).get_json()["passed"]
    response = client.patch(f"/api/v1/points/{point.id}", {"version": 1, "crisis_hours": "08–22"})
    assert response.status_code == 200
    assert "NOTICE-CURRENT" in [g["criterion"] for g in client.get(url).get_json()["gaps"]]


def test_private_changes_do_not_make_the_notice_stale(api, session):
    point = make_point(session)
    record_posting(session, point, SYSTEM)
    session.commit()
    client = api("auditor")
    response = client.patch(
        f"/api/v1/points/{point.id}", {"version": 1, "power": {"tank_litres": 500}}
    )
    assert response.status_code == 200
    assert response.get_json()["power"]["tank_litres"] == 500
    body = client.get(f"/api/v1/points/{point.id}/readiness").get_json()
    assert "NOTICE-CURRENT" in body["passed"]


def test_demo_data_produce_all_three_levels(app, api):
    assert app.test_cli_runner().invoke(args=["seed-demo"]).exit_code == 0
    levels = {p["level"] for p in api("auditor").get("/api/v1/readiness").get_json()["points"]}
    assert levels == {"ready", "gaps", "not_ready"}


def test_dashboard_counts_match_the_api(app, api, web, client, session):
    seeded = app.test_cli_runner().invoke(args=["seed-demo"])
    assert seeded.exit_code == 0, seeded.output
    make_user(session, "auditor", email="anna@test.example")
    web.login("anna@test.example")
    points = api("auditor").get("/api/v1/readiness?municipality=Krokom").get_json()["points"]
    # The demo's Krokom points, in more than one level: an empty dashboard would match too.
    assert len(points) >= 3 and len({p["level"] for p in points}) > 1
    html = client.get("/readiness?municipality=Krokom").get_data(as_text=True)
    tiles = dict(
        (level, int(n))
        for n, level in re.findall(
            r'<span class="big">(\d+)</span> <span class="level level-(\w+)">', html
        )
    )
    assert tiles == {
        level: sum(p["level"] == level for p in points) for level in ("ready", "gaps", "not_ready")
    }
    rows = re.findall(
        r'<a href="/points/(\d+)">[^<]*</a></th>\s*<td>[^<]*</td>\s*<td>(\d+)</td>', html
    )
    assert {int(i): int(score) for i, score in rows} == {p["point_id"]: p["score"] for p in points}


def test_dashboard_as_of_date_shows_that_days_answer(app, web, client, session):
    make_user(session, "auditor", email="anna@test.example")
    make_point(
        session,
        **complete_point_input(power={**point_input()["power"], "last_test_run": days_ago(40)}),
    )
    web.login("anna@test.example")
    today = client.get("/readiness").get_data(as_text=True)
    earlier = (today_in_sweden() - timedelta(days=10)).isoformat()
    back_then = client.get(f"/readiness?as_of={earlier}").get_data(as_text=True)
    assert "Provkörning varje månad" in today
    assert "Provkörning varje månad" not in back_then
    assert f'value="{earlier}"' in back_then


def test_local_override_is_shown_on_dashboard_and_criteria_page(app, web, client, session):
    app.config["CRITERIA_OVERRIDES"] = {"Vilhelmina": {"POWER-RUNTIME.min_hours": 96}}
    make_user(session, "auditor", email="anna@test.example")
    make_point(session, municipality="Vilhelmina")
    web.login("anna@test.example")
    dashboard = client.get("/readiness?municipality=Vilhelmina").get_data(as_text=True)
    assert "2026.3+vilhelmina" in dashboard
    assert "Drifttid på full tank › Minsta drifttid: 96 timmar" in dashboard
    criteria = client.get("/criteria?lang=en").get_data(as_text=True)
    assert "Runtime on a full tank › Minimum runtime: 96 hours" in criteria
    assert len(re.findall(r'<tr id="[A-Z-]+">', criteria)) == 24
    assert "Runtime on a full tank" in criteria


def test_point_page_shows_level_score_gaps_and_remedies(app, web, client, session):
    make_user(session, "auditor", email="anna@test.example")
    point = make_point(session, power=RUNTIME_71_9)
    # The daily command records today's level; viewing the page stores nothing.
    assert app.test_cli_runner().invoke(args=["record-readiness"]).exit_code == 0
    web.login("anna@test.example")
    html = client.get(f"/points/{point.id}").get_data(as_text=True)
    assert "Inte redo" in html and "poäng" in html
    assert f"På denna nivå sedan {today_in_sweden().isoformat()}" in html
    assert "Reservkraften räcker 71,9 timmar på full tank; kravet är 72 timmar." in html
    assert "Gör så här" in html and "Uppfyllda kriterier" in html


def test_loading_facts_takes_the_same_queries_for_two_or_twenty_points(app, session, count_queries):
    make_point(session, name="A")
    make_point(session, name="B")
    with count_queries() as few:
        assert len(load_facts(session, today_in_sweden())) == 2
    for i in range(18):
        make_point(session, name=f"P{i}")
    with count_queries() as many:
        assert len(load_facts(session, today_in_sweden())) == 20
    assert len(few) == len(many) == 9


def test_a_change_of_result_is_stored_once_for_the_trend(app, api, session):
    client = api("auditor")
    created = client.post("/api/v1/points", point_input())
    assert created.status_code == 201
    point_id = created.get_json()["id"]

    def count():
        session.expire_all()
        return session.query(ReadinessSnapshot).filter_by(point_id=point_id).count()

    assert count() == 1  # recorded with the create, in its transaction
    client.get(f"/api/v1/points/{point_id}/readiness")
    assert app.test_cli_runner().invoke(args=["record-readiness"]).exit_code == 0
    assert count() == 1  # reading stores nothing; the daily run finds nothing moved
    patched = client.patch(
        f"/api/v1/points/{point_id}", {"version": 1, "power": {"source": "none"}}
    )
    assert patched.status_code == 200
    assert count() == 2
    latest = session.query(ReadinessSnapshot).order_by(ReadinessSnapshot.id.desc()).first()
    assert latest.level == "not_ready" and "POWER-SOURCE" in latest.failed
