"""Account administration (admins only): create accounts, set roles, assign staff to points."""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from readiness.auth.access import roles_required
from readiness.auth.models import ROLES, User
from readiness.auth.services import create_user, list_users, update_account
from readiness.errors import Invalid, NotFound
from readiness.extensions import db
from readiness.points.services import point_choices

bp = Blueprint("admin", __name__, url_prefix="/admin")


def _render(errors=None, values=None, status=200):
    return render_template(
        "admin/users.html",
        users=list_users(db.session),
        roles=ROLES,
        points=point_choices(db.session),
        errors=errors or {},
        values=values or {},
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
            db.session, form.get("email", ""), form.get("role", ""), form.get("password", "")
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
    ids = [int(v) for v in request.form.getlist("points") if v.isdigit()]
    try:
        update_account(
            db.session,
            user,
            role=request.form.get("role", ""),
            active="active" in request.form,
            point_ids=ids,
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
