"""Who holds the area roles: the one rule behind AREA-STAFF and the area page's role list."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from readiness.points.enums import AREA_COORDINATOR
from readiness.points.roles import RoleCoverage, role_coverage


def area_role_coverage(
    staff: Iterable, roles: Sequence[str], min_coordinators: int
) -> list[RoleCoverage]:
    """Each area role with its holders: `unfilled` when nobody holding it has a phone,
    `too_few` when the coordinators are fewer than `min_coordinators` (AREA-STAFF's params)."""
    return role_coverage(staff, roles, (AREA_COORDINATOR,), min_coordinators)
