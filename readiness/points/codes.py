"""Public point codes: short, unambiguous when read aloud or typed from a printed sheet."""

import secrets

# No 0/O, 1/I/L: a resident typing the code from a faded sheet cannot confuse them.
CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
CODE_LENGTH = 6


def new_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def looks_like_code(text: str) -> bool:
    return len(text) == CODE_LENGTH and all(c in CODE_ALPHABET for c in text)
