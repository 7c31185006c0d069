"""Login and logout for the web UI."""

from __future__ import annotations

from urllib.parse import urlsplit

from flask import Blueprint, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_user, logout_user

from readiness.auth.services import authenticate
from readiness.extensions import db, limiter

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
@limiter.limit(
    lambda: current_app.config["LOGIN_RATE_LIMIT"],
    methods=["POST"],
    deduct_when=lambda response: response.status_code != 302,
)
def login():
    if current_user.is_authenticated:
        return redirect(url_for("points.index"))
    error = None
    email = request.form.get("email", "")
    if request.method == "POST":
        user = authenticate(db.session, email, request.form.get("password", ""))
        if user is not None:
            login_user(user)
            return redirect(_safe_next(request.args.get("next")))
        error = _("Wrong e-mail or password.")
    status = 401 if error else 200
    return render_template("auth/login.html", error=error, email=email), status


@bp.route("/logout", methods=["POST"])
def logout():
    logout_user()
    flash(_("You are logged out."))
    return redirect(url_for("auth.login"))
