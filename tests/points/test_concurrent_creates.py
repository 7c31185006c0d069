"""Many coordinators creating points in the same new municipality at once all succeed."""

from __future__ import annotations

import json
import urllib.request
from concurrent.futures import ThreadPoolExecutor

from sqlalchemy import func, select

from readiness.points.models import Area, Municipality
from tests.factories import point_input


def _post(url: str, token: str, body: dict) -> int:
    request = urllib.request.Request(
        url,
        data=json.dumps(body).encode(),
        headers={"Authorization": f"Bearer {token}", "Content-Type": "application/json"},
        method="POST",
    )
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def test_twenty_parallel_creates_in_a_new_municipality_and_area_all_get_201(
    live_server, api, session
):
    token = api("auditor").token
    bodies = [
        point_input(name=f"Punkt {n}", municipality="Nybygge kommun", area="Nya området")
        for n in range(20)
    ]
    with ThreadPoolExecutor(max_workers=20) as pool:
        statuses = list(
            pool.map(lambda body: _post(f"{live_server}/api/v1/points", token, body), bodies)
        )
    assert statuses == [201] * 20
    session.expire_all()
    assert session.scalar(select(func.count()).select_from(Municipality)) == 1
    assert session.scalar(select(func.count()).select_from(Area)) == 1
