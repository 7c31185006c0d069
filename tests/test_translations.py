"""Swedish first: every user-facing string in code and templates has a Swedish translation."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parent.parent
SWEDISH = ROOT / "readiness/translations/sv/LC_MESSAGES/messages.po"
PLACEHOLDER = re.compile(r"%\(\w+\)s|\{\w+\}")


def _strings(message) -> list[str]:
    return list(message.string) if isinstance(message.string, tuple) else [message.string]


def test_every_string_in_the_code_is_in_the_swedish_catalogue(tmp_path):
    template = tmp_path / "messages.pot"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "babel.messages.frontend",
            "extract",
            "-F",
            "babel.cfg",
            "-k",
            "_l",
            "-k",
            "lazy_gettext",
            "-o",
            str(template),
            ".",
        ],
        cwd=ROOT,
        check=True,
        capture_output=True,
    )
    # A message with a context ("Source" of a criterion, not of power) is a message of its own.
    in_code = {(m.context, m.id) for m in read_po(template.open("rb")) if m.id}
    catalogue = read_po(SWEDISH.open("rb"))
    translated = {(m.context, m.id) for m in catalogue if m.id and all(_strings(m))}
    missing = in_code - translated
    assert (
        sorted(f"{context}|{msgid}" if context else str(msgid) for context, msgid in missing) == []
    )


def test_swedish_translations_keep_every_placeholder():
    for message in read_po(SWEDISH.open("rb")):
        if not message.id:
            continue
        source = message.id if isinstance(message.id, str) else message.id[0]
        for text in _strings(message):
            assert set(PLACEHOLDER.findall(text)) == set(PLACEHOLDER.findall(source)), source
