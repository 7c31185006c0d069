"""CLI commands as thin wrappers around services.

Run as `flask --app wsgi COMMAND` or through the console script `readiness COMMAND`.
"""

from __future__ import annotations

import sys
from pathlib import Path

import click
from flask import Flask, current_app
from flask.cli import FlaskGroup
from flask_migrate import upgrade
from sqlalchemy import func, select

from readiness.auth.permissions import ACCOUNT_ROLES
from readiness.errors import DomainError
from readiness.extensions import db
from readiness.timeutil import as_utc


def _fail(error: DomainError) -> None:
    db.session.rollback()
    for field, messages in error.errors.items():
        for message in messages:
            click.echo(f"{field}: {message}", err=True)
    sys.exit(1)


def register(app: Flask) -> None:
    @app.cli.command("init-db")
    def init_db():
        """Create or upgrade the database schema (idempotent)."""
        uri = current_app.config["SQLALCHEMY_DATABASE_URI"]
        if uri.startswith("sqlite:///"):
            Path(uri.removeprefix("sqlite:///")).parent.mkdir(parents=True, exist_ok=True)
        upgrade(directory=current_app.extensions["migrate"].directory)
        click.echo("Database is up to date.")

    @app.cli.command("seed-demo")
    @click.option("--force", is_flag=True, help="Load even when the database has points.")
    @click.option("--if-empty", is_flag=True, help="Do nothing (and succeed) when not empty.")
    def seed_demo(force: bool, if_empty: bool):
        """Load the demo data set: two municipalities, points, demo accounts."""
        from readiness.demo import has_points, load_demo

        if has_points(db.session) and not force:
            if if_empty:
                click.echo("Database already has points; demo data not loaded.")
                return
            click.echo(
                "The database already has points. Use --force to add the demo data.", err=True
            )
            sys.exit(1)
        try:
            login_lines = load_demo(
                db.session,
                Path(current_app.instance_path),
                hash_method=current_app.config["PASSWORD_HASH_METHOD"],
            )
        except DomainError as error:
            _fail(error)
        from readiness.criteria.services import record_readiness
        from readiness.timeutil import today_in_sweden

        record_readiness(db.session, today_in_sweden(), current_app.config["CRITERIA_OVERRIDES"])
        db.session.commit()
        click.echo("Demo data loaded.")
        for line in login_lines:
            click.echo(line)

    @app.cli.command("create-user")
    @click.argument("email")
    @click.option("--role", type=click.Choice(ACCOUNT_ROLES), required=True)
    @click.option("--password-stdin", is_flag=True, help="Read the password from standard input.")
    @click.option("--point", "point_codes", multiple=True, help="Assign a point (code) to staff.")
    def create_user_command(email: str, role: str, password_stdin: bool, point_codes):
        """Create an account."""
        from readiness.auth.services import assign_points, create_user
        from readiness.points.models import Point

        if password_stdin:
            password = sys.stdin.readline().rstrip("\r\n")
        else:
            password = click.prompt("Password", hide_input=True, confirmation_prompt=True)
        try:
            user = create_user(
                db.session,
                email,
                role,
                password,
                hash_method=current_app.config["PASSWORD_HASH_METHOD"],
            )
        except DomainError as error:
            _fail(error)
        if point_codes:
            codes = [c.upper() for c in point_codes]
            points = list(db.session.scalars(select(Point).where(Point.code.in_(codes))))
            missing = sorted(set(codes) - {p.code for p in points})
            if missing:
                db.session.rollback()
                click.echo(f"point: unknown code(s) {', '.join(missing)}", err=True)
                sys.exit(1)
            assign_points(user, points)
        db.session.commit()
        click.echo(f"Created {user.email} ({user.role}).")

    @app.cli.command("set-password")
    @click.argument("email")
    @click.option("--password-stdin", is_flag=True, help="Read the password from standard input.")
    def set_password_command(email: str, password_stdin: bool):
        """Set a new password for an account; its sessions end."""
        from readiness.auth.services import find_user, set_password

        user = find_user(db.session, email)
        if user is None:
            click.echo(f"email: no account {email}", err=True)
            sys.exit(1)
        if password_stdin:
            password = sys.stdin.readline().rstrip("\r\n")
        else:
            password = click.prompt("Password", hide_input=True, confirmation_prompt=True)
        try:
            set_password(user, password, hash_method=current_app.config["PASSWORD_HASH_METHOD"])
        except DomainError as error:
            _fail(error)
        db.session.commit()
        click.echo(f"New password set for {user.email}; its sessions have ended.")

    @app.cli.command("create-token")
    @click.argument("email")
    @click.option("--label", default=None, help="What the token is for.")
    @click.option("--days", type=int, default=None, help="Expire after N days (default: never).")
    def create_token_command(email: str, label: str | None, days: int | None):
        """Create an API token; the token is the last line printed."""
        from readiness.auth.services import create_token

        try:
            token = create_token(db.session, email, label, days)
        except DomainError as error:
            _fail(error)
        db.session.commit()
        click.echo("Store this token now; it cannot be shown again:")
        click.echo(token)

    @app.cli.command("list-tokens")
    @click.argument("email", required=False)
    def list_tokens_command(email: str | None):
        """List API tokens (of one account when EMAIL is given): id, account, state, dates."""
        from readiness.auth.services import find_user, list_tokens, token_rows

        user = None
        if email:
            user = find_user(db.session, email)
            if user is None:
                click.echo(f"email: no account {email}", err=True)
                sys.exit(1)

        def when(moment) -> str:
            return as_utc(moment).strftime("%Y-%m-%d %H:%M") if moment else "-"

        click.echo("id\taccount\tstate\tcreated\tlast used\texpires\tlabel")
        for row in token_rows(list_tokens(db.session, user)):
            token = row.token
            fields = [token.id, token.user.email, row.state, when(token.created_at)]
            fields += [when(token.last_used_at), when(token.expires_at), token.label or ""]
            click.echo("\t".join(str(field) for field in fields))

    @app.cli.command("revoke-token")
    @click.argument("token_id", type=int)
    def revoke_token_command(token_id: int):
        """Revoke an API token by its id (see list-tokens); it stops working at once."""
        from readiness.auth.services import revoke_token

        try:
            token = revoke_token(db.session, token_id)
        except DomainError as error:
            _fail(error)
        db.session.commit()
        click.echo(f"Token {token.id} of {token.user.email} is revoked.")

    @app.cli.command("export-bundle")
    @click.argument("directory", type=click.Path(file_okay=False, path_type=Path))
    def export_bundle_command(directory: Path):
        """Write every public page as static HTML into DIRECTORY (open index.html)."""
        from readiness.public.bundle import BundleError, export_bundle

        try:
            files = export_bundle(db.session, directory)
        except BundleError as error:
            raise click.ClickException(str(error)) from None
        click.echo(f"Wrote {len(files)} pages to {directory}; open {directory / 'index.html'}.")

    @app.cli.command("render-public")
    def render_public_command():
        """Write every public page, list, feed and the GeoJSON into PUBLIC_STATIC_DIR and remove
        stale ones (after a deploy or a restore; the app keeps them current after each change)."""
        import time

        from readiness.public.static import StaticError, render_all

        started = time.perf_counter()
        try:
            files = render_all()
        except StaticError as error:
            raise click.ClickException(str(error)) from None
        click.echo(
            f"Public pages in {files.root}: {len(files.written)} files, {len(files.changed)} "
            f"changed or removed, in {time.perf_counter() - started:.1f} s."
        )

    @app.cli.command("record-readiness")
    def record_readiness_command():
        """Store today's readiness of every point whose result moved (run daily: cron/timer).

        Edits record their own effect at once; this catches what moves with the date alone,
        such as a test run growing too old overnight."""
        from readiness.criteria.services import record_readiness
        from readiness.timeutil import today_in_sweden

        stored = record_readiness(
            db.session, today_in_sweden(), current_app.config["CRITERIA_OVERRIDES"]
        )
        db.session.commit()
        click.echo(f"Readiness recorded: {stored} point(s) changed since their last record.")

    @app.cli.command("backup")
    @click.argument("file", type=click.Path(path_type=Path))
    def backup_command(file: Path):
        """Write the whole database to FILE (gzip JSON with a checksum). It holds password
        and token hashes: keep it as safe as the database."""
        from readiness.backup import BackupError, Schema, backup_to_path

        schema = Schema.from_migrations(current_app.extensions["migrate"].directory)
        try:
            done = backup_to_path(db.engine, file, metadata=db.metadata, schema=schema)
        except BackupError as error:
            click.echo(f"backup: {error}", err=True)
            sys.exit(1)
        click.echo(
            f"Backup written to {file}: {done.total} rows in {len(done.rows)} tables, "
            f"{done.size:,} bytes, schema revision {done.meta['schema_revision']}."
        )

    @app.cli.command("restore")
    @click.argument("file", type=click.Path(path_type=Path))
    def restore_command(file: Path):
        """Restore FILE (made by `backup`) into this EMPTY database, all or nothing; run
        init-db on the new database first."""
        from readiness.backup import BackupError, Schema, restore_from_path

        schema = Schema.from_migrations(current_app.extensions["migrate"].directory)
        try:
            done = restore_from_path(db.engine, file, metadata=db.metadata, schema=schema)
        except BackupError as error:
            click.echo(f"restore: {error} Nothing was changed.", err=True)
            sys.exit(1)
        click.echo(
            f"Restored {done.total} rows in {len(done.rows)} tables from {file} "
            f"(made {done.meta['created_at']}, app version {done.meta['app_version']})."
        )

    @app.cli.command("import-points")
    @click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
    @click.option("--dry-run", is_flag=True, help="Check the file and show what would change.")
    @click.option("--user", "email", help="The coordinator named in the history (default: system).")
    def import_points_command(file: Path, dry_run: bool, email: str | None):
        """Import points from an .xlsx or .csv file: every row or none (exit 1 and a report)."""
        from readiness.auth.actors import SYSTEM
        from readiness.auth.services import find_user
        from readiness.criteria.services import record_readiness
        from readiness.exchange.importing import import_file, report_lines, summary_lines
        from readiness.exchange.reading import MAX_FILE_BYTES
        from readiness.timeutil import today_in_sweden

        actor = find_user(db.session, email) if email else SYSTEM
        if actor is None:
            click.echo(f"user: no account {email}", err=True)
            sys.exit(1)
        with file.open("rb") as stream:
            data = stream.read(MAX_FILE_BYTES + 1)  # one byte more says "too large"
        try:
            result = import_file(db.session, file.name, data, actor)
        except DomainError as error:  # the account may not import
            _fail(error)
        if not result.ok:
            db.session.rollback()
            click.echo("\n".join(report_lines(result)), err=True)
            sys.exit(1)
        if dry_run:
            db.session.rollback()
        else:
            overrides = current_app.config["CRITERIA_OVERRIDES"]
            record_readiness(db.session, today_in_sweden(), overrides, result.changed_ids)
            db.session.commit()
        locale = current_app.config["BABEL_DEFAULT_LOCALE"]
        click.echo("\n".join(summary_lines(result, locale, dry_run=dry_run)))

    @app.cli.command("worker")
    @click.option("--burst", is_flag=True, help="Stop once the queues are empty.")
    def worker_command(burst: bool):
        """Run background jobs (batch prints, reports, imports, exports) from Redis."""
        if not current_app.config["REDIS_URL"]:
            click.echo(
                "No REDIS_URL is set, so there is no queue to work on: without it the app runs "
                "its jobs itself, in background threads of the web process. Set REDIS_URL "
                "(e.g. redis://127.0.0.1:6379/0) for the app and the worker to run them here.",
                err=True,
            )
            sys.exit(1)
        from readiness.jobs.worker import WorkerError, run_worker

        try:
            run_worker(current_app._get_current_object(), burst=burst)
        except WorkerError as error:
            click.echo(str(error), err=True)
            sys.exit(1)

    @app.cli.command("prune-jobs")
    def prune_jobs_command():
        """Remove expired job files and old jobs; fail jobs whose worker died (run daily)."""
        from readiness.jobs.services import prune_jobs
        from readiness.timeutil import utcnow

        done = prune_jobs(db.session, utcnow(), Path(current_app.config["JOB_RESULTS_DIR"]))
        db.session.commit()
        click.echo(
            f"Removed {done.files} file(s) and {done.rows} old job(s); "
            f"{done.interrupted} interrupted job(s) marked failed."
        )

    @app.cli.command("count-points")
    def count_points():
        """Print how many active points the register holds."""
        from readiness.points.models import Point

        click.echo(db.session.scalar(select(func.count()).where(Point.archived_at.is_(None))))


def main() -> None:
    """Console script `readiness`: the same commands as `flask --app wsgi`."""
    from readiness import create_app

    FlaskGroup(create_app=lambda: create_app())(prog_name="readiness")
