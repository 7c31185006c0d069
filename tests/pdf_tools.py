"""Read PDFs back as a person would see them: text (pdftotext), pages, pixels, QR codes."""

from __future__ import annotations

import subprocess
from pathlib import Path

from PIL import Image


def pdf_text(pdf: bytes, tmp_path: Path, name: str = "doc") -> str:
    path = tmp_path / f"{name}.pdf"
    path.write_bytes(pdf)
    return subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], check=True, capture_output=True, text=True
    ).stdout


def pdf_pages(pdf: bytes, tmp_path: Path) -> int:
    path = tmp_path / "pages.pdf"
    path.write_bytes(pdf)
    info = subprocess.run(["pdfinfo", str(path)], check=True, capture_output=True, text=True)
    return int(
        next(line for line in info.stdout.splitlines() if line.startswith("Pages:")).split()[1]
    )


def page_png(pdf: bytes, tmp_path: Path, dpi: int = 150, page: int = 1) -> Path:
    path = tmp_path / "page.pdf"
    path.write_bytes(pdf)
    subprocess.run(
        [
            "pdftoppm",
            "-r",
            str(dpi),
            "-png",
            "-f",
            str(page),
            "-l",
            str(page),
            "-singlefile",
            str(path),
            str(tmp_path / "page"),
        ],
        check=True,
    )
    return tmp_path / "page.png"


def decode_qr(png: Path) -> list[str]:
    result = subprocess.run(
        ["zbarimg", "--quiet", "--raw", "-Sdisable", "-Sqrcode.enable", str(png)],
        capture_output=True,
        text=True,
    )
    return result.stdout.split()


def qr_width_cm(png: Path, dpi: int) -> float:
    """Width of the dark square in the page's lower right corner (where the QR code is)."""
    image = Image.open(png).convert("L")
    width, height = image.size
    corner = image.crop((int(width * 0.55), int(height * 0.6), width, height))
    dark = corner.point(lambda v: 255 if v < 128 else 0)
    left, _top, right, _bottom = dark.getbbox()
    return (right - left) / dpi * 2.54
