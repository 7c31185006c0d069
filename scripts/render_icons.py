"""Render the notice sheet's service icons (readiness/notices/icons.py) to PNG files.

Run after changing an icon: `.venv/bin/python scripts/render_icons.py`. Needs pdftoppm
(poppler-utils). The sheet uses the PNGs: a raster image costs WeasyPrint far less than
parsing SVG, and drawn without interpolation it prints sharp.
"""

from __future__ import annotations

import subprocess
import tempfile
from pathlib import Path

from PIL import Image
from weasyprint import HTML

from readiness.notices.icons import ICON_DIR, ICON_PIXELS, SHAPES, icon_svg

# 24 CSS px rendered at this many dpi gives ICON_PIXELS pixels.
DPI = ICON_PIXELS * 96 // 24


def main() -> None:
    ICON_DIR.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        for name in SHAPES:
            pdf = Path(tmp) / f"{name}.pdf"
            page = (
                "<style>@page{size:24px 24px;margin:0}body{margin:0}img{display:block}</style>"
                f'<img src="data:image/svg+xml;utf8,{icon_svg(name)}" width="24" height="24">'
            )
            HTML(string=page).write_pdf(pdf)
            stem = Path(tmp) / name
            subprocess.run(
                ["pdftoppm", "-r", str(DPI), "-gray", "-png", "-singlefile", str(pdf), str(stem)],
                check=True,
            )
            image = Image.open(f"{stem}.png").convert("L").resize((ICON_PIXELS, ICON_PIXELS))
            image.save(ICON_DIR / f"{name}.png", optimize=True)
            print(ICON_DIR / f"{name}.png")


if __name__ == "__main__":
    main()
