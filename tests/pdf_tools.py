"""Read PDFs back as a person would see them: text (pdftotext), words and their boxes,
pages, pixels, QR codes."""

from __future__ import annotations

import subprocess
from dataclasses import dataclass
from pathlib import Path
from xml.etree import ElementTree


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
    """One page as a lossless image: a PPM file, the very pixels of pdftoppm's PNG without the
    PNG compression, which took four fifths of the time (zbarimg and OpenCV read both)."""
    path = tmp_path / "page.pdf"
    path.write_bytes(pdf)
    subprocess.run(
        [
            "pdftoppm",
            "-r",
            str(dpi),
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
    return tmp_path / "page.ppm"


def decode_qr(png: Path) -> list[str]:
    """The text of every QR code on the image, one item per code; fails when none decodes,
    so a check of what the code says can never pass on an empty result."""
    result = subprocess.run(
        ["zbarimg", "--quiet", "--raw", "-Sdisable", "-Sqrcode.enable", str(png)],
        capture_output=True,
        text=True,
    )
    # zbarimg exits 4 when it finds no symbol, other non-zero codes on errors.
    assert result.returncode == 0, (
        f"no QR code decoded from {png.name} (zbarimg exit {result.returncode}: "
        f"{result.stderr.strip()})"
    )
    codes = result.stdout.splitlines()
    assert codes and all(codes), f"no QR code decoded from {png.name}"
    return codes


@dataclass(frozen=True)
class Box:
    """A rectangle on the page in millimetres from the top left corner."""

    left: float
    top: float
    right: float
    bottom: float

    def overlaps(self, other: Box) -> bool:
        return (
            self.left < other.right
            and other.left < self.right
            and self.top < other.bottom
            and other.top < self.bottom
        )

    @property
    def width(self) -> float:
        return self.right - self.left


MM_PER_POINT = 25.4 / 72


def qr_symbol_box(png: Path, dpi: int) -> Box:
    """The QR symbol's box (modules only, without the quiet zone), found by OpenCV's detector."""
    import cv2

    image = cv2.imread(str(png), cv2.IMREAD_GRAYSCALE)
    # The ArUco-based detector finds the finder patterns among a page of text, where the
    # classic one sometimes gives up.
    found, corners = cv2.QRCodeDetectorAruco().detect(image)
    if not found:
        found, corners = cv2.QRCodeDetector().detect(image)
    assert found, "no QR code found on the page"
    xs, ys = corners[0][:, 0], corners[0][:, 1]
    mm = 25.4 / dpi
    return Box(xs.min() * mm, ys.min() * mm, xs.max() * mm, ys.max() * mm)


def word_boxes(pdf: bytes, tmp_path: Path, page: int = 1) -> list[tuple[str, Box]]:
    """Every word on the page with its box (pdftotext -bbox), in millimetres."""
    path = tmp_path / "words.pdf"
    path.write_bytes(pdf)
    xhtml = subprocess.run(
        ["pdftotext", "-bbox", "-f", str(page), "-l", str(page), str(path), "-"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    words = []
    for element in ElementTree.fromstring(xhtml).iter("{http://www.w3.org/1999/xhtml}word"):
        box = Box(*(float(element.get(k)) * MM_PER_POINT for k in ("xMin", "yMin", "xMax", "yMax")))
        words.append((element.text or "", box))
    return words


def page_size_mm(pdf: bytes, tmp_path: Path) -> tuple[float, float]:
    path = tmp_path / "size.pdf"
    path.write_bytes(pdf)
    info = subprocess.run(["pdfinfo", str(path)], check=True, capture_output=True, text=True)
    line = next(line for line in info.stdout.splitlines() if line.startswith("Page size:"))
    width, _x, height = line.split()[2:5]
    return float(width) * MM_PER_POINT, float(height) * MM_PER_POINT
