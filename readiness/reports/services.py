"""The yearly report's figures: one plain function that the API, the page and the PDF share,
so every figure shown is the figure the API gives."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload

from readiness.actions.models import OPEN_STATUSES, Action
from readiness.actions.services import is_overdue
from readiness.audits.models import Audit
from readiness.criteria.services import FIRST_AS_OF, LEVELS, Assessed, assess, dashboard
from readiness.errors import Invalid
from readiness.points.models import Municipality
from readiness.timeutil import STOCKHOLM, as_utc

FIGURES = (
    "points",
    "ready",
    "gaps",
    "not_ready",
    "share_ready",
    "average_score",
    "test_runs",
    "channels_tested",
    "exercises",
    "audits",
    "actions_done",
    "actions_open",
    "actions_overdue",
    "financing_approved_sek",
)


@dataclass(frozen=True)
class YearlyReport:
    municipality: str
    year: int
    as_of: date
    figures: dict  # FIGURES at `as_of`
    previous: dict  # FIGURES at the end of the year before
    common_gaps: list[dict]  # criterion, severity, count: most points first
    plan: list[dict]  # open actions at `as_of`: title, responsible, deadline, point, overdue


def report_year(today: date) -> int:
    """The year whose report is being prepared: it goes to the council in January, so from
    December on it is the year now ending, before that the year before."""
    return today.year if today.month == 12 else today.year - 1


def parse_year(raw: str | None, today: date) -> int:
    """A year from the first one the register evaluates to the current one."""
    try:
        year = int(raw or "")
    except ValueError:
        year = None
    if year is None or not FIRST_AS_OF.year < year <= today.year:
        message = _l(
            "Choose a year from %(first)s to %(last)s.",
            first=FIRST_AS_OF.year + 1,
            last=today.year,
        )
        raise Invalid({"year": [str(message)]})
    return year


def parse_municipality(session: Session, raw: str | None) -> str:
    name = (raw or "").strip()
    if not name:
        raise Invalid({"municipality": [str(_l("Choose a municipality."))]})
    if session.scalar(select(Municipality.id).where(Municipality.name == name)) is None:
        raise Invalid({"municipality": [str(_l("No such municipality."))]})
    return name


def year_end(year: int, today: date) -> date:
    """The day the year's figures are taken: 31 December, or today in the current year."""
    return min(date(year, 12, 31), today)


def _in_year(day: date | None, year: int, as_of: date) -> bool:
    return day is not None and day.year == year and day <= as_of


def _swedish_day(moment: datetime) -> date:
    return as_utc(moment).astimezone(STOCKHOLM).date()


def _status_on(action: Action, as_of: date) -> tuple[str | None, date | None]:
    """The action's status at the end of `as_of` and the day it got it (None: not created)."""
    known = [c for c in action.status_changes if _swedish_day(c.at) <= as_of]
    if not known:
        return None, None
    return known[-1].status, _swedish_day(known[-1].at)


def _readiness_figures(assessed: list[Assessed], year: int, as_of: date) -> dict:
    count = len(assessed)
    levels = {level: sum(a.evaluation.level == level for a in assessed) for level in LEVELS}
    return {
        "points": count,
        **levels,
        # A percentage with one decimal (None without points).
        "share_ready": round(100 * levels["ready"] / count, 1) if count else None,
        "average_score": (
            round(sum(a.evaluation.score for a in assessed) / count, 1) if count else None
        ),
        # The register keeps only the last date of each: earlier ones that year are not known.
        "test_runs": sum(_in_year(a.facts.power.last_test_run, year, as_of) for a in assessed),
        "channels_tested": sum(
            _in_year(c.last_tested, year, as_of) for a in assessed for c in a.facts.channels
        ),
        "exercises": sum(_in_year(a.facts.last_exercise, year, as_of) for a in assessed),
    }


def _action_figures(actions: list[Action], year: int, as_of: date) -> tuple[dict, list[Action]]:
    done = open_ = overdue = financing = 0
    open_actions = []
    for action in actions:
        status, since = _status_on(action, as_of)
        if status is None:
            continue
        done_in_year = status == "done" and since is not None and since.year == year
        is_open = status in OPEN_STATUSES
        done += done_in_year
        if is_open:
            open_ += 1
            open_actions.append(action)
            overdue += is_overdue(status, action.deadline, as_of)
        # The year's plan: what was open at its end or done in it (approval has no date).
        if (done_in_year or is_open) and action.financing_approved:
            financing += action.financing_amount_sek or 0
    figures = {
        "actions_done": done,
        "actions_open": open_,
        "actions_overdue": overdue,
        "financing_approved_sek": financing,
    }
    return figures, open_actions


def _audits_held(session: Session, point_ids: list[int], year: int, as_of: date) -> int:
    if not point_ids:
        return 0
    return session.scalar(
        select(func.count(Audit.id)).where(
            Audit.point_id.in_(point_ids),
            Audit.audited_on >= date(year, 1, 1),
            Audit.audited_on <= as_of,
        )
    )


def _figures_at(
    session: Session, municipality: str, year: int, as_of: date, overrides: dict, actions
) -> tuple[dict, list[Assessed], list[Action]]:
    assessed = assess(session, as_of, overrides, municipality=municipality)
    action_figures, open_actions = _action_figures(actions, year, as_of)
    figures = {
        **_readiness_figures(assessed, year, as_of),
        "audits": _audits_held(session, [a.facts.id for a in assessed], year, as_of),
        **action_figures,
    }
    return {name: figures[name] for name in FIGURES}, assessed, open_actions


def yearly_figures(
    session: Session, municipality: str, year: int, overrides: dict, today: date
) -> YearlyReport:
    """The municipality's year in figures at its end (today in the current year), and the same
    figures at the end of the year before."""
    as_of = year_end(year, today)
    actions = list(
        session.scalars(
            select(Action)
            .join(Action.municipality)
            .where(Municipality.name == municipality)
            .options(selectinload(Action.status_changes), selectinload(Action.point))
            .order_by(Action.deadline, Action.id)
        )
    )
    figures, assessed, open_actions = _figures_at(
        session, municipality, year, as_of, overrides, actions
    )
    previous, _, _ = _figures_at(
        session, municipality, year - 1, date(year - 1, 12, 31), overrides, actions
    )
    common = [
        {"criterion": g["criterion"], "severity": g["severity"], "count": g["count"]}
        for g in dashboard(assessed).common_gaps
    ]
    plan = [
        {
            "id": a.id,
            "title": a.title,
            "responsible": a.responsible,
            "deadline": a.deadline,
            "point": a.point.name if a.point else None,
            "criterion": a.criterion,
            "overdue": is_overdue(_status_on(a, as_of)[0], a.deadline, as_of),
        }
        for a in open_actions
    ]
    return YearlyReport(municipality, year, as_of, figures, previous, common, plan)


def report_json(report: YearlyReport) -> dict:
    return {
        "municipality": report.municipality,
        "year": report.year,
        "as_of": report.as_of.isoformat(),
        **report.figures,
        "previous": {
            "year": report.year - 1,
            "as_of": date(report.year - 1, 12, 31).isoformat(),
            **report.previous,
        },
        "common_gaps": report.common_gaps,
        "plan": [{**row, "deadline": row["deadline"].isoformat()} for row in report.plan],
    }
