"""The PDF readers the tests rely on fail loudly instead of returning nothing to check."""

from __future__ import annotations

import pytest
from PIL import Image

from tests.pdf_tools import decode_qr


def test_decode_qr_image_without_a_code_fails_instead_of_returning_nothing(tmp_path):
    blank = tmp_path / "blank.png"
    Image.new("L", (200, 200), 255).save(blank)
    with pytest.raises(AssertionError, match="no QR code decoded"):
        decode_qr(blank)


def test_decode_qr_image_with_a_code_returns_its_text(tmp_path):
    import qrcode

    path = tmp_path / "code.png"
    qrcode.make("https://tp.example.se/p/ABC123").save(path)
    assert decode_qr(path) == ["https://tp.example.se/p/ABC123"]
