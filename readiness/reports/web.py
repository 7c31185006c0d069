"""The yearly report for views and the API: the request's municipality, year, clock and local
criteria. Reads only."""

from __future__ import annotations

from flask import current_app, request
from flask_babel import format_decimal, get_locale
from flask_babel import lazy_gettext as _l

from readiness import timeutil
from readiness.criteria.catalog import catalog_for
from readiness.criteria.services import LEVELS
from readiness.extensions import db
from readiness.labels import label
from readiness.reports.charts import Bar, bar_chart
from readiness.reports.services import (
    FIGURES,
    YearlyReport,
    parse_municipality,
    parse_year,
    yearly_figures,
)

# The gaps chart shows the most common; the table beside it lists them all.
GAPS_CHARTED = 10


def report_for_request() -> YearlyReport:
    today = timeutil.today_in_sweden()
    year = parse_year(request.args.get("year"), today)
    municipality = parse_municipality(db.session, request.args.get("municipality"))
    return yearly_figures(
        db.session, municipality, year, current_app.config["CRITERIA_OVERRIDES"], today
    )


def criterion_titles(report: YearlyReport) -> dict[str, str]:
    """Each criterion's title in the request's language, for the gaps and the plan."""
    catalog = catalog_for(report.municipality, current_app.config["CRITERIA_OVERRIDES"])
    locale = str(get_locale())
    return {c.id: c.title[locale] for c in catalog.criteria}


FIGURE_LABELS = {
    "points": _l("Points"),
    "ready": _l("Ready"),
    "gaps": _l("Gaps"),
    "not_ready": _l("Not ready"),
    "share_ready": _l("Share ready (%)"),
    "average_score": _l("Average score"),
    "test_runs": _l("Generator test runs"),
    "channels_tested": _l("Channels tested"),
    "exercises": _l("Exercises"),
    "audits": _l("Audits held"),
    "actions_done": _l("Actions done"),
    "actions_open": _l("Actions open at the year's end"),
    "actions_overdue": _l("Actions overdue at the year's end"),
    "financing_approved_sek": _l("Financing approved (SEK)"),
}


def figure_text(value) -> str:
    """A figure as the page and the PDF print it (– when there is none)."""
    if value is None:
        return "–"
    if isinstance(value, float):
        return format_decimal(value, format="#,##0.0")
    return format_decimal(value, format="#,##0")


def report_context(report: YearlyReport) -> dict:
    """What the page and the PDF show: the figures in words, the charts and the plan."""
    titles = criterion_titles(report)
    levels = [Bar(str(label("level", lvl)), report.figures[lvl]) for lvl in LEVELS]
    gaps = [
        {**gap, "title": titles.get(gap["criterion"], gap["criterion"])}
        for gap in report.common_gaps
    ]
    return {
        "report": report,
        "rows": [
            {
                "name": name,
                "label": FIGURE_LABELS[name],
                "value": figure_text(report.figures[name]),
                "previous": figure_text(report.previous[name]),
            }
            for name in FIGURES
        ],
        "levels": levels,
        "level_chart": bar_chart(levels, str(_l("Points per readiness level")), "lv"),
        "gaps": gaps,
        "gap_chart": bar_chart(
            [Bar(g["title"], g["count"]) for g in gaps[:GAPS_CHARTED]],
            str(_l("Points with a gap, by criterion")),
            "gp",
            patterned=False,
        ),
        "gaps_charted": GAPS_CHARTED,
        "plan": [
            {**row, "criterion_title": titles.get(row["criterion"] or "", row["criterion"])}
            for row in report.plan
        ],
    }
