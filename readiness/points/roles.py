"""Who holds the required crisis roles: the one rule behind ROLE-FILLED, ROLE-DEPUTY and the
point page's role list, so the page can never disagree with the criteria."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class RoleCoverage:
    """The contacts holding one required role, judged as ROLE-FILLED and ROLE-DEPUTY judge it."""

    role: str
    holders: tuple  # the contacts (anything with `.phone` and `.roles`) holding the role
    phone_required: bool  # ROLE-FILLED requires the role: one holder must have a phone
    min_holders: int  # ROLE-DEPUTY's minimum for the role (0 when it does not require it)

    @property
    def unfilled(self) -> bool:
        """ROLE-FILLED's gap: nobody who holds the role can be phoned."""
        return self.phone_required and not any(h.phone for h in self.holders)

    @property
    def too_few(self) -> bool:
        """ROLE-DEPUTY's gap: fewer holders than the minimum, with a phone or not."""
        return len(self.holders) < self.min_holders


def role_coverage(
    contacts: Iterable,
    filled_roles: Sequence[str],
    deputy_roles: Sequence[str] = (),
    min_holders: int = 0,
) -> list[RoleCoverage]:
    """For each role of ROLE-FILLED's and ROLE-DEPUTY's lists (in that order), its holders."""
    contacts = tuple(contacts)
    return [
        RoleCoverage(
            role,
            tuple(c for c in contacts if role in (c.roles or ())),
            role in filled_roles,
            min_holders if role in deputy_roles else 0,
        )
        for role in dict.fromkeys([*filled_roles, *deputy_roles])
    ]
