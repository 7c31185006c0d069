"""Point facts for engine tests: `ready_point()` meets every criterion on AS_OF."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, timedelta

from readiness.criteria.facts import ChannelFacts, ContactFacts, PointFacts, PowerFacts

AS_OF = date(2026, 11, 23)


def ago(days: int) -> date:
    return AS_OF - timedelta(days=days)


# The area's crisis staff with every area role, the coordinator's twice (AREA-STAFF).
AREA_STAFF = (
    ContactFacts("+46701740655", False, ("area_coordinator", "power_responsible")),
    ContactFacts("+46701740656", False, ("area_coordinator", "communications_responsible")),
    ContactFacts("+46701740657", False, ("information_responsible",)),
)


def ready_point(**changes) -> PointFacts:
    crew = (
        ContactFacts("+46701740605", True, ("point_manager", "power_responsible")),
        ContactFacts("+46701740606", False, ("point_manager", "communications_responsible")),
        ContactFacts("+46701740607", False, ("power_responsible", "communications_responsible")),
    )
    point = PointFacts(
        id=1,
        name="Handlar'n",
        municipality="Krokom",
        area="Föllinge",
        address="Byvägen 12",
        lat=63.6,
        lon=14.6,
        services=("heat", "charging", "information", "payments"),
        crisis_hours="Dygnet runt",
        contacts_reviewed=ago(10),
        last_exercise=ago(10),
        content_version=3,
        content_changed_at=datetime(2026, 1, 1, tzinfo=UTC),
        power=PowerFacts(
            "fixed_generator",
            400.0,
            5.0,
            ("heat", "lighting", "charging", "payments"),
            ago(5),
            ago(5),
            ago(5),
            "Avtal med leverantör",
        ),
        contacts=crew,
        channels=(ChannelFacts("rakel", ago(5)), ChannelFacts("notice_board", None)),
        agreement_from=date(2025, 1, 1),
        agreement_until=date(2027, 12, 31),
        has_agreement=True,
        posted_version=3,
        last_audit_on=ago(30),
        area_id=1,
        area_staff=AREA_STAFF,
        data_confirmed_on=ago(20),
    )
    return replace(point, **changes)


def with_power(**changes) -> PointFacts:
    return ready_point(power=replace(ready_point().power, **changes))
