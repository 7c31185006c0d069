"""Each gap reads as the facts behind it: the message a coordinator sees names what is wrong."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from readiness.criteria.catalog import base_catalog
from readiness.criteria.engine import evaluate
from readiness.criteria.facts import ChannelFacts, ContactFacts
from readiness.criteria.messages import gap_text
from tests.criteria.builders import AS_OF, ready_point, with_power

CATALOG = base_catalog()
ROLES = ("point_manager", "power_responsible", "communications_responsible")


def message(point, criterion: str) -> str:
    """The English message of one criterion's gap (labels untranslated: no app here)."""
    [gap] = [g for g in evaluate(point, CATALOG, AS_OF).gaps if g.criterion == criterion]
    return gap_text(gap, CATALOG, "en")["message"]


@pytest.mark.parametrize(
    "criterion, point, expected",
    [
        (
            "POWER-ONSITE",
            with_power(source="connection_only"),
            "No generator is kept at the point (source: Connection for a generator only).",
        ),
        (
            "ROLE-FILLED",
            ready_point(
                contacts=(
                    ContactFacts(None, True, ROLES),
                    ContactFacts("+46701740606", False, ROLES[1:]),
                )
            ),
            "Nobody with a phone holds the role: Point manager.",
        ),
        (
            "INFO-LOCATION",
            ready_point(address="", lat=None, lon=None),
            "Missing: Address, Latitude, Longitude.",
        ),
        (
            "SERVICES-CORE",
            ready_point(services=("heat", "payments")),
            "The point does not offer: Information, Charging.",
        ),
        (
            "CHANNEL-RESIDENTS",
            ready_point(channels=(ChannelFacts("rakel", AS_OF),)),
            "The point has no direct channel to residents.",
        ),
        (
            "NOTICE-CURRENT",
            ready_point(posted_version=None),
            "No notice has been printed for the point.",
        ),
        (
            "AGREEMENT-VALID",
            ready_point(agreement_until=None),
            "No agreement with an end date is recorded.",
        ),
        (
            "AGREEMENT-VALID",
            ready_point(agreement_until=date(2026, 1, 1)),
            "The agreement is valid 2025-01-01–2026-01-01, not on 2026-11-23.",
        ),
        (
            "AGREEMENT-VALID",
            ready_point(agreement_from=None, agreement_until=date(2026, 1, 1)),
            "The agreement is valid …–2026-01-01, not on 2026-11-23.",
        ),
    ],
    ids=[
        "power-onsite",
        "role-filled",
        "info-location",
        "services-core",
        "channel-residents",
        "notice-never-posted",
        "agreement-missing",
        "agreement-expired",
        "agreement-expired-without-start",
    ],
)
def test_gap_message_names_the_facts_of_the_gap(criterion, point, expected):
    assert message(point, criterion) == expected


def test_notice_current_stale_message_gives_the_swedish_date_of_the_change():
    # 23:30 UTC on 1 March is already 2 March in Sweden, where the sheet hangs.
    point = ready_point(
        content_version=4,
        posted_version=3,
        content_changed_at=datetime(2026, 3, 1, 23, 30, tzinfo=UTC),
    )
    assert message(point, "NOTICE-CURRENT") == (
        "Public details changed on 2026-03-02, after the notice was last printed."
    )


def test_agreement_valid_agreement_starting_on_the_day_asked_about_passes():
    point = ready_point(agreement_from=AS_OF, agreement_until=date(2027, 12, 31))
    assert "AGREEMENT-VALID" in evaluate(point, CATALOG, AS_OF).passed
