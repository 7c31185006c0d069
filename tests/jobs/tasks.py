"""Targets of run_later in the tests (imported by name, also by worker processes)."""

from __future__ import annotations

from pathlib import Path

from flask import current_app


def write_marker(path: str, words: list[str]) -> None:
    """Proves it ran, with its arguments, inside an app context."""
    Path(path).write_text(" ".join(words) + " " + current_app.config["PUBLIC_BASE_URL"])


def fail(path: str) -> None:
    Path(path).write_text("started")
    raise RuntimeError("a task that fails")
