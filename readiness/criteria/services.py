"""Readiness across points: bulk evaluation, the trend log and the dashboard's figures."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta

from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from readiness.criteria.catalog import SEVERITIES, Catalog, catalog_for
from readiness.criteria.engine import Evaluation, evaluate
from readiness.criteria.facts import PointFacts, load_facts
from readiness.criteria.messages import evaluation_json, gap_text
from readiness.criteria.models import ReadinessSnapshot
from readiness.errors import Invalid

LEVELS = ("ready", "gaps", "not_ready")
# Evaluation dates that mean something (and stay clear of date.max, which adding a day overflows).
FIRST_AS_OF = date(2000, 1, 1)
LAST_AS_OF = date(2199, 12, 31)


@dataclass(frozen=True)
class Assessed:
    """One point's facts, the catalog that applied to it and the result."""

    facts: PointFacts
    catalog: Catalog
    evaluation: Evaluation


def parse_as_of(raw: str | None, today: date) -> date:
    if raw is None or raw == "":
        return today
    try:
        as_of = date.fromisoformat(raw)
    except ValueError:
        raise Invalid({"as_of": [str(_l("Not a date in the form YYYY-MM-DD."))]}) from None
    if not FIRST_AS_OF <= as_of <= LAST_AS_OF:
        message = _l(
            "Choose a date from %(first)s to %(last)s.",
            first=FIRST_AS_OF.isoformat(),
            last=LAST_AS_OF.isoformat(),
        )
        raise Invalid({"as_of": [str(message)]})
    return as_of


def assess(session: Session, as_of: date, overrides: dict, **scope) -> list[Assessed]:
    """Evaluate every active point in scope (municipality, area, point_ids), in name order."""
    results = []
    for facts in load_facts(session, as_of, **scope):
        catalog = catalog_for(facts.municipality, overrides)
        results.append(Assessed(facts, catalog, evaluate(facts, catalog, as_of)))
    return results


def ids_at_level(session: Session, level: str, as_of: date, overrides: dict, **scope) -> list[int]:
    """The active points in scope whose readiness on `as_of` is `level` (for list filters)."""
    return [
        a.facts.id
        for a in assess(session, as_of, overrides, **scope)
        if a.evaluation.level == level
    ]


def _signature(version: str, score: int, level: str, failed) -> tuple:
    return (version, score, level, tuple(sorted(failed)))


def record_changes(session: Session, assessed: list[Assessed], today: date) -> int:
    """Store today's result of each point whose result differs from its last stored one."""
    if not assessed:
        return 0
    ids = [a.facts.id for a in assessed]
    latest = (
        select(func.max(ReadinessSnapshot.id))
        .where(ReadinessSnapshot.point_id.in_(ids))
        .group_by(ReadinessSnapshot.point_id)
    )
    last = {
        s.point_id: _signature(s.criteria_version, s.score, s.level, s.failed)
        for s in session.scalars(select(ReadinessSnapshot).where(ReadinessSnapshot.id.in_(latest)))
    }
    added = 0
    for item in assessed:
        e = item.evaluation
        if last.get(e.point_id) != _signature(e.criteria_version, e.score, e.level, e.failed):
            session.add(
                ReadinessSnapshot(
                    point_id=e.point_id,
                    evaluated_on=today,
                    criteria_version=e.criteria_version,
                    score=e.score,
                    level=e.level,
                    failed=e.failed,
                )
            )
            added += 1
    session.flush()
    return added


def last_level_change(session: Session, point_id: int) -> ReadinessSnapshot | None:
    """The stored evaluation where the point reached its current level: the first one after
    the last one at another level. One query reading one row, however long the trend log."""
    of_point = ReadinessSnapshot.point_id == point_id
    current_level = (
        select(ReadinessSnapshot.level)
        .where(of_point)
        .order_by(ReadinessSnapshot.id.desc())
        .limit(1)
        .scalar_subquery()
    )
    last_other_level = (
        select(func.max(ReadinessSnapshot.id))
        .where(of_point, ReadinessSnapshot.level != current_level)
        .scalar_subquery()
    )
    return session.scalars(
        select(ReadinessSnapshot)
        .where(of_point, ReadinessSnapshot.id > func.coalesce(last_other_level, 0))
        .order_by(ReadinessSnapshot.id)
        .limit(1)
    ).first()


def month_ends(today: date, months: int) -> list[date]:
    ends, first = [], today.replace(day=1)
    for _ in range(months):
        ends.append(min(today, (first + timedelta(days=32)).replace(day=1) - timedelta(days=1)))
        first = (first - timedelta(days=1)).replace(day=1)
    return list(reversed(ends))


def trend(session: Session, point_ids: list[int], today: date, months: int = 12) -> list[dict]:
    """Per month: how many of these points were at each level at the month's end, and the
    criteria versions those results were computed with (a stored result keeps its version,
    so the month where the catalog changed shows both)."""
    snapshots = session.execute(
        select(
            ReadinessSnapshot.point_id,
            ReadinessSnapshot.evaluated_on,
            ReadinessSnapshot.level,
            ReadinessSnapshot.criteria_version,
        )
        .where(ReadinessSnapshot.point_id.in_(point_ids))
        .order_by(ReadinessSnapshot.evaluated_on, ReadinessSnapshot.id)
    ).all()
    by_point: dict[int, list] = defaultdict(list)
    for row in snapshots:
        by_point[row.point_id].append((row.evaluated_on, row.level, row.criteria_version))
    rows = []
    for end in month_ends(today, months):
        counts = Counter()
        versions = set()
        for history in by_point.values():
            known = [(level, version) for day, level, version in history if day <= end]
            if known:
                counts[known[-1][0]] += 1
                versions.add(known[-1][1])
        rows.append(
            {
                "month": end.strftime("%Y-%m"),
                **{lvl: counts[lvl] for lvl in LEVELS},
                "known": sum(counts.values()),
                "versions": sorted(versions),
            }
        )
    return rows


@dataclass
class Dashboard:
    counts: dict[str, int]  # per level, across the place: the tiles that choose the level
    by_place: list[dict]  # municipality / area rows with counts per level
    common_gaps: list[dict]  # criterion, count, points
    points: list[Assessed] = field(default_factory=list)  # the selection


def dashboard(assessed: list[Assessed], level: str | None = None) -> Dashboard:
    """The figures the coordinator sees; a pure function of the evaluations.

    The level counts cover every point in `assessed` (they are how a level is chosen); the
    other figures only the points at `level`, when one is chosen."""
    counts = Counter(a.evaluation.level for a in assessed)
    selected = [a for a in assessed if level is None or a.evaluation.level == level]
    places: dict[tuple, Counter] = defaultdict(Counter)
    area_ids: dict[tuple, int | None] = {}
    failing: dict[str, list[Assessed]] = defaultdict(list)
    severity: dict[str, str] = {}
    for item in selected:
        level = item.evaluation.level
        places[(item.facts.municipality, None)][level] += 1
        places[(item.facts.municipality, item.facts.area or "–")][level] += 1
        area_ids[(item.facts.municipality, item.facts.area or "–")] = item.facts.area_id
        for gap in item.evaluation.gaps:
            failing[gap.criterion].append(item)
            severity[gap.criterion] = gap.severity
    by_place = [
        {
            "municipality": m,
            "area": a,
            "area_id": area_ids.get((m, a)),  # for the link to the area's page
            **{lvl: c[lvl] for lvl in LEVELS},
            "total": sum(c.values()),
        }
        for (m, a), c in sorted(
            places.items(), key=lambda kv: (kv[0][0], kv[0][1] is not None, kv[0][1] or "")
        )
    ]
    # Most points first; among equals the most severe first.
    common = sorted(
        (
            {"criterion": cid, "severity": severity[cid], "count": len(items), "points": items}
            for cid, items in failing.items()
        ),
        key=lambda g: (-g["count"], SEVERITIES.index(g["severity"]), g["criterion"]),
    )
    return Dashboard({lvl: counts[lvl] for lvl in LEVELS}, by_place, common, selected)


@dataclass(frozen=True)
class AreaGap:
    """An area whose crisis staff falls short (AREA-STAFF), and its points in the selection."""

    area_id: int
    area: str
    municipality: str
    message: str  # the missing roles and coordinators in words
    points: int


def area_gaps(
    selected: list[Assessed], locale: str, data_locale: str | None = None
) -> list[AreaGap]:
    """Each area of the selection whose staff has a gap, by municipality and area name. The
    gap is the same for every point of an area (one staff, one municipality's parameters).
    `data_locale`: see `gap_text` (typed text in the messages marked with its language)."""
    found: dict[int, list] = {}
    for item in selected:
        gap = next((g for g in item.evaluation.gaps if g.criterion == "AREA-STAFF"), None)
        if gap is None or item.facts.area_id is None:
            continue
        if item.facts.area_id in found:
            found[item.facts.area_id][1] += 1
        else:
            found[item.facts.area_id] = [(item, gap), 1]
    rows = [
        AreaGap(
            area_id,
            item.facts.area,
            item.facts.municipality,
            gap_text(gap, item.catalog, locale, data_locale)["message"],
            count,
        )
        for area_id, ((item, gap), count) in found.items()
    ]
    return sorted(rows, key=lambda row: (row.municipality.lower(), row.area.lower()))


def _gaps_in_words(item: Assessed, locale: str, data_locale: str | None = None) -> list[dict]:
    """The point's gaps with title, message and remedy in `locale`: critical first, then
    major, then minor, in catalog order within each (the sort is stable)."""
    title = {c.id: c.title[locale] for c in item.catalog.criteria}
    gaps = [
        {**gap_text(gap, item.catalog, locale, data_locale), "title": title[gap.criterion]}
        for gap in item.evaluation.gaps
    ]
    return sorted(gaps, key=lambda gap: SEVERITIES.index(gap["severity"]))


@dataclass(frozen=True)
class WorkItem:
    """A point with gaps: its gaps in words, most severe first, and what to do first."""

    point: PointFacts
    level: str
    score: int
    gaps: list[dict]  # criterion, severity, title, message, remedy

    @property
    def critical(self) -> list[dict]:
        return [gap for gap in self.gaps if gap["severity"] == "critical"]

    @property
    def most_severe(self) -> list[dict]:
        """The gaps of the point's highest severity: its critical ones when it has any."""
        return [gap for gap in self.gaps if gap["severity"] == self.gaps[0]["severity"]]

    @property
    def others(self) -> list[dict]:
        return self.gaps[len(self.most_severe) :]

    @property
    def first_remedy(self) -> str:
        return self.gaps[0]["remedy"]


def urgent_first(selected: list[Assessed]) -> list[Assessed]:
    """The points of the selection that have gaps, not ready first, then lowest score, then
    name: the order of the dashboard's list of what to fix."""
    return sorted(
        (a for a in selected if a.evaluation.gaps),
        key=lambda a: (-LEVELS.index(a.evaluation.level), a.evaluation.score, a.facts.name.lower()),
    )


def work_list(
    selected: list[Assessed],
    locale: str,
    data_locale: str | None = None,
    *,
    start: int = 0,
    stop: int | None = None,
) -> list[WorkItem]:
    """The dashboard's list of what to fix (`urgent_first`), from `start` to `stop`: only the
    page shown is put in words (a region has thousands of points with gaps)."""
    return [
        WorkItem(
            a.facts, a.evaluation.level, a.evaluation.score, _gaps_in_words(a, locale, data_locale)
        )
        for a in urgent_first(selected)[start:stop]
    ]


def critical_gaps(
    items: list[Assessed], locale: str, data_locale: str | None = None
) -> dict[int, list[dict]]:
    """Each point's critical gaps in words, by point id (the dashboard table's column)."""
    return {
        a.facts.id: [
            g for g in _gaps_in_words(a, locale, data_locale) if g["severity"] == "critical"
        ]
        for a in items
        if a.evaluation.level == "not_ready"
    }


def point_readiness_view(item: Assessed, locale: str, data_locale: str | None = None) -> dict:
    """One point's result with titles, ready for the point page; gaps most severe first."""
    data = evaluation_json(item.evaluation, item.catalog, locale)
    title = {c.id: c.title[locale] for c in item.catalog.criteria}
    data["gaps"] = _gaps_in_words(item, locale, data_locale)
    data["passed"] = [{"id": i, "title": title[i]} for i in data["passed"]]
    data["not_applicable"] = [{"id": i, "title": title[i]} for i in data["not_applicable"]]
    return data


def readiness_at(
    session: Session, as_of_raw: str | None, today: date, overrides: dict, **scope
) -> tuple[date, list[Assessed]]:
    """Readiness on `?as_of=` (default today), computed and never stored: a read writes nothing."""
    as_of = parse_as_of(as_of_raw, today)
    return as_of, assess(session, as_of, overrides, **scope)


def record_readiness(
    session: Session, today: date, overrides: dict, point_ids: list[int] | None = None
) -> int:
    """Store today's result of every point (or these) whose result moved; the caller commits.

    Called in the same transaction as a write that may move a result, and once a day by
    `flask record-readiness` for what moves with the date alone (a test run growing stale)."""
    return record_changes(session, assess(session, today, overrides, point_ids=point_ids), today)
