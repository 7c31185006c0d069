"""Read a response back as its consumer does, so a check of what it says (or must never say)
sees the words and not their encoding. A raw substring search is blind to encoding: Flask's
JSON writes "br\\u00e4nsleplan", HTML and XML write "Handlar&#39;n" and "&amp;", iCalendar
folds lines at 75 octets and writes "\\," and "\\;", a PDF wraps and hyphenates lines.

`readable(response)` picks the reader by the response's type and refuses a type it has no
reader for, so a new format cannot silently fall back to the raw bytes. `plain(text)` is what
every check compares against: one form of each character, line breaks and runs of spaces
(also non-breaking ones) as one space, soft hyphens and zero-width characters gone."""

from __future__ import annotations

import csv
import io
import json
import re
import subprocess
import tempfile
import unicodedata
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote
from xml.etree import ElementTree

_INVISIBLE = re.compile("[\u00ad\u180e\u200b-\u200f\u2060\ufeff]")


def plain(text: str) -> str:
    text = _INVISIBLE.sub("", unicodedata.normalize("NFKC", text))
    return " ".join(text.split())


def json_text(value) -> str:
    """Every key and value of decoded JSON, one a line."""
    if isinstance(value, dict):
        return "\n".join(f"{key}\n{json_text(item)}" for key, item in value.items())
    if isinstance(value, list):
        return "\n".join(json_text(item) for item in value)
    return "" if value is None else str(value)


class _Markup(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)  # &#39; &amp; &auml; -> the characters
        self.text: list[str] = []
        self.attributes: list[str] = []

    def handle_starttag(self, tag, attrs) -> None:
        # A link carries what it links to: tel:, mailto:, a percent-encoded query.
        self.attributes.extend(unquote(value) for _name, value in attrs if value)

    handle_startendtag = handle_starttag

    def handle_data(self, data) -> None:
        self.text.append(data)

    def handle_comment(self, data) -> None:
        self.text.append(data)  # not shown, but in every copy of the page


def html_text(markup: str) -> str:
    """The text a reader sees (a word split by a tag joined both ways: "Hem<b>lig</b>",
    "<td>Hemlig</td><td>Person</td>"), then every attribute value, entities resolved."""
    reader = _Markup()
    reader.feed(markup)
    reader.close()
    return "\n".join(("".join(reader.text), " ".join(reader.text), *reader.attributes))


def xml_text(data: bytes | str) -> str:
    """Every text, attribute value and comment of an XML document, as a parser reads them;
    read again as HTML too, as a feed reader shows an Atom `type="html"` text."""
    parser = ElementTree.XMLParser(target=ElementTree.TreeBuilder(insert_comments=True))
    root = ElementTree.fromstring(data, parser=parser)
    parts: list[str] = []
    for element in root.iter():
        parts.extend(filter(None, (element.text, element.tail, *element.attrib.values())))
    text = "\n".join(parts)
    return f"{text}\n{html_text(text)}"


_ICAL_ESCAPE = re.compile(r"\\([\\;,nN])")


def ics_text(data: bytes) -> str:
    """iCalendar (RFC 5545) as a calendar app reads it: folded lines joined again (a fold may
    split a character's UTF-8 bytes), then `\\,` `\\;` `\\\\` `\\n` unescaped."""
    unfolded = re.sub(rb"\r?\n[ \t]", b"", data).decode("utf-8")
    return _ICAL_ESCAPE.sub(lambda m: "\n" if m[1] in "nN" else m[1], unfolded)


def csv_text(data: bytes, delimiter: str = ";") -> str:
    """Every cell of a CSV file (quotes and doubled quotes undone), one a line."""
    rows = csv.reader(io.StringIO(data.decode("utf-8-sig")), delimiter=delimiter)
    return "\n".join(cell for row in rows for cell in row)


def pdf_words(pdf: bytes) -> str:
    """The text of a PDF in reading order and in the order it is drawn, each also with its
    lines joined at a line-end hyphen, the hyphen dropped ("bräns-" / "leplan") and kept
    ("KROKOM-" / "TP"): a wrapped phrase reads whole."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "doc.pdf"
        path.write_bytes(pdf)
        texts = [
            subprocess.run(
                ["pdftotext", *mode, str(path), "-"], check=True, capture_output=True, text=True
            ).stdout
            for mode in ((), ("-raw",))
        ]
    joined = [
        re.sub(r"(\w)([-\u00ad\u2010])\n\s*(\w)", rf"\1{hyphen}\3", text)
        for text in texts
        for hyphen in ("", r"\2")
    ]
    return "\n".join(texts + joined)


_READERS = {
    "application/json": lambda r: json_text(r.get_json()),
    "application/geo+json": lambda r: json_text(json.loads(r.data)),
    "text/html": lambda r: html_text(r.get_data(as_text=True)),
    "application/xml": lambda r: xml_text(r.data),
    "application/atom+xml": lambda r: xml_text(r.data),
    "application/cap+xml": lambda r: xml_text(r.data),
    "text/calendar": lambda r: ics_text(r.data),
    "text/csv": lambda r: csv_text(r.data),
    "application/pdf": lambda r: pdf_words(r.data),
}


def readable(response) -> str:
    """The response's content as its consumer reads it (see the module's docstring)."""
    reader = _READERS.get(response.mimetype)
    assert reader is not None, f"no reader for {response.mimetype}: add one to tests/readback.py"
    return reader(response)
