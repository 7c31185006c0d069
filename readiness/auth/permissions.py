"""Who may do what: the only place role rules live."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

from readiness.errors import Forbidden

ROLE_ADMIN, ROLE_AUDITOR, ROLE_STAFF = "admin", "auditor", "staff"
ACCOUNT_ROLES = (ROLE_ADMIN, ROLE_AUDITOR, ROLE_STAFF)
COORDINATORS = (ROLE_ADMIN, ROLE_AUDITOR)


def is_coordinator(user) -> bool:
    """Admins and auditors read and write every point (an anonymous visitor has no role)."""
    return getattr(user, "role", None) in COORDINATORS


def can_edit_point(user, point) -> bool:
    if is_coordinator(user):
        return True
    if user is None or user.role != ROLE_STAFF:
        return False
    return any(assigned.id == point.id for assigned in user.assigned_points)


def ensure_can_edit_point(user, point) -> None:
    if not can_edit_point(user, point):
        raise Forbidden({"_request": [_l("You can only edit points assigned to you.")]})


def ensure_role(user, *roles: str) -> None:
    if user is None or user.role not in roles:
        raise Forbidden({"_request": [_l("Your role does not allow this.")]})
