"""Accounts and API tokens as plain functions."""

from __future__ import annotations

import hashlib
import secrets

from email_validator import EmailNotValidError, validate_email
from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select
from sqlalchemy.orm import Session
from werkzeug.security import check_password_hash, generate_password_hash

from readiness.auth.models import ROLES, ApiToken, User
from readiness.errors import Invalid, NotFound
from readiness.validation import unknown_choice

MIN_PASSWORD_LENGTH = 10
# A hash to compare against when the e-mail is unknown, so both paths take the same time.
_DUMMY_HASH = generate_password_hash("not-a-real-password")


def normalise_email(email: str) -> str:
    try:
        return validate_email(email.strip(), check_deliverability=False).normalized.lower()
    except EmailNotValidError:
        raise Invalid({"email": [str(_l("Not a valid e-mail address."))]}) from None


def find_user(session: Session, email: str) -> User | None:
    return session.scalars(
        select(User).where(func.lower(User.email) == email.strip().lower())
    ).first()


def create_user(session: Session, email: str, role: str, password: str) -> User:
    errors: dict[str, list[str]] = {}
    try:
        email = normalise_email(email)
    except Invalid as error:
        errors.update(error.errors)
    if role not in ROLES:
        errors["role"] = [unknown_choice(ROLES)]
    if len(password or "") < MIN_PASSWORD_LENGTH:
        errors["password"] = [str(_l("At least %(min)s characters.", min=MIN_PASSWORD_LENGTH))]
    if not errors and find_user(session, email) is not None:
        errors["email"] = [str(_l("An account with this e-mail already exists."))]
    if errors:
        raise Invalid(errors)
    user = User(email=email, role=role, password_hash=generate_password_hash(password))
    session.add(user)
    session.flush()
    return user


def set_password(user: User, password: str) -> None:
    if len(password or "") < MIN_PASSWORD_LENGTH:
        raise Invalid(
            {"password": [str(_l("At least %(min)s characters.", min=MIN_PASSWORD_LENGTH))]}
        )
    user.password_hash = generate_password_hash(password)


def authenticate(session: Session, email: str, password: str) -> User | None:
    user = find_user(session, email or "")
    if user is None:
        check_password_hash(_DUMMY_HASH, password or "")
        return None
    if not user.active or not check_password_hash(user.password_hash, password or ""):
        return None
    return user


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def create_token(session: Session, email: str, label: str | None = None) -> str:
    """Create an API token and return it; only its digest is stored."""
    user = find_user(session, email)
    if user is None:
        raise NotFound({"email": [str(_l("No account with this e-mail."))]})
    token = "tp_" + secrets.token_urlsafe(32)
    session.add(ApiToken(user=user, token_hash=_digest(token), label=label))
    session.flush()
    return token


def user_for_token(session: Session, token: str) -> User | None:
    if not token:
        return None
    found = session.scalars(
        select(ApiToken).where(ApiToken.token_hash == _digest(token), ApiToken.revoked_at.is_(None))
    ).first()
    if found is None or not found.user.active:
        return None
    return found.user


def assign_points(user: User, points: list) -> None:
    for point in points:
        if point not in user.assigned_points:
            user.assigned_points.append(point)


def update_account(
    session: Session, user: User, *, role: str, active: bool, point_ids: list[int], acting_user
) -> None:
    """Change an account's role, whether it may log in, and the points it is assigned."""
    from readiness.points.models import Point

    if role not in ROLES:
        raise Invalid({"role": [unknown_choice(ROLES)]})
    if user.id == acting_user.id and (role != "admin" or not active):
        raise Invalid({"role": [str(_l("You cannot remove your own administrator access."))]})
    user.role = role
    user.active = active
    points = (
        list(session.scalars(select(Point).where(Point.id.in_(point_ids)))) if point_ids else []
    )
    user.assigned_points = points if role == "staff" else []


def list_users(session: Session) -> list[User]:
    return list(session.scalars(select(User).order_by(User.email)))
