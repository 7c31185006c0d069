"""Notice sheets, read back from the PDF: text, pages, the QR code and the stale flag."""

from __future__ import annotations

import sys
from urllib.parse import urlsplit

from readiness.notices.models import NoticePosting
from tests.factories import full_crew, make_point, point_input
from tests.pdf_tools import decode_qr, page_png, pdf_pages, pdf_text, qr_symbol_box

BASE = "https://tp.example.se"  # PUBLIC_BASE_URL in the test config


def test_notice_has_name_address_crisis_hours_phone_and_radio_in_swedish(api, session, tmp_path):
    point = make_point(
        session,
        channels=[
            {"kind": "local_radio", "detail": "P4 Jämtland 103,5 MHz"},
            {"kind": "rakel", "detail": "Talgrupp KROKOM-TP"},
        ],
    )
    response = api("staff").get(f"/api/v1/points/{point.id}/notice.pdf")
    assert response.status_code == 200
    assert response.mimetype == "application/pdf"
    text = pdf_text(response.data, tmp_path)
    for expected in (
        "TRYGGHETSPUNKT",
        "Handlar'n Föllinge",
        "Byvägen 12, 835 61 Föllinge",
        "Dygnet runt vid kris",
        "070-174 06 05",
        "P4 Jämtland 103,5 MHz",
        "Här kan du få",
        "Värme",
        "Laddning",
        f"{BASE}/p/{point.code}",
        f"version {point.content_version}",
    ):
        assert expected in text, expected
    assert "KROKOM-TP" not in text  # RAKEL is for the crew, not for residents


def test_notice_in_english(api, session, tmp_path):
    point = make_point(session)
    response = api("staff").get(f"/api/v1/points/{point.id}/notice.pdf?lang=en")
    text = pdf_text(response.data, tmp_path)
    assert "SAFETY POINT" in text and "Here you can get" in text and "Heat" in text
    assert "Dygnet runt vid kris" in text


def test_qr_code_decodes_to_the_public_url_which_opens_the_resident_page(
    api, session, client, tmp_path
):
    point = make_point(session)
    pdf = api("staff").get(f"/api/v1/points/{point.id}/notice.pdf").data
    png = page_png(pdf, tmp_path, dpi=150)
    assert decode_qr(png) == [f"{BASE}/p/{point.code}"]
    page = client.get(urlsplit(decode_qr(png)[0]).path)
    assert page.status_code == 200
    assert "Handlar&#39;n Föllinge" in page.get_data(as_text=True)
    assert qr_symbol_box(png, 150).width >= 45  # mm, modules without the quiet zone


def test_batch_pdf_has_one_page_per_point_in_name_order(api, session, tmp_path):
    for name in ("Öbacka handel", "Almby bystuga", "Bergs skola"):
        make_point(session, name=name, municipality="Krokom")
    make_point(session, name="Annan kommun", municipality="Vilhelmina")
    response = api("staff").get("/api/v1/notices.pdf?municipality=Krokom")
    assert response.status_code == 200
    assert pdf_pages(response.data, tmp_path) == 3
    pages = pdf_text(response.data, tmp_path).split("\f")
    assert [
        "Almby bystuga" in pages[0],
        "Bergs skola" in pages[1],
        "Öbacka handel" in pages[2],
    ] == [True, True, True]


def test_unknown_language_is_422(api, session):
    point = make_point(session)
    response = api("staff").get(f"/api/v1/points/{point.id}/notice.pdf?lang=de")
    assert response.status_code == 422 and "lang" in response.get_json()["errors"]
    assert session.query(NoticePosting).count() == 0


def test_missing_weasyprint_libraries_give_a_clear_message(api, session, monkeypatch):
    point = make_point(session)
    monkeypatch.setitem(sys.modules, "weasyprint", None)  # import fails as without Pango
    response = api("staff").get(
        f"/api/v1/points/{point.id}/notice.pdf", headers={"Accept-Language": "en"}
    )
    assert response.status_code == 503
    message = response.get_json()["errors"]["_request"][0]
    assert "apt-get install libpango-1.0-0" in message


def test_stale_flag_follows_public_changes_after_the_posted_sheet(api, web, client, session):
    from tests.factories import make_user

    point = make_point(session, contacts=full_crew())
    make_user(session, "staff", email="butik@test.example", points=[point])
    web.login("butik@test.example")
    assert "Inget anslag uppsatt" in client.get(f"/points/{point.id}").get_data(as_text=True)
    assert client.get(f"/points/{point.id}/notice.pdf").status_code == 200
    # Downloading is not posting.
    assert "Inget anslag uppsatt" in client.get(f"/points/{point.id}").get_data(as_text=True)
    web.post(f"/points/{point.id}/notice-posted", {"content_version": "1"})
    page = client.get(f"/points/{point.id}").get_data(as_text=True)
    assert "Anslaget är inaktuellt" not in page and "Inget anslag uppsatt" not in page
    # The point's row link, as below: its name is on the page anyway (the due tasks), and in
    # the markup as "Handlar&#39;n Föllinge", which a search for the name never finds.
    outdated = client.get("/points?notice=outdated").get_data(as_text=True)
    assert f'href="/points/{point.id}"' not in outdated

    api("auditor").patch(
        f"/api/v1/points/{point.id}", {"version": 1, "power": {"tank_litres": 999}}
    )  # private: still current
    assert "Anslaget är inaktuellt" not in client.get(f"/points/{point.id}").get_data(as_text=True)
    api("auditor").patch(
        f"/api/v1/points/{point.id}", {"version": 2, "crisis_hours": "Mån–fre 8–20"}
    )
    assert "Anslaget är inaktuellt" in client.get(f"/points/{point.id}").get_data(as_text=True)
    listing = client.get("/points?notice=outdated").get_data(as_text=True)
    assert f'href="/points/{point.id}"' in listing


def test_sheet_images_are_drawn_without_interpolation_and_fetch_nothing(api, session, tmp_path):
    """The QR code and the icons are raster images with whole pixels per module; drawn
    without smoothing they print sharp at any size. Nothing outside the sheet is fetched."""
    import subprocess

    point = make_point(session, services=point_input()["services"] + ["toilet", "food"])
    pdf = api("staff").get(f"/api/v1/points/{point.id}/notice.pdf").data
    path = tmp_path / "sheet.pdf"
    path.write_bytes(pdf)
    listing = subprocess.run(
        ["pdfimages", "-list", str(path)], check=True, capture_output=True, text=True
    ).stdout.splitlines()[2:]
    interpolate = [line.split()[9] for line in listing]
    # The QR code and two rows of service icons (three services a row).
    assert len(interpolate) == 3
    assert set(interpolate) == {"no"}
    text = pdf_text(pdf, tmp_path)
    for label in ("Värme", "Vatten", "Laddning", "Information", "Toalett", "Mat"):
        assert label in text


def test_icon_row_puts_each_icon_at_the_start_of_its_column():
    import io

    from PIL import Image

    from readiness.notices.icons import ICON_PIXELS, icon_png, icon_row_png, icon_row_url

    spec = icon_row_url(["heat", "water"], 60, 7).partition(":")[2]
    row = Image.open(io.BytesIO(icon_row_png(spec))).convert("L")
    column = round(60 * ICON_PIXELS / 7)
    assert row.size == (column + ICON_PIXELS, ICON_PIXELS)
    water = Image.open(io.BytesIO(icon_png("water"))).convert("L")
    assert row.crop((column, 0, column + ICON_PIXELS, ICON_PIXELS)).tobytes() == water.tobytes()


def test_changes_not_printed_on_the_sheet_do_not_make_it_stale(api, session):
    from readiness.auth.actors import SYSTEM
    from readiness.notices.services import notice_statuses, record_posting
    from readiness.notices.status import STALE

    point = make_point(session)  # its only channel is RAKEL, which the sheet never shows
    record_posting(session, point, SYSTEM)
    session.commit()
    client = api("auditor")
    client.patch(
        f"/api/v1/points/{point.id}",
        {"version": 1, "channels": [{"kind": "rakel", "detail": "Ny talgrupp"}]},
    )
    assert notice_statuses(session, [point.id])[point.id] != STALE
    client.patch(
        f"/api/v1/points/{point.id}",
        {"version": 2, "channels": [{"kind": "local_radio", "detail": "P4 Jämtland"}]},
    )
    session.expire_all()
    assert notice_statuses(session, [point.id])[point.id] == STALE
