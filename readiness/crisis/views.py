"""Crisis operations in the register: activate points, the crisis board, the log and fuel
readings of a point, ending an event, and the event's log as CSV and PDF.

Every page needs a login (auth/access.py); coordinators reach every point, staff the points
assigned to them (the services decide, as for the API)."""

from __future__ import annotations

from flask import Blueprint, current_app, flash, redirect, render_template, request, url_for
from flask_babel import get_locale, ngettext
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from readiness.auth.access import roles_required
from readiness.auth.permissions import (
    COORDINATORS,
    can_edit_point,
    ensure_can_edit_point,
    is_coordinator,
)
from readiness.crisis import export, services
from readiness.crisis.models import CrisisEvent
from readiness.crisis.web import (
    BOARD_CRITERIA,
    RECENT_LOG_ENTRIES,
    activation_errors,
    activation_input,
    activation_values,
    age_in_words,
    default_message,
    fuel_input,
    fuel_view,
    log_input,
    point_fuel_view,
    prefixed_errors,
)
from readiness.criteria.messages import gap_text
from readiness.criteria.services import assess
from readiness.criteria.web import record_after_write
from readiness.errors import Invalid
from readiness.extensions import db
from readiness.notices.pdf import SYSTEM_PACKAGES, PdfUnavailable
from readiness.notices.printing import pdf_response
from readiness.points import queries as points
from readiness.points.models import Point
from readiness.timeutil import today_in_sweden, utcnow
from readiness.validation import parse_whole_number

bp = Blueprint("crisis", __name__)

# Names of the points an activation changed, in its message; the board lists them all.
NAMED_IN_MESSAGE = 5


def _areas() -> dict[str, tuple[str, str]]:
    return {str(a.id): (a.municipality, a.area) for a in services.area_options(db.session)}


def _render_index(values: dict, errors: dict, status: int = 200):
    coordinator = is_coordinator(current_user)
    own = None if coordinator else [p.id for p in current_user.assigned_points]
    running = services.open_events(db.session)
    return render_template(
        "crisis/index.html",
        running=running,
        ended=[e for e in services.recent_events(db.session) if not e.is_open],
        point_options=services.point_options(db.session, only_ids=own),
        area_options=[
            (str(a.id), f"{a.municipality} › {a.area}") for a in services.area_options(db.session)
        ]
        if coordinator
        else [],
        municipality_options=[(m, m) for m in services.municipality_options(db.session)]
        if coordinator
        else [],
        values=values,
        errors=errors,
    ), status


def _blank_activation() -> dict:
    running = services.open_events(db.session)
    return {
        "state": "open",
        "message": default_message("open"),
        "event": running[0].name if running else "",
        "exercise": running[0].exercise if running else False,
    }


def _changed_message(state: str, changed: list[Point]) -> str:
    names = ", ".join(p.name for p in changed[:NAMED_IN_MESSAGE])
    if len(changed) > NAMED_IN_MESSAGE:
        names += " …"
    texts = {
        "open": ngettext(
            "%(num)s point is now open: %(names)s.",
            "%(num)s points are now open: %(names)s.",
            len(changed),
            names=names,
        ),
        "closed": ngettext(
            "%(num)s point is now closed: %(names)s.",
            "%(num)s points are now closed: %(names)s.",
            len(changed),
            names=names,
        ),
        "normal": ngettext(
            "%(num)s point is back to normal: %(names)s.",
            "%(num)s points are back to normal: %(names)s.",
            len(changed),
            names=names,
        ),
    }
    return texts[state]


@bp.get("/crisis")
def index():
    return _render_index(_blank_activation(), {})


@bp.post("/crisis/activate")
def activate():
    values = activation_values(request.form)
    try:
        data = activation_input(values, _areas())
        event, changed = services.activate(db.session, data, current_user, utcnow())
    except Invalid as error:
        db.session.rollback()
        return _render_index(values, activation_errors(error.errors, values), status=422)
    db.session.commit()
    flash(_changed_message(data["state"], changed))
    if event is not None:
        return redirect(url_for("crisis.board", event_id=event.id))
    return redirect(url_for("crisis.index"))


def _event_to_preselect(point: Point) -> CrisisEvent | None:
    """The point's own event, or else the newest running one: a storm is usually one event."""
    if point.crisis_event_id:
        return db.session.get(CrisisEvent, point.crisis_event_id)
    return next(iter(services.open_events(db.session)), None)


def _render_state_form(point: Point, values: dict, errors: dict, status: int = 200):
    return render_template(
        "crisis/state_form.html",
        point=point,
        running=services.open_events(db.session),
        values=values,
        errors=errors,
    ), status


@bp.route("/points/<int:point_id>/crisis", methods=["GET", "POST"])
def point_state(point_id: int):
    """The point page's quick buttons lead here: a small form, filled in, one tap to save."""
    point = points.get_point(db.session, point_id)
    ensure_can_edit_point(current_user, point)
    if request.method == "GET":
        state = request.args.get("state")
        state = state if state in ("open", "closed", "normal") else "open"
        event = _event_to_preselect(point)
        same = state == point.crisis_state and point.crisis_message
        values = {
            "state": state,
            "message": point.crisis_message if same else default_message(state),
            "event": event.name if event else "",
            "exercise": event.exercise if event else False,
        }
        return _render_state_form(point, values, {})
    values = {**activation_values(request.form), "point": point.code}
    try:
        data = activation_input(values, {})
        _event, changed = services.activate(db.session, data, current_user, utcnow())
    except Invalid as error:
        db.session.rollback()
        return _render_state_form(point, values, activation_errors(error.errors, values), 422)
    db.session.commit()
    flash(_changed_message(data["state"], changed))
    return redirect(url_for("points.show", point_id=point.id, _anchor="crisis"))


def _board_to_return_to() -> int | None:
    raw = request.values.get("board")
    return parse_whole_number(raw, minimum=1) if raw else None


def _render_log_page(point: Point, log_values: dict, log_errors: dict, status: int = 200):
    now = utcnow()
    return render_template(
        "crisis/log_page.html",
        point=point,
        board=_board_to_return_to(),
        crisis_fuel=point_fuel_view(point, now),
        crisis_log=services.recent_log_entries(db.session, point.id, 2 * RECENT_LOG_ENTRIES),
        log_values=log_values,
        log_errors=log_errors,
    ), status


def _back_after_log(point: Point):
    board = _board_to_return_to()
    if board is not None:
        return redirect(url_for("crisis.board", event_id=board, _anchor=f"point-{point.code}"))
    return redirect(url_for("points.show", point_id=point.id, _anchor="crisis"))


@bp.get("/points/<int:point_id>/crisis-log")
def log_page(point_id: int):
    point = points.get_point(db.session, point_id)
    ensure_can_edit_point(current_user, point)
    return _render_log_page(point, {}, {})


@bp.post("/points/<int:point_id>/crisis-log")
def add_log_entry(point_id: int):
    point = points.get_point(db.session, point_id)  # the service checks who may add to it
    try:
        services.add_log_entry(db.session, point, log_input(request.form), current_user, utcnow())
    except Invalid as error:
        db.session.rollback()
        errors = prefixed_errors(error.errors, "log")
        return _render_log_page(point, request.form.to_dict(), errors, status=422)
    db.session.commit()
    flash(_("Logged for %(name)s.", name=point.name))
    return _back_after_log(point)


@bp.post("/points/<int:point_id>/fuel-readings")
def add_fuel_reading(point_id: int):
    point = points.get_point(db.session, point_id)  # the service checks who may add to it
    now = utcnow()
    try:
        reading = services.add_fuel_reading(
            db.session, point, fuel_input(request.form), current_user, now
        )
    except Invalid as error:
        db.session.rollback()
        values = request.form.to_dict()
        errors = prefixed_errors(error.errors, "fuel")
        return _render_log_page(point, values, errors, status=422)
    fuel = fuel_view(point, reading, services.point_fuel(point, reading, now), now)
    db.session.commit()
    flash(_("Fuel reading saved for %(name)s. %(left)s", name=point.name, left=fuel.summary))
    return _back_after_log(point)


def _board_gaps(point_ids: list[int]) -> dict[int, list[str]]:
    """The gaps that matter while a point is open (no generator, no independent channel),
    in words, per point."""
    if not point_ids:
        return {}
    locale = str(get_locale())
    overrides = current_app.config["CRITERIA_OVERRIDES"]
    gaps: dict[int, list[str]] = {}
    for item in assess(db.session, today_in_sweden(), overrides, point_ids=point_ids):
        gaps[item.facts.id] = [
            gap_text(gap, item.catalog, locale)["message"]
            for gap in item.evaluation.gaps
            if gap.criterion in BOARD_CRITERIA
        ]
    return gaps


@bp.get("/crisis/<int:event_id>")
def board(event_id: int):
    event = services.get_event(db.session, event_id)
    now = utcnow()
    rows = services.board(db.session, event, now)
    return render_template(
        "crisis/board.html",
        event=event,
        rows=rows,
        fuels={r.point.id: fuel_view(r.point, r.reading, r.fuel, now) for r in rows},
        ages={r.point.id: age_in_words(r.point.crisis_since, now) for r in rows},
        gaps=_board_gaps([r.point.id for r in rows]),
        editable={r.point.id for r in rows if can_edit_point(current_user, r.point)},
        now=now,
        auto_reload=event.is_open and request.args.get("auto") == "1",
    )


@bp.route("/crisis/<int:event_id>/end", methods=["GET", "POST"])
@roles_required(*COORDINATORS)
def end(event_id: int):
    """Ending takes a confirmation: every point of the event goes back to normal at once."""
    event = services.get_event(db.session, event_id)
    if request.method == "GET":
        current = [
            p for p in services.event_points(db.session, event) if p.crisis_event_id == event.id
        ]
        return render_template("crisis/end.html", event=event, current=current)
    try:
        ended = services.end_event(db.session, event, current_user, utcnow())
    except Invalid as error:
        db.session.rollback()
        flash(" ".join(error.errors.get("_request", [])))
        return redirect(url_for("crisis.board", event_id=event_id))
    if event.exercise:
        record_after_write([p.id for p in ended])  # EXERCISE-RECENT moved
    db.session.commit()
    flash(_("%(name)s has ended. Its points are back to normal.", name=event.name))
    return redirect(url_for("crisis.board", event_id=event.id))


@bp.get("/crisis/<int:event_id>/log.csv")
def log_csv(event_id: int):
    event = services.get_event(db.session, event_id)
    return export.csv_response(event, export.log_rows(db.session, event))


@bp.get("/crisis/<int:event_id>/log.pdf")
def log_pdf(event_id: int):
    event = services.get_event(db.session, event_id)
    try:
        pdf = export.log_pdf(event, export.log_rows(db.session, event), utcnow())
    except (OSError, ImportError) as error:  # Pango (or WeasyPrint itself) is missing
        message = _l(
            "PDF printing needs the system packages %(packages)s. "
            "Install them with: apt-get install %(packages)s",
            packages=SYSTEM_PACKAGES,
        )
        raise PdfUnavailable({"_request": [str(message)]}) from error
    return pdf_response(pdf, export.file_name(event, "pdf"))
