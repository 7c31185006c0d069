"""Notice sheets as A4 PDF: WeasyPrint renders HTML; the QR code is inline SVG.

All points of a batch go into one HTML document and one WeasyPrint render (one page each).
Rendering never touches the network: the only URL fetcher allowed is for data: URIs.
"""

from __future__ import annotations

from datetime import date

import qrcode
import qrcode.constants
from flask import render_template
from flask_babel import force_locale
from flask_babel import lazy_gettext as _l

from readiness.errors import DomainError
from readiness.notices.icons import icon_uri
from readiness.public.data import PublicPoint, public_url

SYSTEM_PACKAGES = "libpango-1.0-0 libpangoft2-1.0-0 fonts-dejavu-core"


class PdfUnavailable(DomainError):
    """WeasyPrint's system libraries (Pango) are missing on this machine."""

    status = 503


def qr_svg(url: str) -> str:
    """The QR code as inline SVG: high error correction, 4-module quiet zone kept.

    The qrcode library computes the modules; the path joins each row's run of dark modules
    into one rectangle, which WeasyPrint parses several times faster than one per module.
    The printed size comes from the stylesheet (at least 4 cm)."""
    code = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_H, border=4)
    code.add_data(url)
    code.make(fit=True)
    matrix = code.get_matrix()  # quiet zone included
    runs = []
    for y, row in enumerate(matrix):
        x = 0
        while x < len(row):
            if not row[x]:
                x += 1
                continue
            start = x
            while x < len(row) and row[x]:
                x += 1
            runs.append(f"M{start} {y}h{x - start}v1h{start - x}z")
    size = len(matrix)
    return (
        f'<svg class="qr" role="img" viewBox="0 0 {size} {size}" '
        f'xmlns="http://www.w3.org/2000/svg" shape-rendering="crispEdges">'
        f'<rect width="{size}" height="{size}" fill="#fff"/>'
        f'<path d="{"".join(runs)}" fill="#000"/></svg>'
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


def notices_html(points: list[PublicPoint], lang: str, base_url: str, printed_on: date) -> str:
    urls = {p.code: public_url(base_url, p.code) for p in points}
    with force_locale(lang):
        return render_template(
            "pdf/notices.html",
            points=points,
            lang=lang,
            printed_on=printed_on,
            urls=urls,
            qr={code: qr_svg(url) for code, url in urls.items()},
            icons=icon_uri,
        )


def render_notices(points: list[PublicPoint], lang: str, base_url: str, printed_on: date) -> bytes:
    """One PDF, one A4 page per point, in the order given."""
    html_class, fetcher_class = _weasyprint()
    html = notices_html(points, lang, base_url, printed_on)
    # Only data: URIs (the icons) may be fetched: rendering never goes to the network.
    fetcher = fetcher_class(allowed_protocols=("data",), fail_on_errors=True)
    return html_class(string=html, url_fetcher=fetcher).write_pdf()
