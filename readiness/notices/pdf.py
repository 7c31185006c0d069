"""Notice sheets as A4 PDF: WeasyPrint renders HTML; the QR code is inline SVG.

All points of a batch go into one HTML document and one WeasyPrint render (one page each).
Rendering never touches the network: the only URL fetcher allowed is for data: URIs.
"""

from __future__ import annotations

import re
from datetime import date

import qrcode
import qrcode.constants
import qrcode.image.svg
from flask import render_template
from flask_babel import force_locale
from flask_babel import lazy_gettext as _l

from readiness.errors import DomainError
from readiness.public.data import PublicPoint

SYSTEM_PACKAGES = "libpango-1.0-0 libpangoft2-1.0-0 fonts-dejavu-core"


class PdfUnavailable(DomainError):
    """WeasyPrint's system libraries (Pango) are missing on this machine."""

    status = 503


def public_url(base_url: str, code: str) -> str:
    """What the QR code encodes, exactly: PUBLIC_BASE_URL + "/p/" + code."""
    return f"{base_url.rstrip('/')}/p/{code}"


def qr_svg(url: str) -> str:
    """The QR code as inline SVG, high error correction, 4-module quiet zone kept."""
    image = qrcode.make(
        url,
        image_factory=qrcode.image.svg.SvgPathImage,
        error_correction=qrcode.constants.ERROR_CORRECT_H,
        border=4,
    )
    svg = image.to_string(encoding="unicode")
    # Size comes from the stylesheet (at least 4 cm printed), not from the fixed mm attributes.
    return re.sub(r'<svg width="[^"]+" height="[^"]+"', '<svg class="qr" role="img"', svg, count=1)


def _no_network(url: str, *args, **kwargs):
    if url.startswith("data:"):
        from weasyprint import default_url_fetcher

        return default_url_fetcher(url, *args, **kwargs)
    raise ValueError(f"Notice rendering does not fetch {url}")


def _weasyprint_html():
    try:
        from weasyprint import HTML
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
    return HTML


def notices_html(points: list[PublicPoint], lang: str, base_url: str, printed_on: date) -> str:
    with force_locale(lang):
        return render_template(
            "pdf/notices.html",
            points=points,
            lang=lang,
            printed_on=printed_on,
            urls={p.code: public_url(base_url, p.code) for p in points},
            qr={p.code: qr_svg(public_url(base_url, p.code)) for p in points},
        )


def render_notices(points: list[PublicPoint], lang: str, base_url: str, printed_on: date) -> bytes:
    """One PDF, one A4 page per point, in the order given."""
    html_class = _weasyprint_html()
    html = notices_html(points, lang, base_url, printed_on)
    return html_class(string=html, url_fetcher=_no_network).write_pdf()
