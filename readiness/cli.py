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

    @app.cli.command("count-points")
    def count_points():
        """Print how many active points the register holds."""
        from readiness.points.models import Point

        click.echo(db.session.scalar(select(func.count()).where(Point.archived_at.is_(None))))


def main() -> None:
    """Console script `readiness`: the same commands as `flask --app wsgi`."""
    from readiness import create_app

    FlaskGroup(create_app=lambda: create_app())(prog_name="readiness")
