"""Rules for new passwords after NIST SP 800-63B: length and a blocklist, no composition rules.

Checked only when a password is set, so existing accounts keep logging in with theirs.
"""

from __future__ import annotations

import re
from functools import cache

from flask_babel import lazy_gettext as _l

MIN_PASSWORD_LENGTH = 12
# Long passphrases are welcome; the cap only keeps hashing a pasted megabyte off the server.
MAX_PASSWORD_LENGTH = 256

# Runs a person types without thinking: digits, the alphabet and keyboard rows (US and Swedish).
_SEQUENCES = (
    "01234567890123456789",
    "abcdefghijklmnopqrstuvwxyzåäöabcdefghijklmnopqrstuvwxyzåäö",
    "abcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyz",
    "qwertyuiopasdfghjklzxcvbnm",
    "qwertyuiopåasdfghjklöäzxcvbnm",
    "1qaz2wsx3edc4rfv5tgb6yhn7ujm8ik,9ol.0p;/",
)
# Words an attacker tries first against this register (NIST: "context-specific words"), and
# Swedish favourites that the English-language leak lists rank low.
_LOCAL_COMMON = {
    "trygghetspunkt",
    "trygghetspunkter",
    "trygghetspunktsregistret",
    "trygghetspunktsregister",
    "beredskap",
    "krisberedskap",
    "lösenord",
    "lösenordet",
    "sommar",
    "vinter",
    "hösten",
    "våren",
    "sverige",
    "fotboll",
    "hammarby",
    "djurgården",
    "välkommen",
    "hemligt",
    "hemlighet",
    "kommunen",
}
_EDGE_NOISE = re.compile(r"^[\d\W_]+|[\d\W_]+$")


@cache
def _common_passwords() -> frozenset[str]:
    """The leaked-password list zxcvbn ships (30,000 most common), loaded once."""
    from zxcvbn.frequency_lists import FREQUENCY_LISTS

    return frozenset(FREQUENCY_LISTS["passwords"]) | _LOCAL_COMMON


def _is_repetition(text: str) -> bool:
    """`aaaaaaaaaaaa`, `abababababab`, `passwordpassword`: one short group over and over."""
    for size in range(1, len(text) // 2 + 1):
        unit = text[:size]
        if (unit * (len(text) // size + 1))[: len(text)] == text:
            return True
    return False


def _is_sequence(text: str) -> bool:
    """`123456789012`, `abcdefghijkl`, `qwertyuiopas`, and the same backwards."""
    return any(text in run or text in run[::-1] for run in _SEQUENCES)


def _mentions_email(text: str, email: str) -> bool:
    email = (email or "").strip().lower()
    if not email:
        return False
    local = email.partition("@")[0]
    pieces = {email}
    if len(local) >= 3:
        pieces.add(local)
    # The name in `anna.berg@…`: either part alone is as guessable as the whole.
    pieces.update(part for part in re.split(r"[._+-]", local) if len(part) >= 4)
    return any(piece in text for piece in pieces)


def _is_common(text: str) -> bool:
    """In the list as typed, or once digits and symbols at either end are dropped
    (`Password2024!`, `2024sommar`)."""
    common = _common_passwords()
    stripped = _EDGE_NOISE.sub("", text)
    return text in common or text.replace(" ", "") in common or stripped in common


def password_problems(password: str, email: str = "") -> list[str]:
    """What is wrong with a new password for the account `email`, in words (empty: fine)."""
    password = password or ""
    if not password.strip():
        return [str(_l("The password cannot be only spaces."))]
    if len(password) < MIN_PASSWORD_LENGTH:
        return [str(_l("At least %(min)s characters.", min=MIN_PASSWORD_LENGTH))]
    if len(password) > MAX_PASSWORD_LENGTH:
        return [str(_l("At most %(max)s characters.", max=MAX_PASSWORD_LENGTH))]
    text = password.lower()
    problems = []
    if _is_repetition(text):
        problems.append(_l("The password cannot be one character or group repeated."))
    elif _is_sequence(text):
        problems.append(_l("The password cannot be a simple sequence such as 123456 or abcdef."))
    if _mentions_email(text, email):
        problems.append(_l("The password cannot contain your e-mail address or the name in it."))
    if _is_common(text):
        problems.append(
            _l(
                "This password is on a list of common or leaked passwords. Choose another, "
                "for example a few unrelated words."
            )
        )
    return [str(problem) for problem in problems]
