"""deploy/: the systemd units pass `systemd-analyze verify`, and the backup script keeps the
newest BACKUP_KEEP backups, deletes nothing when the backup fails, and makes a real backup."""

from __future__ import annotations

import gzip
import os
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
DEPLOY = ROOT / "deploy"
UNITS = sorted(
    p.name for p in DEPLOY.glob("trygghetspunkt-*") if p.suffix in (".service", ".timer")
)
APP = "opt/trygghetspunkt"


def test_deploy_has_the_app_worker_and_both_timers():
    assert UNITS == [
        "trygghetspunkt-backup.service",
        "trygghetspunkt-backup.timer",
        "trygghetspunkt-readiness.service",
        "trygghetspunkt-readiness.timer",
        "trygghetspunkt-web.service",
        "trygghetspunkt-worker.service",
    ]


def test_systemd_units_verify_in_a_root_with_the_app_installed(tmp_path):
    """`systemd-analyze verify` against a root where the app's programs exist (it checks that
    every command is executable), with the host's own system units."""
    for program in (
        f"{APP}/.venv/bin/flask",
        f"{APP}/.venv/bin/gunicorn",
        f"{APP}/deploy/backup.sh",
    ):
        path = tmp_path / program
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("#!/bin/sh\n")
        path.chmod(0o755)
    (tmp_path / "usr/lib/systemd").mkdir(parents=True)
    shutil.copytree("/usr/lib/systemd/system", tmp_path / "usr/lib/systemd/system", symlinks=True)
    (tmp_path / "usr/bin").mkdir()
    shutil.copy("/bin/kill", tmp_path / "usr/bin/kill")
    (tmp_path / "bin").symlink_to("usr/bin")
    (tmp_path / "lib").symlink_to("usr/lib")
    units = tmp_path / "etc/systemd/system"
    units.mkdir(parents=True)
    for unit in UNITS:
        shutil.copy(DEPLOY / unit, units / unit)
    done = subprocess.run(
        ["systemd-analyze", "verify", f"--root={tmp_path}", *UNITS],
        cwd=units,
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0 and done.stderr == "", done.stderr


def test_units_run_as_their_own_user_with_a_read_only_system():
    for unit in UNITS:
        if unit.endswith(".service"):
            text = (DEPLOY / unit).read_text()
            for setting in (
                "User=trygghetspunkt",
                "EnvironmentFile=/etc/trygghetspunkt/env",
                "ProtectSystem=strict",
                "PrivateTmp=yes",
                "NoNewPrivileges=yes",
            ):
                assert setting in text.splitlines(), (unit, setting)


def test_environment_example_holds_no_secret():
    lines = (DEPLOY / "trygghetspunkt.env.example").read_text().splitlines()
    assert "SECRET_KEY=" in lines  # empty: made on the server, never in the repository
    assert any(line.startswith("DATABASE_URL=") and "CHANGE-ME" in line for line in lines)


def fake_flask(tmp_path: Path, exit_code: int = 0) -> Path:
    """A stand-in for `flask --app wsgi backup FILE` that writes FILE (or fails)."""
    script = tmp_path / "flask"
    script.write_text(f'#!/bin/sh\n[ {exit_code} -eq 0 ] || exit {exit_code}\necho backup > "$4"\n')
    script.chmod(0o755)
    return script


def run_backup(tmp_path: Path, folder: Path, keep: str, flask: Path):
    env = {**os.environ, "BACKUP_DIR": str(folder), "BACKUP_KEEP": keep, "FLASK": str(flask)}
    return subprocess.run(
        [str(DEPLOY / "backup.sh")], cwd=ROOT, env=env, capture_output=True, text=True
    )


@pytest.fixture
def folder_with_old_backups(tmp_path):
    folder = tmp_path / "backups"
    folder.mkdir()
    for day in ("20261101", "20261102", "20261103"):
        (folder / f"backup-{day}T033000Z.json.gz").write_text("old")
    (folder / "notes.txt").write_text("not a backup")
    return folder


def test_backup_script_keeps_the_newest_backups(tmp_path, folder_with_old_backups):
    done = run_backup(tmp_path, folder_with_old_backups, "2", fake_flask(tmp_path))
    assert done.returncode == 0, done.stderr
    left = sorted(p.name for p in folder_with_old_backups.iterdir())
    assert len(left) == 3 and left[0] == "backup-20261103T033000Z.json.gz"
    assert left[1].startswith("backup-2") and left[1] > left[0]  # today's, in UTC
    assert left[2] == "notes.txt"


def test_backup_script_deletes_nothing_when_the_backup_fails(tmp_path, folder_with_old_backups):
    before = sorted(folder_with_old_backups.iterdir())
    done = run_backup(tmp_path, folder_with_old_backups, "1", fake_flask(tmp_path, exit_code=1))
    assert done.returncode != 0
    assert sorted(folder_with_old_backups.iterdir()) == before


def test_backup_script_refuses_a_keep_that_is_not_a_count(tmp_path, folder_with_old_backups):
    for keep in ("0", "-1", "many"):
        done = run_backup(tmp_path, folder_with_old_backups, keep, fake_flask(tmp_path))
        assert done.returncode == 2 and "BACKUP_KEEP" in done.stderr
    assert len(list(folder_with_old_backups.iterdir())) == 4


def test_backup_script_makes_a_real_backup(tmp_path):
    folder = tmp_path / "backups"
    folder.mkdir()
    database = f"sqlite:///{tmp_path / 'register.sqlite3'}"
    flask = Path(os.environ.get("VIRTUAL_ENV", ROOT / ".venv")) / "bin" / "flask"
    env = {**os.environ, "DATABASE_URL": database, "SECRET_KEY": "test-only"}
    subprocess.run([str(flask), "--app", "wsgi", "init-db"], cwd=ROOT, env=env, check=True)
    done = subprocess.run(
        [str(DEPLOY / "backup.sh")],
        cwd=ROOT,
        env={**env, "BACKUP_DIR": str(folder), "FLASK": str(flask)},
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr
    [made] = folder.iterdir()
    assert made.stat().st_mode & 0o077 == 0  # password hashes inside: the owner's only
    assert b'"format":"trygghetspunktsregistret-backup"' in gzip.decompress(made.read_bytes())[:200]
