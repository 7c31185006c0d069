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


def is_staff(user) -> bool:
    """Staff keep the points assigned to them current (an anonymous visitor has no role)."""
    return getattr(user, "role", None) == ROLE_STAFF


def own_point_ids(user, mine: bool | None) -> list[int] | None:
    """The points the *My points* filter keeps, or None for every point. Staff see their own
    unless they ask for all (`mine` False); with nothing assigned yet, all unless they ask
    for theirs. Coordinators are assigned no points: theirs is the whole register."""
    if not is_staff(user) or mine is False:
        return None
    ids = [point.id for point in user.assigned_points]
    return ids if ids or mine else None


def can_edit_point(user, point) -> bool:
    if is_coordinator(user):
        return True
    if user is None or user.role != ROLE_STAFF:
        return False
    return any(assigned.id == point.id for assigned in user.assigned_points)


def ensure_can_edit_point(user, point) -> None:
    if not can_edit_point(user, point):
        raise Forbidden(
            {"_request": [_l("You can only edit points assigned to you.")]}, point_id=point.id
        )


def ensure_role(user, *roles: str) -> None:
    if user is None or user.role not in roles:
        raise Forbidden({"_request": [_l("Your role does not allow this.")]})


def can_edit_action(user) -> bool:
    """Coordinators create and edit every action of the action plan."""
    return is_coordinator(user)


def can_change_action_status(user, action) -> bool:
    """Coordinators, and staff for actions on a point assigned to them (they do the work and
    say how it goes; what, who, when and the money stay with the coordinator)."""
    if is_coordinator(user):
        return True
    if not is_staff(user) or action.point_id is None:
        return False
    return any(assigned.id == action.point_id for assigned in user.assigned_points)
