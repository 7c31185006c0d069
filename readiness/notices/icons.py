"""Service icons for the notice sheet: simple black strokes, drawn as PNG images.

The shapes are kept here as SVG; `scripts/render_icons.py` renders them to
static/img/icons/<service>.png. The sheet draws a row of services as one line of text with
tab stops and one image behind it that holds the row's icons at the same stops: eight inline
images would cost WeasyPrint as much again as the words. Only the sheet's own URL fetcher
(notices/pdf.py) resolves these images: rendering never fetches anything from elsewhere.
"""

from __future__ import annotations

import io
from functools import cache, lru_cache
from pathlib import Path
from urllib.parse import quote

from PIL import Image

ICON_DIR = Path(__file__).resolve().parents[2] / "static" / "img" / "icons"
# 96 pixels on a 7 mm icon is about 350 dpi: as sharp as a printer prints.
ICON_PIXELS = 96
ROW_SCHEME = "icons:"

SHAPES = {
    "heat": '<path d="M12 2c3 4 6 6 6 11a6 6 0 0 1-12 0c0-3 2-5 3-7 1 2 2 3 3 3 0-3-1-5 0-7z"/>',
    "water": '<path d="M12 2l6 9a6 6 0 1 1-12 0z"/>',
    "charging": '<path d="M13 2L4 14h7l-1 8 9-12h-7z"/>',
    "information": '<circle cx="12" cy="12" r="10"/><path d="M12 11v6M12 7v.5"/>',
    "first_aid": '<rect x="3" y="3" width="18" height="18" rx="2"/><path d="M12 7v10M7 12h10"/>',
    "toilet": '<path d="M6 3v8h12V3M6 11a6 6 0 0 0 12 0M9 17l-1 4h8l-1-4"/>',
    "food": '<path d="M3 11h18a9 9 0 0 1-18 0zM8 7c0-2 2-2 2-4M14 7c0-2 2-2 2-4"/>',
    "fuel": '<path d="M4 21V4a1 1 0 0 1 1-1h8a1 1 0 0 1 1 1v17M3 21h12M4 9h10M14 8l4 3v7a1 1 0 '
    '0 0 2 0V8l-3-3"/>',
    "payments": '<rect x="2" y="5" width="20" height="14" rx="2"/><path d="M2 10h20M6 15h4"/>',
    "shelter": '<path d="M3 11l9-8 9 8M5 10v11h14V10M10 21v-6h4v6"/>',
    "wifi": '<path d="M2 8a15 15 0 0 1 20 0M5 12a10 10 0 0 1 14 0M8.5 15.5a5 5 0 0 1 7 0'
    'M12 19h.01"/>',
}


def icon_svg(service: str) -> str:
    """The icon's SVG source, URL-quoted for a data: URI."""
    svg = (
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24" width="24" height="24" '
        'fill="none" stroke="#000" stroke-width="2" stroke-linecap="round" '
        f'stroke-linejoin="round">{SHAPES[service]}</svg>'
    )
    return quote(svg)


@cache
def icon_png(service: str) -> bytes:
    """The service's PNG icon (read once per process); KeyError for an unknown service."""
    if service not in SHAPES:
        raise KeyError(service)
    return (ICON_DIR / f"{service}.png").read_bytes()


def icon_row_url(services: list[str], column_mm: float, icon_mm: float) -> str:
    return f"{ROW_SCHEME}{column_mm}:{icon_mm}:{','.join(services)}"


@lru_cache(maxsize=512)
def icon_row_png(spec: str) -> bytes:
    """One image with the icons of a row of services, each at the start of its column.

    `spec` is what `icon_row_url` puts after the scheme: column width and icon size in mm,
    then the services. Icons keep their whole pixels (ICON_PIXELS per icon)."""
    column_mm, icon_mm, names = spec.split(":", 2)
    services = names.split(",")
    pixels_per_mm = ICON_PIXELS / float(icon_mm)
    column = round(float(column_mm) * pixels_per_mm)
    row = Image.new("L", (column * (len(services) - 1) + ICON_PIXELS, ICON_PIXELS), 255)
    for index, service in enumerate(services):
        icon = Image.open(io.BytesIO(icon_png(service))).convert("L")
        row.paste(icon, (index * column, 0))
    buffer = io.BytesIO()
    row.save(buffer, format="PNG")
    return buffer.getvalue()
