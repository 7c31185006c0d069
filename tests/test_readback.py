"""The readers the privacy checks rely on find a phrase however its format encodes it."""

from __future__ import annotations

import json

import pytest
from flask import Response

from tests.readback import csv_text, html_text, ics_text, json_text, plain, readable, xml_text

PHRASE = "Hemliga Bröderna O'Hara & Co; Åre, Övre"


def test_json_reads_escaped_characters():
    body = json.dumps({"a": [{"b": PHRASE}]})  # ensure_ascii, as Flask writes it
    assert PHRASE not in body and PHRASE in json_text(json.loads(body))


def test_html_reads_entities_split_words_and_links():
    markup = (
        "<p>Hemliga <b>Bröderna</b> O&#39;Hara &amp; Co; &Aring;re, &#214;vre</p>"
        '<a href="mailto:hemlig%40secret.example">x</a><!-- Hem --><td>lig</td>'
    )
    text = plain(html_text(markup))
    assert PHRASE in text and "hemlig@secret.example" in text and "Hemlig" in text


def test_xml_reads_entities_attributes_and_html_inside_text():
    document = (
        '<feed><entry k="Hemliga Br&#246;derna"><summary type="html">'
        "&lt;p&gt;Hemliga Bröderna O&amp;#39;Hara &amp;amp; Co; Åre, Övre&lt;/p&gt;"
        "</summary></entry></feed>"
    )
    text = plain(xml_text(document.encode()))
    assert PHRASE in text and "Hemliga Bröderna" in text


def test_ics_reads_folded_lines_split_inside_a_character_and_escapes():
    line = "SUMMARY:Hemliga Bröderna O'Hara & Co\\; Åre\\, Övre".encode()
    cut = line.index("Ö".encode()) + 1  # the fold splits the two bytes of "Ö"
    data = b"BEGIN:VEVENT\r\n" + line[:cut] + b"\r\n " + line[cut:] + b"\r\nEND:VEVENT\r\n"
    assert PHRASE in ics_text(data)


def test_csv_reads_quoted_cells():
    data = '\ufeffa;"Hemliga Bröderna O\'Hara & Co; Åre, Övre";"say ""hi"""\r\n'.encode()
    assert PHRASE in csv_text(data).splitlines() and 'say "hi"' in csv_text(data)


def test_plain_joins_wrapped_and_non_breaking_spaces():
    assert plain("Hemlig\n   bränsle\u00adplan\u00a0x") == "Hemlig bränsleplan x"


def test_readable_refuses_a_type_it_cannot_read():
    with pytest.raises(AssertionError, match="no reader for image/png"):
        readable(Response(b"", mimetype="image/png"))
