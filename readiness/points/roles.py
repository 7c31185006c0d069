"""Which required crisis roles are held, and by how many people."""

from __future__ import annotations

from dataclasses import dataclass

REQUIRED_ROLES = ("point_manager", "power_responsible", "communications_responsible")


@dataclass(frozen=True)
class RoleHolders:
    role: str
    holders: list[str]

    @property
    def one_person(self) -> bool:
        return len(self.holders) == 1


def role_coverage(contacts) -> list[RoleHolders]:
    """For each required role, the names of contacts (with a phone) who hold it."""
    return [
        RoleHolders(role, [c.name for c in contacts if role in (c.roles or []) and c.phone])
        for role in REQUIRED_ROLES
    ]
