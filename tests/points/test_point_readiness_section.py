"""The point page's readiness section lists what matters most first."""

from __future__ import annotations

import re

from tests.factories import complete_point_input, days_ago, make_point, make_user, point_input


def test_point_page_lists_critical_gaps_before_major_and_minor(web, client, session):
    # POWER-TEST-RUN (major) comes before CHANNEL-INDEPENDENT (critical) in the catalog.
    stale_test_run = {**point_input()["power"], "last_test_run": days_ago(40)}
    document = complete_point_input(power=stale_test_run)
    point = make_point(
        session, **{**document, "channels": [{"kind": "notice_board", "detail": "Entrén"}]}
    )
    make_user(session, "auditor", email="samordnare@test.example")
    web.login("samordnare@test.example")
    html = client.get(f"/points/{point.id}?lang=en").get_data(as_text=True)
    gaps = re.search(r'<ul class="gaps">(.*?)</ul>', html, re.S).group(1)
    severities = re.findall(r'<span class="severity severity-(\w+)">', gaps)
    titles = re.findall(r"<strong>([^<]+)</strong>", gaps)
    assert severities == sorted(severities, key=["critical", "major", "minor"].index)
    assert severities[0] == "critical" and "minor" in severities
    assert titles.index("Communications without mobile and fixed networks") < titles.index(
        "Monthly test run"
    )
