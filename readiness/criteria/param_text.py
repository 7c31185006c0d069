"""The criteria's parameters in words: "Minsta drifttid: 72 timmar", roles and kinds as labels."""

from __future__ import annotations

from collections.abc import Callable

from babel.numbers import format_decimal
from flask_babel import force_locale, ngettext
from flask_babel import lazy_gettext as _l

from readiness.criteria.catalog import Catalog
from readiness.i18n import plural_count
from readiness.labels import LABELS, label


def _hours(number: float, text: str) -> str:
    return ngettext("%(value)s hour", "%(value)s hours", plural_count(number), value=text)


def _days(number: float, text: str) -> str:
    return ngettext("%(value)s day", "%(value)s days", plural_count(number), value=text)


def _people(number: float, text: str) -> str:
    return ngettext("%(value)s person", "%(value)s people", plural_count(number), value=text)


# Parameter name -> its label and how a value reads: a unit for numbers, a label group for lists
# (or several: the first that has every value, as point roles and area roles share `roles`).
PARAMETERS: dict[str, tuple[object, Callable[[float, str], str] | str | tuple | None]] = {
    "min_hours": (_l("Minimum runtime"), _hours),
    "days": (_l("Time limit"), _days),
    "min_holders": (_l("People per role, at least"), _people),
    "min_coordinators": (_l("Coordinators, at least"), _people),
    "roles": (_l("Required roles"), ("role", "area_role")),
    "services": (_l("Required services"), "service"),
    "services_needing_power": (_l("Services that need power"), "service"),
    "always_covered": (_l("Always on reserve power"), "covers"),
    "kinds": (_l("Channels that count"), "channel"),
}


def _label_group(reads, values: list) -> str | None:
    """The label group a list's values read from: the first of `reads` that has them all."""
    groups = (reads,) if isinstance(reads, str) else reads if isinstance(reads, tuple) else ()
    return next((g for g in groups if all(v in LABELS[g] for v in values)), None)


def parameter_text(name: str, value, locale: str) -> str:
    """One parameter as "label: value" in the current language (unknown names kept as is)."""
    word, reads = PARAMETERS.get(name, (name, None))
    if isinstance(value, list):
        group = _label_group(reads, value)
        text = ", ".join(label(group, item) if group else str(item) for item in value)
    elif isinstance(value, int | float) and not isinstance(value, bool):
        number = format_decimal(value, format="#,##0.#", locale=locale)
        text = reads(value, number) if callable(reads) else number
    else:
        text = str(value)
    return f"{word}: {text}"


def parameter_lines(params: dict, locale: str) -> list[str]:
    """A criterion's parameters, one line each, in `locale`."""
    with force_locale(locale):
        return [parameter_text(name, value, locale) for name, value in params.items()]


def override_lines(catalog: Catalog, locale: str) -> list[str]:
    """A municipality's own values: "Drifttid på full tank › Minsta drifttid: 168 timmar"."""
    with force_locale(locale):
        return [
            f"{catalog.get(criterion_id).title[locale]} › {parameter_text(name, value, locale)}"
            for key, value in catalog.overrides.items()
            for criterion_id, _, name in [key.partition(".")]
        ]
