"""Account administration (admins only): create accounts, set roles, assign staff to points."""

from __future__ import annotations

from flask import Blueprint, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from readiness.auth.access import roles_required
from readiness.auth.models import User
from readiness.auth.passwords import MIN_PASSWORD_LENGTH
from readiness.auth.permissions import ACCOUNT_ROLES
from readiness.auth.services import (
    create_user,
    list_tokens,
    list_users,
    revoke_token,
    token_rows,
    update_account,
)
from readiness.errors import Invalid, NotFound
from readiness.extensions import db
from readiness.labels import choose_one_of
from readiness.points.queries import point_choices, points_by_ids
from readiness.validation import parse_whole_number, unknown_choice

bp = Blueprint("admin", __name__, url_prefix="/admin")


def _in_words(errors: dict[str, list[str]]) -> dict[str, list[str]]:
    """A role outside the list is named as the form's options name it, not by its stored key."""
    return {
        field: [
            choose_one_of("user_role") if m == unknown_choice(ACCOUNT_ROLES) else m
            for m in messages
        ]
        for field, messages in errors.items()
    }


def _render(errors=None, values=None, status=200):
    return render_template(
        "admin/users.html",
        users=list_users(db.session),
        roles=ACCOUNT_ROLES,
        points=point_choices(db.session),
        tokens=token_rows(list_tokens(db.session)),
        errors=_in_words(errors or {}),
        values=values or {},
        min_password_length=MIN_PASSWORD_LENGTH,
    ), status


@bp.get("/users")
@roles_required("admin")
def users():
    return _render()


@bp.post("/users")
@roles_required("admin")
def create():
    form = request.form
    try:
        user = create_user(
            db.session,
            form.get("email", ""),
            form.get("role", ""),
            form.get("password", ""),
            hash_method=current_app.config["PASSWORD_HASH_METHOD"],
        )
    except Invalid as error:
        db.session.rollback()
        return _render(error.errors, {"email": form.get("email"), "role": form.get("role")}, 422)
    db.session.commit()
    flash(_("The account %(email)s was created.", email=user.email))
    return redirect(url_for("admin.users"))


@bp.post("/users/<int:user_id>")
@roles_required("admin")
def update(user_id: int):
    user = db.session.get(User, user_id)
    if user is None:
        raise NotFound()
    # "²" passes str.isdigit() and 10**30 is no id: read ids as plain digits within range.
    ids = [n for v in request.form.getlist("points") if (n := parse_whole_number(v, minimum=1))]
    try:
        update_account(
            db.session,
            user,
            role=request.form.get("role", ""),
            active="active" in request.form,
            points=points_by_ids(db.session, ids),
            acting_user=current_user,
        )
    except Invalid as error:
        db.session.rollback()
        return _render(
            {f"user-{user_id}": [m for ms in error.errors.values() for m in ms]}, status=422
        )
    db.session.commit()
    flash(_("The account %(email)s was updated.", email=user.email))
    return redirect(url_for("admin.users"))


@bp.post("/tokens/<int:token_id>/revoke")
@roles_required("admin")
def revoke_token_of_anyone(token_id: int):
    token = revoke_token(db.session, token_id)
    db.session.commit()
    flash(
        _(
            "The token %(label)s of %(email)s was revoked.",
            label=token.label or f"#{token.id}",
            email=token.user.email,
        )
    )
    return redirect(url_for("admin.users", _anchor="tokens"))
