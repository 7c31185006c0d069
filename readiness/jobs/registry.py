"""The kinds of job: what each checks when it is started and what it does when it runs.

A kind is two plain functions, registered with `@job_kind`:

    @job_kind("export", label=_l("Export of points"))
    def export(job: RunningJob) -> None:
        ...  # read job.params, call job.progress(done, total), write into job.result(...)

    @export.starter
    def start_export(session, params, user) -> Start: ...  # validate; 422 names the field

Kinds live in kinds.py. A kind that writes to the register does so in `job.session`: the runner
commits its writes together with the job's "finished", or rolls them back with "failed".
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, BinaryIO

from sqlalchemy.orm import Session


@dataclass(frozen=True)
class Start:
    """A kind's parameters as checked at the start, and the work expected (for the bar)."""

    params: dict
    total: int = 0


@dataclass
class JobKind:
    name: str
    label: Any  # a lazy_gettext string: "Notice sheets"
    run: Callable[[RunningJob], None]
    # Roles that may start (and retry) it; None: any logged-in account.
    roles: tuple[str, ...] | None = None
    start: Callable[[Session, dict, Any], Start] = lambda _session, params, _user: Start(params)

    def starter(self, function: Callable[[Session, dict, Any], Start]):
        """Decorator: the function that checks a new job's parameters."""
        self.start = function
        return function


KINDS: dict[str, JobKind] = {}


def result_path(results_dir: Path, job_id: str) -> Path:
    """A finished job's file (ids are URL-safe base64, never a name from the input)."""
    return results_dir / job_id


def part_path(results_dir: Path, job_id: str) -> Path:
    """The file while the job writes it: hidden, renamed to result_path only on success."""
    return results_dir / f".{job_id}.part"


def input_path(results_dir: Path, job_id: str) -> Path:
    """A file uploaded with the job (an import's file)."""
    return results_dir / f"{job_id}.input"


def job_kind(name: str, *, label, roles: tuple[str, ...] | None = None):
    """Register the decorated function as the runner of jobs of kind `name`."""

    def register(run: Callable[[RunningJob], None]) -> JobKind:
        kind = JobKind(name, label, run, roles)
        KINDS[name] = kind
        return kind

    return register


@dataclass
class RunningJob:
    """What a kind's function gets: its parameters, a session, the settings it needs, a way to
    report progress and the file to write its result into (kept only if the job finishes)."""

    id: str
    params: dict
    session: Session
    user: Any  # the account that started it (None once deleted)
    config: dict  # PUBLIC_BASE_URL, CRITERIA_OVERRIDES, ...
    results_dir: Path
    report_progress: Callable[[int, int], None]
    result_name: str | None = None
    result_type: str | None = None
    temp_path: Path | None = None
    counts: dict = field(default_factory=lambda: {"done": 0, "total": 0})

    def progress(self, done: int, total: int) -> None:
        self.counts.update(done=done, total=total)
        self.report_progress(done, total)

    @contextmanager
    def result(self, name: str, media_type: str) -> Iterator[BinaryIO]:
        """The result file, open for writing. It is written under a temporary name and renamed
        only when the whole job succeeded: nobody ever downloads half a file."""
        self.results_dir.mkdir(parents=True, exist_ok=True)
        self.temp_path = part_path(self.results_dir, self.id)
        self.result_name, self.result_type = name, media_type
        with self.temp_path.open("wb") as out:
            yield out

    def input_path(self) -> Path:
        return input_path(self.results_dir, self.id)
