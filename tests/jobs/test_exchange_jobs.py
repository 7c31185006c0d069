"""Exports and imports as jobs: the same files as the synchronous routes, every row or none."""

from __future__ import annotations

import csv
import io

from sqlalchemy import func, select

from readiness.points.models import Point
from tests.factories import make_point
from tests.jobs.conftest import wait_for


def test_export_job_gives_the_file_of_the_synchronous_export(api, session, results_dir):
    make_point(session, name="Bystugan", municipality="Krokom")
    make_point(session, name="Skolan", municipality="Åre")
    staff = api("staff")
    started = staff.post("/api/v1/jobs/exports", {"format": "csv", "municipality": "Krokom"})
    assert started.status_code == 202
    finished, _seen = wait_for(staff, started.get_json()["url"])
    assert finished["state"] == "finished"
    assert finished["done"] == finished["total"] == 1
    exported = staff.get(finished["result_url"])
    assert exported.mimetype == "text/csv"
    assert exported.data == staff.get("/api/v1/points.csv?municipality=Krokom").data
    assert "Bystugan" in exported.data.decode("utf-8-sig")
    assert "Skolan" not in exported.data.decode("utf-8-sig")


def test_export_job_checks_its_filters(api, results_dir):
    staff = api("staff")
    response = staff.post("/api/v1/jobs/exports", {"format": "pdf", "level": "great"})
    assert response.status_code == 422
    assert set(response.get_json()["errors"]) == {"format", "level"}


def _export_csv(staff) -> bytes:
    return staff.get("/api/v1/points.csv").data


def _import(coordinator, data: bytes, *query: str):
    return coordinator.post(
        "/api/v1/jobs/imports?" + "&".join(("file_name=points.csv", *query)),
        raw=data,
        headers={"Content-Type": "text/csv"},
    )


def _renamed(data: bytes, old: str, new: str) -> bytes:
    return data.decode("utf-8-sig").replace(old, new).encode("utf-8-sig")


def test_import_job_dry_run_changes_nothing_and_the_import_applies(
    api, session, results_dir, tmp_path
):
    make_point(session, name="Bystugan")
    coordinator = api("auditor")
    data = _renamed(_export_csv(coordinator), "Bystugan", "Bystugan i Laxsjö")
    dry = _import(coordinator, data, "dry_run=true", "lang=en")
    assert dry.status_code == 202
    checked, _seen = wait_for(coordinator, dry.get_json()["url"])
    assert checked["state"] == "finished"
    report = coordinator.get(checked["result_url"])
    assert report.mimetype == "text/plain"
    assert report.data.decode().startswith("Dry run, nothing was saved.")
    assert session.scalar(select(Point.name)) == "Bystugan"
    applied, _seen = wait_for(coordinator, _import(coordinator, data).get_json()["url"])
    assert applied["state"] == "finished"
    session.expire_all()
    assert session.scalar(select(Point.name)) == "Bystugan i Laxsjö"


def test_import_job_with_a_bad_cell_fails_naming_it_and_saves_nothing(api, session, results_dir):
    make_point(session, name="Bystugan")
    coordinator = api("auditor")
    text = _export_csv(coordinator).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text), delimiter=";"))
    rows[1][rows[0].index(next(h for h in rows[0] if "apacitet" in h))] = "many"
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=";", lineterminator="\r\n").writerows(rows)
    started = _import(coordinator, buffer.getvalue().encode("utf-8-sig"), "lang=en")
    failed, _seen = wait_for(coordinator, started.get_json()["url"])
    assert failed["state"] == "failed"
    assert failed["error"].startswith("The file was not imported: 1 problem. Nothing was saved.")
    assert "many" in failed["error"]
    # No report: only the uploaded file, kept for a retry.
    assert [p.name for p in results_dir.iterdir()] == [started.get_json()["id"] + ".input"]
    assert session.scalar(select(func.count(Point.id))) == 1


def test_import_job_is_for_coordinators_and_needs_a_file(api, results_dir):
    assert _import(api("staff"), b"x").status_code == 403
    coordinator = api("auditor")
    empty = _import(coordinator, b"")
    assert empty.status_code == 422
    assert "_body" in empty.get_json()["errors"]
    wrong = coordinator.post("/api/v1/jobs/imports?file_name=points.pdf", raw="x")
    assert wrong.status_code == 422
    assert "file_name" in wrong.get_json()["errors"]
