"""The sheet's layout, read back from the rendered page: one A4 page, the essentials always
there, no word over the QR code, nothing off the page, a QR symbol big enough to scan."""

from __future__ import annotations

import pytest

from readiness.notices.pdf import QR_QUIET_MODULES, QR_SYMBOL_MM
from tests.factories import make_point, maximal_point_input
from tests.pdf_tools import (
    Box,
    decode_qr,
    page_png,
    page_size_mm,
    pdf_pages,
    pdf_text,
    qr_symbol_box,
    word_boxes,
)

BASE = "https://tp.example.se"
DPI = 150


def flat(text: str) -> str:
    return " ".join(text.split())


def assert_readable_sheet(pdf: bytes, tmp_path, page: int, code: str) -> None:
    """One sheet: the QR code decodes, is at least 45 mm wide, and no word touches it or
    leaves the page."""
    png = page_png(pdf, tmp_path, dpi=DPI, page=page)
    assert decode_qr(png) == [f"{BASE}/p/{code}"]
    symbol = qr_symbol_box(png, DPI)
    assert symbol.width >= 45, f"QR symbol {symbol.width:.1f} mm wide"
    # The quiet zone belongs to the code: no text within it either.
    quiet = QR_QUIET_MODULES * symbol.width / 33  # at most 33 modules for our URLs
    keep_clear = Box(
        symbol.left - quiet, symbol.top - quiet, symbol.right + quiet, symbol.bottom + quiet
    )
    width, height = page_size_mm(pdf, tmp_path)
    page_box = Box(0, 0, width, height)
    words = word_boxes(pdf, tmp_path, page)
    assert words
    for word, box in words:
        assert not box.overlaps(keep_clear), f"{word!r} is drawn over the QR code"
        assert page_box.left <= box.left and box.right <= page_box.right and box.bottom <= height, (
            f"{word!r} runs off the page"
        )


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_sheet_of_a_maximal_point_is_one_page_with_every_essential(api, session, tmp_path, lang):
    data = maximal_point_input()
    point = make_point(session, **{k: v for k, v in data.items()})
    response = api("staff").get(f"/api/v1/points/{point.id}/notice.pdf?lang={lang}")
    assert response.status_code == 200
    assert pdf_pages(response.data, tmp_path) == 1
    width, height = page_size_mm(response.data, tmp_path)
    assert (round(width), round(height)) == (210, 297)
    text = flat(pdf_text(response.data, tmp_path))
    for essential in (
        data["name"],
        data["crisis_hours"],
        "070-174 06 00",  # the first public phone
        "Lokalradio" if lang == "sv" else "Local radio",
        f"{BASE}/p/{point.code}",
        f"{point.code}",
    ):
        assert flat(essential) in text, essential[:40]
    # The address wraps beside the QR code; every word of it is there, in order.
    address_words = flat(f"{data['address']}, {data['postcode']} {data['locality']}").split()
    assert " ".join(address_words[:6]) in text
    more = "Fler nummer finns på webbsidan." if lang == "sv" else "More numbers on the web page."
    assert more in text  # 20 public contacts: three printed, the rest on the web page
    assert_readable_sheet(response.data, tmp_path, 1, point.code)


def test_sheet_of_a_point_with_an_unbroken_long_name_stays_on_the_page(api, session, tmp_path):
    point = make_point(session, name="X" * 120, crisis_hours="Y" * 160)
    pdf = api("staff").get(f"/api/v1/points/{point.id}/notice.pdf").data
    assert pdf_pages(pdf, tmp_path) == 1
    assert_readable_sheet(pdf, tmp_path, 1, point.code)


def test_every_demo_sheet_is_one_readable_page_with_nothing_covered(app, api, tmp_path):
    assert app.test_cli_runner().invoke(args=["seed-demo"]).exit_code == 0
    client = api("staff")
    for municipality in ("Krokom", "Vilhelmina"):
        points = client.get(f"/api/v1/points?municipality={municipality}").get_json()["items"]
        pdf = client.get(f"/api/v1/notices.pdf?municipality={municipality}").data
        assert pdf_pages(pdf, tmp_path) == len(points)
        pages = pdf_text(pdf, tmp_path).split("\f")
        for number, point in enumerate(points, start=1):
            page_text = flat(pages[number - 1])
            assert point["name"] in page_text
            assert "ring 112" in page_text and "Sveriges Radio P4" in page_text
            assert_readable_sheet(pdf, tmp_path, number, point["code"])


def test_qr_code_prints_at_the_symbol_size_the_sheet_promises(api, session, tmp_path):
    point = make_point(session)
    png = page_png(api("staff").get(f"/api/v1/points/{point.id}/notice.pdf").data, tmp_path)
    assert qr_symbol_box(png, DPI).width == pytest.approx(QR_SYMBOL_MM, abs=1.5)
