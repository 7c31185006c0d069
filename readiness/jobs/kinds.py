"""The kinds of background job. Each is a run function (and a start check) over the features'
own services: a job prints, reports or exports exactly what the synchronous route would."""

from __future__ import annotations

from flask_babel import get_locale
from flask_babel import lazy_gettext as _l
from sqlalchemy import func
from sqlalchemy.orm import Session
from werkzeug.datastructures import MultiDict

from readiness.apidoc import PDF
from readiness.auth.permissions import COORDINATORS, ensure_role, own_point_ids
from readiness.criteria.catalog import slug
from readiness.criteria.list_args import parse_list_args, point_filters
from readiness.criteria.services import record_readiness
from readiness.errors import Invalid
from readiness.exchange.exporting import XLSX_MIMETYPE, export_selection, points_csv, points_xlsx
from readiness.exchange.importing import import_file, report_lines, summary_lines
from readiness.exchange.web import export_name
from readiness.jobs.registry import RunningJob, Start, job_kind
from readiness.jobs.schemas import (
    ExportJobSchema,
    ImportJobArgsSchema,
    NoticeJobSchema,
    ReportJobSchema,
)
from readiness.notices.printing import print_notices_to
from readiness.points.models import Point
from readiness.points.queries import points_in_scope
from readiness.reports.pdf import report_file_name, report_pdf
from readiness.reports.services import parse_municipality, parse_year, yearly_figures
from readiness.reports.web import report_context
from readiness.timeutil import today_in_sweden
from readiness.validation import load_input

# ----- a batch of notice sheets -------------------------------------------------------------


@job_kind("notices", label=_l("Notice sheets"))
def notices(job: RunningJob) -> None:

    params = job.params
    with job.result(notice_file_name(params), PDF) as out:
        print_notices_to(
            out,
            job.session,
            job.config["PUBLIC_BASE_URL"],
            params["lang"],
            municipality=params["municipality"],
            area=params.get("area"),
            progress=job.progress,
        )


def notice_file_name(params: dict) -> str:
    """`anslag-krokom-follinge.pdf`, `notices-krokom.pdf` in English."""
    stem = "anslag" if params["lang"] == "sv" else "notices"
    place = [params["municipality"]] + ([params["area"]] if params.get("area") else [])
    return "-".join([stem, *(slug(part) or "x" for part in place)]) + ".pdf"


def notice_sheet_count(session: Session, municipality: str, area: str | None) -> int:
    """How many sheets the batch of a municipality (and area) has: its active points."""
    return session.scalar(
        points_in_scope(func.count(Point.id), municipality=municipality, area=area)
    )


@notices.starter
def start_notices(session: Session, raw: dict, _user) -> Start:
    params = load_input(NoticeJobSchema(), raw)
    params["lang"] = params.get("lang") or "sv"
    total = notice_sheet_count(session, params["municipality"], params.get("area"))
    if not total:
        field = "area" if params.get("area") else "municipality"
        raise Invalid({field: [str(_l("There are no points here to print."))]})
    return Start(params, total)


# ----- the yearly report --------------------------------------------------------------------


@job_kind("yearly_report", label=_l("Yearly report"), roles=COORDINATORS)
def yearly_report(job: RunningJob) -> None:

    params = job.params
    job.progress(0, 1)
    report = yearly_figures(
        job.session,
        params["municipality"],
        params["year"],
        job.config["CRITERIA_OVERRIDES"],
        today_in_sweden(),
    )
    pdf = report_pdf(report_context(report), params["lang"])
    with job.result(report_file_name(report), PDF) as out:
        out.write(pdf)
    job.progress(1, 1)


@yearly_report.starter
def start_yearly_report(session: Session, raw: dict, _user) -> Start:

    params = load_input(ReportJobSchema(), raw)
    params["municipality"] = parse_municipality(session, params["municipality"])
    params["year"] = parse_year(str(params["year"]), today_in_sweden())
    params["lang"] = params.get("lang") or "sv"
    return Start(params, 1)


# ----- an export of points ------------------------------------------------------------------

EXPORT_FILTERS = ("municipality", "area", "kind", "q", "level")


@job_kind("export", label=_l("Export of points"))
def export(job: RunningJob) -> None:
    params, today = job.params, today_in_sweden()
    overrides = job.config["CRITERIA_OVERRIDES"]
    args = parse_list_args(MultiDict({k: params[k] for k in EXPORT_FILTERS if params.get(k)}))
    only_ids = own_point_ids(job.user, args.mine) if job.user is not None else None
    filters = point_filters(job.session, args, today, overrides, only_ids=only_ids)
    points, readiness = export_selection(job.session, filters, today, overrides)
    job.progress(0, len(points))
    if params["format"] == "xlsx":
        data, media_type, name = points_xlsx(points, readiness), XLSX_MIMETYPE, export_name("xlsx")
    else:
        sheet = params.get("sheet") or "points"
        data, media_type = points_csv(points, readiness, sheet), "text/csv"
        name = export_name("csv", sheet)
    with job.result(name, media_type) as out:
        out.write(data)
    job.progress(len(points), len(points))


@export.starter
def start_export(session: Session, raw: dict, _user) -> Start:
    params = load_input(ExportJobSchema(), raw)
    params["lang"] = params.get("lang") or "sv"
    parse_list_args(MultiDict({k: params[k] for k in EXPORT_FILTERS if params.get(k)}))
    return Start(params)


# ----- an import of points ------------------------------------------------------------------

# A refused file's problems in the job's error, at most this many (the rest are counted).
PROBLEMS_SHOWN = 20


@job_kind("import", label=_l("Import of points"), roles=COORDINATORS)
def import_points(job: RunningJob) -> None:
    """Import (or with dry_run only check) the file stored with the job: every row or none,
    as `flask import-points`. The points are written in the job's session, committed only
    together with "finished"; the result is the summary as text. No progress is written on
    the way: on SQLite that second connection would wait for this one's writes."""
    ensure_role(job.user, *COORDINATORS)  # still a coordinator when it runs
    params = job.params
    data = job.input_path().read_bytes()
    result = import_file(job.session, params["file_name"], data, job.user)
    if not result.ok:
        lines = report_lines(result)
        shown = lines[: PROBLEMS_SHOWN + 1]
        if len(lines) > len(shown):
            shown.append(str(_l("… and %(num)s more.", num=len(lines) - len(shown))))
        raise ImportRefused({"file": shown})
    if params["dry_run"]:
        job.session.rollback()  # a check: nothing is kept
    else:
        record_readiness(
            job.session, today_in_sweden(), job.config["CRITERIA_OVERRIDES"], result.changed_ids
        )
    text = "\n".join(summary_lines(result, str(get_locale()), dry_run=params["dry_run"]))
    stem = "importrapport" if params["lang"] == "sv" else "import-report"
    with job.result(f"{stem}.txt", "text/plain") as out:
        out.write((text + "\n").encode("utf-8"))


class ImportRefused(Invalid):
    """The file has problems: nothing was imported."""


@import_points.starter
def start_import(session: Session, raw: dict, _user) -> Start:
    params = load_input(ImportJobArgsSchema(), raw)
    params["lang"] = params.get("lang") or "sv"
    if not params["file_name"].lower().endswith((".xlsx", ".csv")):
        raise Invalid({"file_name": [str(_l("Send an .xlsx or a .csv file."))]})
    return Start(params, 1)
