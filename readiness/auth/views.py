"""Login and logout for the web UI."""

from __future__ import annotations

from urllib.parse import urlsplit

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_user, logout_user

from readiness.auth.services import authenticate
from readiness.auth.throttle import login_blocked, record_failed_login
from readiness.extensions import db

bp = Blueprint("auth", __name__)


def _safe_next(target: str | None) -> str:
    """Only follow same-site relative redirects after login (no open redirect)."""
    if (
        target
        and target.startswith("/")
        and not target.startswith("//")
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
            user = authenticate(db.session, email, request.form.get("password", ""))
            if user is not None:
                login_user(user)
                return redirect(_safe_next(request.args.get("next")))
            record_failed_login(client)
            error, status = _("Wrong e-mail or password."), 401
    return render_template("auth/login.html", error=error, email=email), status


@bp.route("/logout", methods=["POST"])
def logout():
    logout_user()
    flash(_("You are logged out."))
    return redirect(url_for("auth.login"))
