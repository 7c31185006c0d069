"""The area pages read a fixed number of queries, however many areas, people and changes."""

from __future__ import annotations

from tests.factories import make_area_staff, make_point, make_user

# The signed-in account; the areas with their municipality; their staff; their point counts;
# municipality names for the filter.
AREA_LIST_QUERIES = 5
# The signed-in account; the area with its municipality; its staff; its points; its last change.
AREA_PAGE_QUERIES = 5


def _queries_for(count_queries, client, url: str) -> int:
    with count_queries() as statements:
        assert client.get(url).status_code == 200
    return len(statements)


def test_area_list_query_count_does_not_grow_with_areas(web, client, session, count_queries):
    make_user(session, "auditor", email="anna@test.example")
    web.login("anna@test.example")
    make_point(session)
    make_area_staff(session)
    few = _queries_for(count_queries, client, "/areas")
    for i in range(8):
        municipality = "Vilhelmina" if i % 2 else "Krokom"
        make_point(session, name=f"P{i}", municipality=municipality, area=f"Område {i}")
        make_area_staff(session, municipality, f"Område {i}")
    many = _queries_for(count_queries, client, "/areas")
    assert many == few <= AREA_LIST_QUERIES


def test_area_page_query_count_does_not_grow_with_staff_and_history(
    web, client, session, count_queries
):
    make_user(session, "auditor", email="anna@test.example")
    web.login("anna@test.example")
    url = f"/areas/{make_point(session).area_id}"
    make_area_staff(session)
    few = _queries_for(count_queries, client, url)
    for n in range(6):
        make_point(session, name=f"P{n}")
        staff = [
            {"name": f"Person {i}", "phone": f"070-174 06 {70 + i}", "roles": ["area_coordinator"]}
            for i in range(n + 2)
        ]
        make_area_staff(session, staff=staff)
    many = _queries_for(count_queries, client, url)
    assert many == few <= AREA_PAGE_QUERIES
