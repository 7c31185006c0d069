"""Alert feeds for other systems: every activation as an Atom entry, and an event as a CAP 1.2
alert (OASIS Common Alerting Protocol), so a municipality website, a regional map or a radio
newsroom learns "Trygghetspunkten Föllinge bygdegård är öppen" without scraping.

Only public data: the points' public fields (points/public.py), the state and the message for
residents, and the event's name and whether it is an exercise. An exercise says ÖVNING /
EXERCISE in every entry and is a CAP `Exercise`, never `Actual`."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from urllib.parse import urlencode, urlsplit
from xml.etree import ElementTree

from feedgen.feed import FeedGenerator
from flask_babel import force_locale, gettext, ngettext
from sqlalchemy import select
from sqlalchemy.orm import Session

from readiness.crisis.models import CrisisActivation, CrisisEvent
from readiness.points.models import Municipality, Point
from readiness.points.public import PublicPoint, public_url
from readiness.points.queries import points_in_scope
from readiness.public.data import public_points
from readiness.public.moments import short_moment
from readiness.timeutil import STOCKHOLM, as_utc, utcnow

FEED_LIMIT = 50  # entries: a day of a large storm, and a small response
CAP_NAMESPACE = "urn:oasis:names:tc:emergency:cap:1.2"
CAP_LANGUAGES = (("sv", "sv-SE"), ("en", "en-US"))
CAP_RADIUS_KM = "0.1"  # a point is a building: the circle marks where it is, not a zone


@dataclass(frozen=True)
class FeedEntry:
    activation_id: int
    state: str
    message: str | None
    at: datetime
    exercise: bool
    event_id: int
    event_name: str
    code: str
    name: str


def recent_activations(
    session: Session, municipality: str | None = None, limit: int = FEED_LIMIT
) -> list[FeedEntry]:
    """The latest state changes of active points, newest first, in one query."""
    rows = session.execute(
        points_in_scope(
            CrisisActivation.id,
            CrisisActivation.state,
            CrisisActivation.message,
            CrisisActivation.at,
            CrisisEvent.exercise,
            CrisisEvent.id,
            CrisisEvent.name,
            Point.code,
            Point.name,
            municipality=municipality,
        )
        .join(CrisisActivation, CrisisActivation.point_id == Point.id)
        .join(CrisisEvent, CrisisEvent.id == CrisisActivation.event_id)
        .order_by(CrisisActivation.at.desc(), CrisisActivation.id.desc())
        .limit(limit)
    )
    return [FeedEntry(*row[:3], as_utc(row[3]), *row[4:]) for row in rows]


def municipality_name(session: Session, name: str) -> str | None:
    """The municipality as registered ("krokom" -> "Krokom"), or None when there is none."""
    return session.scalar(points_in_scope(Municipality.name, municipality=name).limit(1))


def state_sentence(name: str, state: str) -> str:
    if state == "open":
        return gettext("Safety point %(name)s is open", name=name)
    if state == "closed":
        return gettext("Safety point %(name)s is closed", name=name)
    return gettext("Safety point %(name)s is back to normal", name=name)


def _exercise_prefix(exercise: bool) -> str:
    return f"{gettext('EXERCISE')} – " if exercise else ""


def _exercise_note() -> str:
    return f"{gettext('EXERCISE')} – {gettext('This is an exercise, not a real emergency.')}"


def _language_args(lang: str) -> str:
    return "?lang=en" if lang == "en" else ""


def atom_feed(
    entries: list[FeedEntry], base_url: str, municipality: str | None, lang: str
) -> bytes:
    """The activations as an Atom feed, newest first, each linking to the resident page."""
    query = urlencode({"municipality": municipality}) if municipality else ""
    feed_url = f"{base_url}/p/feed.atom" + (f"?{query}" if query else "")
    list_url = f"{base_url}/p/" + (f"?{query}" if query else "")
    feed = FeedGenerator()
    feed.id(feed_url)
    feed.title(
        gettext("Safety points in %(m)s: activations", m=municipality)
        if municipality
        else gettext("Safety points: activations")
    )
    feed.author({"name": gettext("Safety point register")})
    feed.link(href=feed_url, rel="self", type="application/atom+xml")
    feed.link(href=list_url, rel="alternate", type="text/html")
    feed.language(lang)
    feed.updated(entries[0].at if entries else utcnow())
    for entry in entries:
        item = feed.add_entry(order="append")
        page = public_url(base_url, entry.code) + _language_args(lang)
        item.id(f"{base_url}/p/{entry.code}#activation-{entry.activation_id}")
        item.title(_exercise_prefix(entry.exercise) + state_sentence(entry.name, entry.state))
        # Only the page: feedgen 1.0 writes an entry's links without rel or type (its issue
        # #135), so a second link (the CAP alert) would read as another alternate.
        item.link(href=page, rel="alternate", type="text/html")
        item.published(entry.at)
        item.updated(entry.at)
        item.category(term=entry.state)
        if entry.exercise:
            item.category(term="exercise", label=gettext("EXERCISE"))
        lines = []
        if entry.exercise:
            lines.append(_exercise_note())
        if entry.message:
            lines.append(entry.message)
        lines.append(f"{entry.event_name} · {short_moment(entry.at)}")
        item.summary("\n".join(lines))
    return feed.atom_str(pretty=False)


@dataclass(frozen=True)
class CapPoint:
    point: PublicPoint
    state: str  # the point's last state in the event
    message: str | None
    at: datetime
    activation_id: int  # of that last state


def event_points(session: Session, event: CrisisEvent) -> list[CapPoint]:
    """Each active point activated in the event with its last state in it, in name order."""
    last: dict[str, CrisisActivation] = {}
    for activation, code in session.execute(
        select(CrisisActivation, Point.code)
        .join(Point, Point.id == CrisisActivation.point_id)
        .where(CrisisActivation.event_id == event.id)
        .order_by(CrisisActivation.at, CrisisActivation.id)
    ):
        last[code] = activation
    if not last:
        return []
    return [
        CapPoint(
            p, last[p.code].state, last[p.code].message, as_utc(last[p.code].at), last[p.code].id
        )
        for p in public_points(session, codes=list(last))
    ]


def _cap_time(moment: datetime) -> str:
    """CAP's dateTime: seconds and an explicit offset ("2026-12-01T14:05:00+01:00", no "Z")."""
    return as_utc(moment).astimezone(STOCKHOLM).replace(microsecond=0).isoformat()


def _cap_identifier(sender: str, event: CrisisEvent, points: list[CapPoint]) -> str:
    # A new identifier for every change: CAP consumers treat one identifier as one message.
    version = max((p.activation_id for p in points), default=0)
    return f"{sender}.event{event.id}.{version}" + (".ended" if event.ended_at else "")


def _point_line(item: CapPoint) -> str:
    point = item.point
    place = ", ".join(filter(None, (point.name, point.address, point.locality)))
    if item.state == "open":
        state = gettext("open since %(moment)s", moment=short_moment(item.at))
    elif item.state == "closed":
        state = gettext("closed since %(moment)s", moment=short_moment(item.at))
    else:
        state = gettext("back to normal since %(moment)s", moment=short_moment(item.at))
    return f"{place}: {state}." + (f" {item.message}" if item.message else "")


def _headline(event: CrisisEvent, points: list[CapPoint]) -> str:
    opened = sum(p.state == "open" for p in points)
    closed = sum(p.state == "closed" for p in points)
    parts = []
    if opened:
        parts.append(ngettext("%(num)d safety point open", "%(num)d safety points open", opened))
    if closed:
        parts.append(
            ngettext("%(num)d safety point closed", "%(num)d safety points closed", closed)
        )
    summary = ", ".join(parts) or gettext("safety points back to normal")
    return f"{_exercise_prefix(event.exercise)}{event.name}: {summary}"


def _add(parent: ElementTree.Element, tag: str, text: str | None = None) -> ElementTree.Element:
    element = ElementTree.SubElement(parent, f"{{{CAP_NAMESPACE}}}{tag}")
    if text is not None:
        element.text = text
    return element


def _cap_info(alert, event: CrisisEvent, points: list[CapPoint], base_url: str, lang: str, tag):
    ended = event.ended_at is not None or not any(p.state in ("open", "closed") for p in points)
    info = _add(alert, "info")
    _add(info, "language", tag)
    _add(info, "category", "Safety")
    _add(
        info,
        "event",
        gettext("Safety points back to normal") if ended else gettext("Safety points activated"),
    )
    _add(info, "urgency", "Past" if ended else "Immediate")
    _add(info, "severity", "Minor" if ended else "Moderate")
    _add(info, "certainty", "Observed")
    _add(info, "senderName", gettext("Safety point register"))
    _add(info, "headline", _headline(event, points))
    lines = ([_exercise_note()] if event.exercise else []) + [_point_line(p) for p in points]
    _add(info, "description", "\n".join(lines))
    municipalities = sorted({p.point.municipality for p in points})
    query = {"municipality": municipalities[0]} if len(municipalities) == 1 else {}
    if lang == "en":
        query["lang"] = "en"
    _add(info, "web", f"{base_url}/p/" + (f"?{urlencode(query)}" if query else ""))
    for item in points:
        if item.state not in ("open", "closed"):
            continue
        point = item.point
        area = _add(info, "area")
        if item.state == "open":
            state = gettext("Open (exercise)") if event.exercise else gettext("Open now")
        else:
            state = gettext("Closed (exercise)") if event.exercise else gettext("Closed")
        place = ", ".join(filter(None, (point.name, point.address, point.locality)))
        _add(area, "areaDesc", f"{place} – {state}")
        if point.lat is not None and point.lon is not None:
            _add(area, "circle", f"{point.lat:.6f},{point.lon:.6f} {CAP_RADIUS_KM}")


def cap_alert(event: CrisisEvent, points: list[CapPoint], base_url: str) -> bytes:
    """The event as one CAP 1.2 alert: an <info> per language, each open or closed point as an
    <area> with a circle around its coordinates."""
    sender = urlsplit(base_url).hostname or "localhost"
    moments = [as_utc(event.started_at), as_utc(event.ended_at), *(p.at for p in points)]
    sent = max((m for m in moments if m is not None), default=None) or utcnow()
    alert = ElementTree.Element(f"{{{CAP_NAMESPACE}}}alert")
    _add(alert, "identifier", _cap_identifier(sender, event, points))
    _add(alert, "sender", sender)
    _add(alert, "sent", _cap_time(sent))
    _add(alert, "status", "Exercise" if event.exercise else "Actual")
    _add(alert, "msgType", "Alert")
    _add(alert, "scope", "Public")
    if event.exercise:  # in both languages: the note is not per <info>
        notes = []
        for lang, _tag in CAP_LANGUAGES:
            with force_locale(lang):
                notes.append(_exercise_note())
        _add(alert, "note", " / ".join(notes))
    for lang, tag in CAP_LANGUAGES:
        with force_locale(lang):
            _cap_info(alert, event, points, base_url, lang, tag)
    return ElementTree.tostring(
        alert, encoding="utf-8", xml_declaration=True, default_namespace=CAP_NAMESPACE
    )
