"""Accounts and API tokens as plain functions."""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import cache

from email_validator import EmailNotValidError, validate_email
from flask_babel import lazy_gettext as _l
from sqlalchemy import func, or_, select, update
from sqlalchemy.orm import Session, joinedload, selectinload
from werkzeug.security import check_password_hash, generate_password_hash

from readiness.auth.models import ApiToken, User
from readiness.auth.passwords import password_problems
from readiness.auth.permissions import ACCOUNT_ROLES
from readiness.config import DEFAULT_PASSWORD_HASH_METHOD
from readiness.errors import Invalid, NotFound
from readiness.timeutil import as_utc, utcnow
from readiness.validation import forbidden_character, unknown_choice

# Recording every API call would turn each read into a write; once a minute tells enough.
TOKEN_USE_RESOLUTION = timedelta(minutes=1)
MAX_TOKEN_DAYS = 3650
MAX_TOKEN_LABEL = 100


@cache
def _dummy_hash(method: str) -> str:
    """A hash to compare against when the e-mail is unknown, so both paths take the same time:
    made with the method the accounts' hashes are made with (scrypt, or the tests' cheap one)."""
    return generate_password_hash("not-a-real-password", method=method)


_dummy_hash(DEFAULT_PASSWORD_HASH_METHOD)  # made now, not on the first unknown e-mail


def normalise_email(email: str) -> str:
    try:
        return validate_email(email.strip(), check_deliverability=False).normalized.lower()
    except EmailNotValidError:
        raise Invalid({"email": [str(_l("Not a valid e-mail address."))]}) from None


def find_user(session: Session, email: str) -> User | None:
    return session.scalars(
        select(User).where(func.lower(User.email) == email.strip().lower())
    ).first()


def create_user(
    session: Session,
    email: str,
    role: str,
    password: str,
    *,
    hash_method: str = DEFAULT_PASSWORD_HASH_METHOD,
) -> User:
    """A new account. `hash_method` is the app's PASSWORD_HASH_METHOD (cheap only in tests)."""
    errors: dict[str, list[str]] = {}
    try:
        email = normalise_email(email)
    except Invalid as error:
        errors.update(error.errors)
    if role not in ACCOUNT_ROLES:
        errors["role"] = [unknown_choice(ACCOUNT_ROLES)]
    if problems := password_problems(password, email):
        errors["password"] = problems
    if not errors and find_user(session, email) is not None:
        errors["email"] = [str(_l("An account with this e-mail already exists."))]
    if errors:
        raise Invalid(errors)
    user = User(
        email=email,
        role=role,
        password_hash=generate_password_hash(password, method=hash_method),
    )
    session.add(user)
    session.flush()
    return user


def set_password(
    user: User, password: str, *, hash_method: str = DEFAULT_PASSWORD_HASH_METHOD
) -> None:
    """A new password for the account; every session of it ends (a stolen one included)."""
    if problems := password_problems(password, user.email):
        raise Invalid({"password": problems})
    user.password_hash = generate_password_hash(password, method=hash_method)
    end_sessions(user)


def change_password(
    user: User,
    current: str,
    new: str,
    confirmation: str,
    *,
    hash_method: str = DEFAULT_PASSWORD_HASH_METHOD,
) -> None:
    """The account holder changes their own password: the current one proves it is them."""
    errors: dict[str, list[str]] = {}
    if not check_password_hash(user.password_hash, current or ""):
        errors["current_password"] = [str(_l("This is not your current password."))]
    if problems := password_problems(new, user.email):
        errors["new_password"] = problems
    elif new != confirmation:
        errors["confirm_password"] = [str(_l("The two new passwords differ."))]
    if errors:
        raise Invalid(errors)
    set_password(user, new, hash_method=hash_method)


def end_sessions(user: User) -> None:
    """Invalidate every login session of the account (checked on each request)."""
    user.session_version = (user.session_version or 0) + 1


def authenticate(
    session: Session,
    email: str,
    password: str,
    *,
    hash_method: str = DEFAULT_PASSWORD_HASH_METHOD,
) -> User | None:
    """The account for this e-mail and password, or None. Every path checks one hash, so an
    unknown or locked account answers in the time a wrong password takes (the unknown one's
    against a dummy made with `hash_method`, the app's PASSWORD_HASH_METHOD)."""
    # An e-mail no account can have (NUL, a lone surrogate: PostgreSQL refuses to compare
    # them) is an unknown account, not a database error.
    user = None if forbidden_character(email or "") else find_user(session, email or "")
    stored = user.password_hash if user is not None else _dummy_hash(hash_method)
    matches = check_password_hash(stored, password or "")
    if user is None or not matches or not user.active:
        return None
    return user


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def token_digest(token: str) -> str:
    """The SHA-256 hex digest stored for a secret token (API tokens, calendar feed URLs)."""
    return _digest(token)


def _token_expiry(days, now: datetime) -> datetime | None:
    """`days` from a form or the command line: blank means never."""
    if days is None or (isinstance(days, str) and not days.strip()):
        return None
    text = str(days).strip()
    if not (text.isascii() and text.isdigit()) or not 1 <= int(text) <= MAX_TOKEN_DAYS:
        raise Invalid(
            {"days": [str(_l("A whole number of days from 1 to %(max)s.", max=MAX_TOKEN_DAYS))]}
        )
    return now + timedelta(days=int(text))


def issue_token(
    session: Session,
    user: User,
    label: str | None = None,
    days: int | str | None = None,
    now: datetime | None = None,
) -> tuple[str, ApiToken]:
    """A new API token for `user`: the token itself (shown once) and its record."""
    now = now or utcnow()
    label = (label or "").strip() or None
    errors: dict[str, list[str]] = {}
    if label is not None and len(label) > MAX_TOKEN_LABEL:
        errors["label"] = [str(_l("At most %(max)s characters.", max=MAX_TOKEN_LABEL))]
    elif label is not None and not label.isprintable():
        errors["label"] = [str(_l("Use letters, digits and punctuation only."))]
    try:
        expires_at = _token_expiry(days, now)
    except Invalid as error:
        errors.update(error.errors)
    if errors:
        raise Invalid(errors)
    token = "tp_" + secrets.token_urlsafe(32)
    record = ApiToken(
        user=user, token_hash=_digest(token), label=label, created_at=now, expires_at=expires_at
    )
    session.add(record)
    session.flush()
    return token, record


def create_token(
    session: Session, email: str, label: str | None = None, days: int | str | None = None
) -> str:
    """Create an API token for the account with this e-mail and return it."""
    user = find_user(session, email)
    if user is None:
        raise NotFound({"email": [str(_l("No account with this e-mail."))]})
    return issue_token(session, user, label, days)[0]


@dataclass(frozen=True)
class TokenUse:
    """Who a bearer token authenticates, and whether its last use is worth recording."""

    user: User
    token_id: int
    record_use: bool


def token_use(session: Session, token: str, now: datetime | None = None) -> TokenUse | None:
    """The account behind a live token: not revoked, not expired, account not locked."""
    if not token:
        return None
    now = now or utcnow()
    found = session.scalars(
        select(ApiToken)
        .options(selectinload(ApiToken.user))
        .where(ApiToken.token_hash == _digest(token))
    ).first()
    if found is None or found.state(now) != "active" or not found.user.active:
        return None
    last = as_utc(found.last_used_at)
    return TokenUse(found.user, found.id, last is None or now - last >= TOKEN_USE_RESOLUTION)


def user_for_token(session: Session, token: str, now: datetime | None = None) -> User | None:
    use = token_use(session, token, now)
    return use.user if use is not None else None


def record_token_use(session: Session, token_id: int, now: datetime | None = None) -> None:
    """Stamp `last_used_at`; the condition keeps concurrent workers to one write a minute."""
    now = now or utcnow()
    session.execute(
        update(ApiToken)
        .where(
            ApiToken.id == token_id,
            or_(
                ApiToken.last_used_at.is_(None),
                ApiToken.last_used_at <= now - TOKEN_USE_RESOLUTION,
            ),
        )
        .values(last_used_at=now)
    )


def list_tokens(session: Session, user: User | None = None) -> list[ApiToken]:
    """Tokens newest first, of one account or (for admins) of all, with their accounts
    (joined in the same query)."""
    query = select(ApiToken).options(joinedload(ApiToken.user))
    if user is not None:
        query = query.where(ApiToken.user_id == user.id)
    return list(session.scalars(query.order_by(ApiToken.created_at.desc(), ApiToken.id.desc())))


@dataclass(frozen=True)
class TokenRow:
    """A token as a list shows it: the record and whether it still works."""

    token: ApiToken
    state: str


def token_rows(tokens: list[ApiToken], now: datetime | None = None) -> list[TokenRow]:
    now = now or utcnow()
    return [TokenRow(token, token.state(now)) for token in tokens]


def revoke_token(
    session: Session, token_id: int, owner: User | None = None, now: datetime | None = None
) -> ApiToken:
    """Revoke a token (idempotent). With `owner`, only that account's own tokens are found."""
    token = session.get(ApiToken, token_id)
    if token is None or (owner is not None and token.user_id != owner.id):
        raise NotFound({"token": [str(_l("No such token."))]})
    if token.revoked_at is None:
        token.revoked_at = now or utcnow()
    return token


def assign_points(user: User, points: list) -> None:
    for point in points:
        if point not in user.assigned_points:
            user.assigned_points.append(point)


def update_account(
    session: Session, user: User, *, role: str, active: bool, points: list, acting_user
) -> None:
    """Change an account's role, whether it may log in, and the points (loaded by the caller
    from the points' queries: accounts do not depend on the point register) it is assigned."""
    if role not in ACCOUNT_ROLES:
        raise Invalid({"role": [unknown_choice(ACCOUNT_ROLES)]})
    if user.id == acting_user.id and (role != "admin" or not active):
        raise Invalid({"role": [str(_l("You cannot remove your own administrator access."))]})
    if user.active and not active:
        end_sessions(user)  # a locked account is logged out everywhere at once
    user.role = role
    user.active = active
    user.assigned_points = list(points) if role == "staff" else []


def list_users(session: Session) -> list[User]:
    """Every account by e-mail, with its assigned points: two queries however many there are."""
    return list(
        session.scalars(
            select(User).options(selectinload(User.assigned_points)).order_by(User.email)
        )
    )
