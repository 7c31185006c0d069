"""Point-list arguments (filters, sort, paging), read the same way by the register and the API.

A bad value is a 422 that names the argument, on a page as in JSON: a list silently showing page
1 or every level instead of what was asked for would mislead the coordinator."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

from flask_babel import lazy_gettext as _l
from marshmallow import Schema, fields, validate
from sqlalchemy.orm import Session

from readiness.criteria.services import LEVELS, ids_at_level
from readiness.errors import Invalid
from readiness.points.enums import KINDS
from readiness.points.queries import PointFilters
from readiness.validation import DB_INT_MAX, parse_whole_number, unknown_choice

DEFAULT_PER_PAGE = 50
MAX_PER_PAGE = 100
MAX_TEXT = 200  # a name, an area or a search: longer is no real filter
_WHOLE_NUMBER = _l("%(field)s must be a whole number from 1 to %(max)s.")
_TOO_LONG = _l("%(field)s can be at most %(max)s characters.")
_FIELD_NAMES = {
    "page": _l("Page"),
    "per_page": _l("Points per page"),
    "municipality": _l("Municipality"),
    "area": _l("Area"),
    "q": _l("Search"),
}


@dataclass(frozen=True)
class ListArgs:
    municipality: str | None = None
    area: str | None = None
    kind: str | None = None
    q: str | None = None
    level: str | None = None
    sort: str | None = None
    page: int = 1
    per_page: int = DEFAULT_PER_PAGE
    mine: bool | None = None  # `mine=1` / `mine=0`; unset: the page's default for the user


class MunicipalityArgsSchema(Schema):
    """`?municipality=` as parse_list_args reads it (schemas here are for the OpenAPI document;
    the parser is the check)."""

    municipality = fields.String(validate=validate.Length(max=MAX_TEXT))


class AreaArgsSchema(MunicipalityArgsSchema):
    area = fields.String(validate=validate.Length(max=MAX_TEXT))


class ListArgsSchema(AreaArgsSchema):
    """The point list's arguments as parse_list_args reads them (for the OpenAPI document)."""

    kind = fields.String(validate=validate.OneOf(KINDS))
    q = fields.String(validate=validate.Length(max=MAX_TEXT))
    level = fields.String(validate=validate.OneOf(LEVELS))
    page = fields.Integer(validate=validate.Range(min=1, max=DB_INT_MAX))
    per_page = fields.Integer(validate=validate.Range(min=1, max=MAX_PER_PAGE))


def parse_list_args(args: Mapping[str, str], sorts: tuple[str, ...] = ()) -> ListArgs:
    """The list arguments of a query string; Invalid naming every bad one. Empty means unset."""
    errors: dict[str, list[str]] = {}

    def text(name: str) -> str | None:
        value = (args.get(name) or "").strip()
        if len(value) > MAX_TEXT:
            errors[name] = [str(_TOO_LONG % {"field": _FIELD_NAMES[name], "max": MAX_TEXT})]
        return value or None

    def choice(name: str, allowed: tuple[str, ...]) -> str | None:
        value = args.get(name) or None
        if value is not None and value not in allowed:
            errors[name] = [unknown_choice(allowed)]
            return None
        return value

    def number(name: str, default: int, maximum: int) -> int:
        raw = args.get(name)
        if raw is None or raw == "":
            return default
        value = parse_whole_number(raw, minimum=1, maximum=maximum)
        if value is None:
            errors[name] = [str(_WHOLE_NUMBER % {"field": _FIELD_NAMES[name], "max": maximum})]
            return default
        return value

    parsed = ListArgs(
        municipality=text("municipality"),
        area=text("area"),
        kind=choice("kind", KINDS),
        q=text("q"),
        level=choice("level", LEVELS),
        sort=choice("sort", sorts) if sorts else None,
        page=number("page", 1, DB_INT_MAX),
        per_page=number("per_page", DEFAULT_PER_PAGE, MAX_PER_PAGE),
        mine={None: None, "1": True, "0": False}[choice("mine", ("1", "0"))],
    )
    if errors:
        raise Invalid(errors)
    return parsed


def point_filters(
    session: Session,
    args: ListArgs,
    as_of: date,
    overrides: dict,
    *,
    archived: bool = False,
    only_ids: list[int] | None = None,
) -> PointFilters:
    """The points query for these arguments; a level filter picks the points at that level,
    `only_ids` (a staff member's own points) narrows the list further."""
    filters = PointFilters(
        municipality=args.municipality,
        area=args.area,
        kind=args.kind,
        q=args.q,
        archived=archived,
        sort=args.sort or "name",
        page=args.page,
        per_page=args.per_page,
    )
    if args.level and not archived:
        filters.ids = ids_at_level(
            session,
            args.level,
            as_of,
            overrides,
            municipality=args.municipality,
            area=args.area,
            point_ids=only_ids,
        )
    elif only_ids is not None:
        filters.ids = only_ids
    return filters
