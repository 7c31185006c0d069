"""Gap facts in words: the catalog's templates filled in the reader's language."""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from functools import lru_cache

from babel.numbers import format_decimal
from flask_babel import force_locale
from markupsafe import Markup

from readiness.criteria.catalog import Catalog
from readiness.criteria.engine import Evaluation, Gap
from readiness.labels import label

# Facts that quote what people typed into the register (in its data language, Swedish).
TYPED_FACTS = frozenset({"area"})


# Words are memoised: a region's readiness has ~50,000 gaps but few distinct numbers and labels,
# and babel's formatting and a forced locale cost ~0.1 ms each (most of `GET /api/v1/readiness`).
# Both are fixed for the process: babel's locale data and the compiled catalogs.
@lru_cache(maxsize=4096)
def _number(value: int | float, locale: str) -> str:
    return format_decimal(value, format="#,##0.#", locale=locale)  # 71.9 -> "71,9" in Swedish


@lru_cache(maxsize=1024)
def _label(group: str, value: str, locale: str) -> str:
    with force_locale(locale):
        return label(group, value)


def _word(value, locale: str) -> str:
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, int | float):
        return _number(value, locale)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, tuple):  # (label group, enum value)
        return _label(*value, locale)
    if isinstance(value, list):
        return ", ".join(_word(item, locale) for item in value)
    return str(value)


def gap_text(
    gap: Gap, catalog: Catalog, locale: str, data_locale: str | None = None
) -> dict[str, str]:
    """The gap in words. Given the register's `data_locale` (for HTML pages), a message in
    another language is Markup whose quoted typed text carries its own `lang` (WCAG 3.1.2)."""
    criterion = catalog.get(gap.criterion)
    missing_value = gap.facts.get("missing_value") and criterion.message_missing
    variant = gap.facts.get("variant")
    if missing_value:
        template = criterion.message_missing[locale]
    elif variant:
        template = criterion.message_variants[variant][locale]
    else:
        template = criterion.message[locale]
    values = defaultdict(str, {k: _word(v, locale) for k, v in gap.facts.items()})
    message = template.format_map(values)
    if data_locale and data_locale != locale and TYPED_FACTS & gap.facts.keys():
        marked = defaultdict(str, values)
        for key in TYPED_FACTS & gap.facts.keys():
            if gap.facts[key]:
                marked[key] = Markup('<span lang="{}">{}</span>').format(data_locale, values[key])
        message = Markup.escape(template).format_map(marked)
    return {
        "criterion": gap.criterion,
        "severity": gap.severity,
        "message": message,
        "remedy": criterion.remedy[locale],
    }


def evaluation_json(evaluation: Evaluation, catalog: Catalog, locale: str) -> dict:
    """The contract's readiness object of one point."""
    return {
        "point_id": evaluation.point_id,
        "as_of": evaluation.as_of.isoformat(),
        "criteria_version": evaluation.criteria_version,
        "score": evaluation.score,
        "level": evaluation.level,
        "gaps": [gap_text(gap, catalog, locale) for gap in evaluation.gaps],
        "passed": list(evaluation.passed),
        "not_applicable": list(evaluation.not_applicable),
    }


def catalog_json(catalog: Catalog, locale: str) -> list[dict]:
    return [
        {
            "id": c.id,
            "severity": c.severity,
            "title": c.title[locale],
            "description": c.description[locale],
            "source": c.source[locale],
            "params": c.params,
        }
        for c in catalog.criteria
    ]
