"""Notice sheets as A4 PDF: WeasyPrint renders HTML; the QR code is a raster image.

All points of a batch go into one HTML document and one WeasyPrint render (one page each).
Rendering never touches the network: the URL fetcher knows only the sheet's own images.

A sheet must stay one page whatever the register accepts. The layout flows (nothing is
absolutely placed, so nothing can cover anything) and the QR block has a column of its own
beside the text. A sheet that still runs over one page is rendered again in a denser layout
(smaller type); the densest layout fits the longest content the register accepts (tested).
"""

from __future__ import annotations

import gc
import io
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from typing import BinaryIO

import qrcode
import qrcode.constants
from flask import render_template
from flask_babel import force_locale
from flask_babel import lazy_gettext as _l
from PIL import Image

from readiness.errors import DomainError
from readiness.labels import label
from readiness.notices.icons import ROW_SCHEME, icon_row_png, icon_row_url
from readiness.points.public import PublicPoint, public_url

SYSTEM_PACKAGES = "libpango-1.0-0 libpangoft2-1.0-0 fonts-dejavu-core"
# Width of the QR symbol itself (modules, without the quiet zone): big enough to scan through a
# shop window from a step away.
QR_SYMBOL_MM = 48
QR_QUIET_MODULES = 4
QR_SCHEME = "qr:"
DENSITIES = ("normal", "compact", "tight")
# What the sheet shows at most; the web page has the rest ("more on the web page").
SHEET_CONTACTS = 3
SHEET_CHANNELS = 4
SHEET_INFO_CHARS = 300
# A job prints a large batch this many sheets at a time and joins the parts: the worker's memory
# stays that of one part whatever the batch (300 sheets at once: 304 MB peak, growing with every
# sheet; in parts of 10: 199 MB, the same for 25 or 50), the time stays the same within the
# noise, and the job can tell how far it has come.
CHUNK_SHEETS = 10


class PdfUnavailable(DomainError):
    """WeasyPrint's system libraries (Pango) are missing on this machine."""

    status = 503


@dataclass(frozen=True)
class QrImage:
    png: bytes  # one pixel per module, quiet zone included
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
    image.save(buffer, format="PNG", compress_level=1)  # tiny either way; fast matters
    modules = size - 2 * QR_QUIET_MODULES
    return QrImage(buffer.getvalue(), round(QR_SYMBOL_MM * size / modules, 2))


def _weasyprint():
    try:
        from weasyprint import HTML
        from weasyprint.urls import URLFetcher, URLFetcherResponse
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

    class SheetImages(URLFetcher):
        """The only images a sheet has: its QR code (`qr:<code>`) and rows of service icons
        (`icons:<row>`), both made here. Anything else is refused, so rendering never goes
        to the network; short names also keep the HTML small for the parser."""

        def __init__(self, qr_codes: dict[str, QrImage]):
            super().__init__(allowed_protocols=(), fail_on_errors=True)
            self.qr_codes = qr_codes

        def fetch(self, url, headers=None):
            scheme, _, name = url.partition(":")
            if scheme + ":" == QR_SCHEME:
                png = self.qr_codes[name].png
            elif scheme + ":" == ROW_SCHEME:
                png = icon_row_png(name)
            else:
                raise ValueError(f"Not an image of the sheet: {url[:40]}")
            return URLFetcherResponse(url, png, {"Content-Type": "image/png"})

    return HTML, SheetImages


def notices_html(
    points: list[PublicPoint],
    lang: str,
    base_url: str,
    printed_on: date,
    density: dict[str, str] | None = None,
    qr: dict[str, QrImage] | None = None,
    anchors: bool = False,
) -> str:
    density = density or {}
    urls = {p.code: public_url(base_url, p.code) for p in points}
    if qr is None:
        qr = qr_images(points, base_url)
    with force_locale(lang):
        rows = {
            p.code: _service_rows(p.services, density.get(p.code, DENSITIES[0])) for p in points
        }
        return render_template(
            "pdf/notices.html",
            points=points,
            lang=lang,
            printed_on=printed_on,
            urls=urls,
            qr=qr,
            qr_scheme=QR_SCHEME,
            # Images and sizes as classes in the stylesheet, each written once: a style
            # attribute on every sheet would be parsed again on every sheet.
            qr_sizes=sorted({image.width_mm for image in qr.values()}),
            service_rows=rows,
            row_images=sorted(
                {(row.css_class, row.icons_url, row.width_mm) for r in rows.values() for row in r}
            ),
            density=density,
            anchors=anchors,
            densities=set(density.values()),
            limits={
                "contacts": SHEET_CONTACTS,
                "channels": SHEET_CHANNELS,
                "info": SHEET_INFO_CHARS,
            },
        )


@dataclass(frozen=True)
class ServiceRow:
    labels_with_tabs: str  # the labels, separated by tabs (one column each)
    icons_url: str
    width_mm: float  # of the icons image

    @property
    def css_class(self) -> str:
        """A class name for the row's image (the same services at the same size share it)."""
        return "r-" + "".join(c if c.isalnum() else "-" for c in self.icons_url)


# Columns of the services list per density: (columns, column width, icon size) in mm.
SERVICE_COLUMNS = {"normal": (3, 60, 7), "compact": (4, 45, 6), "tight": (5, 36, 4.5)}


def _service_rows(services, density: str) -> list[ServiceRow]:
    columns, width, icon = SERVICE_COLUMNS[density]
    rows = []
    for start in range(0, len(services), columns):
        row = list(services[start : start + columns])
        rows.append(
            ServiceRow(
                "\t".join(label("service", s) for s in row),
                icon_row_url(row, width, icon),
                width * (len(row) - 1) + icon,
            )
        )
    return rows


def qr_images(points: list[PublicPoint], base_url: str) -> dict[str, QrImage]:
    return {p.code: qr_image(public_url(base_url, p.code)) for p in points}


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


@contextmanager
def _collect_only_new_objects() -> Iterator[None]:
    """WeasyPrint makes millions of small objects, and Python's full garbage collections then
    walk the whole application heap too (a tenth of a batch's time). Frozen objects are left
    out of those walks; what the render makes is still collected as usual."""
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()


def render_notices(points: list[PublicPoint], lang: str, base_url: str, printed_on: date) -> bytes:
    """One PDF, one A4 page per point, in the order given."""
    with _collect_only_new_objects():
        return _render(points, lang, base_url, printed_on)


def _render(points: list[PublicPoint], lang: str, base_url: str, printed_on: date) -> bytes:
    html_class, fetcher_class = _weasyprint()
    qr = qr_images(points, base_url)
    fetcher = fetcher_class(qr)
    density = {p.code: DENSITIES[0] for p in points}
    codes = [p.code for p in points]
    anchors = False  # only needed to find which sheet overflowed (anchors cost time)
    while True:
        html = notices_html(points, lang, base_url, printed_on, density, qr, anchors)
        document = html_class(string=html, url_fetcher=fetcher).render()
        if len(document.pages) == len(points):
            return document.write_pdf()
        if anchors:
            denser = [c for c in _overflowing(document, codes) if density[c] != DENSITIES[-1]]
            if not denser:  # the densest layout overflows too: print it as it is
                return document.write_pdf()
            for code in denser:
                density[code] = DENSITIES[DENSITIES.index(density[code]) + 1]
        anchors = True


def render_notices_in_chunks(
    points: list[PublicPoint],
    lang: str,
    base_url: str,
    printed_on: date,
    out: BinaryIO,
    progress: Callable[[int], None] | None = None,
    chunk: int = CHUNK_SHEETS,
) -> None:
    """The batch of render_notices, rendered `chunk` sheets at a time and joined into `out`
    (one page per point, in the order given); `progress(sheets done)` after each part."""
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter()
    for start in range(0, len(points), chunk):
        # The last part's garbage goes now: render_notices freezes what is on the heap.
        gc.collect()
        part = PdfReader(
            io.BytesIO(render_notices(points[start : start + chunk], lang, base_url, printed_on))
        )
        if start == 0 and part.metadata:
            writer.add_metadata(dict(part.metadata))
        writer.append(part)
        if progress is not None:
            progress(min(start + chunk, len(points)))
    writer.write(out)
