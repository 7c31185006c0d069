"""Login and logout for the web UI."""

from __future__ import annotations

from urllib.parse import urlsplit

from flask import Blueprint, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_user, logout_user
from sqlalchemy.exc import SQLAlchemyError

from readiness.auth.access import bind_session, roles_required
from readiness.auth.passwords import MIN_PASSWORD_LENGTH
from readiness.auth.permissions import ACCOUNT_ROLES
from readiness.auth.services import (
    authenticate,
    change_password,
    end_sessions,
    issue_token,
    list_tokens,
    revoke_token,
    token_rows,
)
from readiness.auth.throttle import login_blocked, record_failed_login
from readiness.errors import Invalid
from readiness.extensions import db
from readiness.validation import forbidden_character
from readiness.yearwheel.services import feed_of

bp = Blueprint("auth", __name__)


def _safe_next(target: str | None) -> str:
    """Only follow same-site relative redirects after login (no open redirect): a path without
    control characters (CR/LF would split the Location header) or backslashes (browsers read
    `/\\host` as `//host`)."""
    if (
        target
        and target.startswith("/")
        and not target.startswith("//")
        and "\\" not in target
        and forbidden_character(target) is None
        and not urlsplit(target).netloc
    ):
        return target
    return url_for("points.index")


@bp.route("/login", methods=["GET", "POST"])
def login():
    if current_user.is_authenticated:
        return redirect(url_for("points.index"))
    error, status = None, 200
    email = request.form.get("email", "")
    if request.method == "POST":
        client = request.remote_addr or "unknown"
        if login_blocked(client):
            error, status = _("Too many failed attempts. Wait 15 minutes and try again."), 429
        else:
            user = authenticate(
                db.session,
                email,
                request.form.get("password", ""),
                hash_method=current_app.config["PASSWORD_HASH_METHOD"],
            )
            if user is not None:
                login_user(user)
                bind_session(user)
                return redirect(_safe_next(request.args.get("next")))
            record_failed_login(client)
            error, status = _("Wrong e-mail or password."), 401
    return render_template("auth/login.html", error=error, email=email), status


@bp.route("/logout", methods=["POST"])
def logout():
    # Ends every session of the account, so a copied cookie is worthless after logout.
    end_sessions(current_user)
    try:
        db.session.commit()
    except SQLAlchemyError as error:  # e.g. a read-only database: still log this browser out
        db.session.rollback()
        current_app.logger.warning("Logout could not end the account's other sessions: %s", error)
    logout_user()
    flash(_("You are logged out."))
    return redirect(url_for("auth.login"))


def _account_page(errors=None, values=None, new_token=None, status=200):
    tokens = token_rows(list_tokens(db.session, current_user))
    response = render_template(
        "auth/account.html",
        tokens=tokens,
        calendar_feed=feed_of(db.session, current_user),
        new_token=new_token,
        errors=errors or {},
        values=values or {},
        min_password_length=MIN_PASSWORD_LENGTH,
    )
    # The page may show a new token: keep it out of every cache.
    return response, status, {"Cache-Control": "no-store"}


@bp.get("/account")
@roles_required(*ACCOUNT_ROLES)
def account():
    return _account_page()


@bp.post("/account/tokens")
@roles_required(*ACCOUNT_ROLES)
def create_account_token():
    form = request.form
    try:
        token, _record = issue_token(db.session, current_user, form.get("label"), form.get("days"))
    except Invalid as error:
        db.session.rollback()
        values = {"label": form.get("label"), "days": form.get("days")}
        return _account_page(error.errors, values, status=422)
    db.session.commit()
    # Shown on this response only (never redirected through the session cookie).
    return _account_page(new_token=token, status=201)


@bp.post("/account/tokens/<int:token_id>/revoke")
@roles_required(*ACCOUNT_ROLES)
def revoke_account_token(token_id: int):
    token = revoke_token(db.session, token_id, owner=current_user)
    db.session.commit()
    flash(_("The token %(label)s was revoked.", label=token.label or f"#{token.id}"))
    return redirect(url_for("auth.account"))


@bp.post("/account/password")
@roles_required(*ACCOUNT_ROLES)
def change_account_password():
    form = request.form
    try:
        change_password(
            current_user,
            form.get("current_password", ""),
            form.get("new_password", ""),
            form.get("confirm_password", ""),
            hash_method=current_app.config["PASSWORD_HASH_METHOD"],
        )
    except Invalid as error:
        db.session.rollback()
        return _account_page(error.errors, status=422)
    db.session.commit()
    bind_session(current_user)  # this browser stays logged in; every other session ends
    flash(_("Your password was changed. Other sessions of your account have ended."))
    return redirect(url_for("auth.account"))
