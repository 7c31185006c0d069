"""Crisis steps the public pages' tests share: points in two areas, activations through the API."""

from __future__ import annotations

from tests.factories import make_point

MESSAGE = "Öppet dygnet runt. Värme, vatten och laddning finns."
STORM = "Storm Dagmar, december 2026"
DRILL = "Övning Föllinge, mars 2027"


def follinge_and_hotagen(session) -> list:
    """Three points in Föllinge and one in Hotagen, all in Krokom."""
    return [
        make_point(session, name=name, area="Föllinge", locality="Föllinge")
        for name in ("Föllinge bygdegård", "Föllinge skola", "Handlar'n Föllinge")
    ] + [make_point(session, name="Hotagens byahus", area="Hotagen", locality="Hotagen")]


def activate(client, **body):
    """POST /api/v1/crisis/activate; an open point in the storm unless told otherwise."""
    body.setdefault("state", "open")
    body.setdefault("event", DRILL if body.get("exercise") else STORM)
    response = client.post("/api/v1/crisis/activate", body)
    assert response.status_code == 200, response.get_json()
    return response.get_json()
