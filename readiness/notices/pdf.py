"""Notice sheets as A4 PDF: WeasyPrint renders HTML; the QR code is a raster image.

All points of a batch go into one HTML document and one WeasyPrint render (one page each).
Rendering never touches the network: the only URL fetcher allowed is for data: URIs.

A sheet must stay one page whatever the register accepts. The layout flows (nothing is
absolutely placed, so nothing can cover anything) and the QR block floats beside the text.
A sheet that still runs over one page is rendered again in a denser layout (smaller type);
the densest layout fits the longest content the register accepts (tested).
"""

from __future__ import annotations

import base64
import io
from dataclasses import dataclass
from datetime import date

import qrcode
import qrcode.constants
from flask import render_template
from flask_babel import force_locale
from flask_babel import lazy_gettext as _l
from PIL import Image

from readiness.errors import DomainError
from readiness.notices.icons import icon_uri
from readiness.public.data import PublicPoint, public_url

SYSTEM_PACKAGES = "libpango-1.0-0 libpangoft2-1.0-0 fonts-dejavu-core"
# Width of the QR symbol itself (modules, without the quiet zone): big enough to scan through a
# shop window from a step away.
QR_SYMBOL_MM = 48
QR_QUIET_MODULES = 4
DENSITIES = ("normal", "compact", "tight")
# What the sheet shows at most; the web page has the rest ("more on the web page").
SHEET_CONTACTS = 3
SHEET_CHANNELS = 4
SHEET_INFO_CHARS = 300


class PdfUnavailable(DomainError):
    """WeasyPrint's system libraries (Pango) are missing on this machine."""

    status = 503


@dataclass(frozen=True)
class QrImage:
    uri: str  # data: URI of a PNG with one pixel per module, quiet zone included
    width_mm: float  # printed width with the quiet zone; the symbol is QR_SYMBOL_MM


def qr_image(url: str) -> QrImage:
    """The QR code as a 1-bit PNG, one pixel per module, drawn without interpolation.

    High error correction. The mask is fixed rather than chosen by trying all eight (the
    library's default, a third of the code's cost): any mask is valid, and zbar and phone
    scanners read this one at the printed size."""
    code = qrcode.QRCode(
        error_correction=qrcode.constants.ERROR_CORRECT_H,
        border=QR_QUIET_MODULES,
        mask_pattern=0,
    )
    code.add_data(url)
    code.make(fit=True)
    matrix = code.get_matrix()  # quiet zone included
    size = len(matrix)
    image = Image.new("1", (size, size), 1)
    image.putdata([0 if dark else 1 for row in matrix for dark in row])
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=True)
    modules = size - 2 * QR_QUIET_MODULES
    return QrImage(
        "data:image/png;base64," + base64.b64encode(buffer.getvalue()).decode(),
        round(QR_SYMBOL_MM * size / modules, 2),
    )


def _weasyprint():
    try:
        from weasyprint import HTML
        from weasyprint.urls import URLFetcher
    except (OSError, ImportError) as error:  # Pango (or WeasyPrint itself) is missing
        raise PdfUnavailable(
            {
                "_request": [
                    str(
                        _l(
                            "PDF printing needs the system packages %(packages)s. "
                            "Install them with: apt-get install %(packages)s",
                            packages=SYSTEM_PACKAGES,
                        )
                    )
                ]
            }
        ) from error
    return HTML, URLFetcher


def notices_html(
    points: list[PublicPoint],
    lang: str,
    base_url: str,
    printed_on: date,
    density: dict[str, str] | None = None,
) -> str:
    urls = {p.code: public_url(base_url, p.code) for p in points}
    with force_locale(lang):
        return render_template(
            "pdf/notices.html",
            points=points,
            lang=lang,
            printed_on=printed_on,
            urls=urls,
            qr={code: qr_image(url) for code, url in urls.items()},
            icons=icon_uri,
            icon_services=sorted({s for p in points for s in p.services}),
            density=density or {},
            densities=set((density or {}).values()),
            limits={
                "contacts": SHEET_CONTACTS,
                "channels": SHEET_CHANNELS,
                "info": SHEET_INFO_CHARS,
            },
        )


def _overflowing(document, codes: list[str]) -> list[str]:
    """Codes of the sheets that took more than one page (each sheet starts with its anchor)."""
    pages_of: dict[str, int] = {}
    current = None
    for page in document.pages:
        starts = [name[len("sheet-") :] for name in page.anchors if name.startswith("sheet-")]
        if starts:
            current = starts[-1]
        if current is not None:
            pages_of[current] = pages_of.get(current, 0) + 1
    return [code for code in codes if pages_of.get(code, 1) > 1]


def render_notices(points: list[PublicPoint], lang: str, base_url: str, printed_on: date) -> bytes:
    """One PDF, one A4 page per point, in the order given."""
    html_class, fetcher_class = _weasyprint()
    # Only data: URIs (QR codes and icons) may be fetched: rendering never goes to the network.
    fetcher = fetcher_class(allowed_protocols=("data",), fail_on_errors=True)
    density = {p.code: DENSITIES[0] for p in points}
    codes = [p.code for p in points]
    while True:
        html = notices_html(points, lang, base_url, printed_on, density)
        document = html_class(string=html, url_fetcher=fetcher).render()
        denser = [code for code in _overflowing(document, codes) if density[code] != DENSITIES[-1]]
        if not denser:
            return document.write_pdf()
        for code in denser:
            density[code] = DENSITIES[DENSITIES.index(density[code]) + 1]
