"""The criteria catalog (catalog.toml) and municipality overrides of its parameters."""

from __future__ import annotations

import tomllib
import unicodedata
from dataclasses import dataclass, field, replace
from functools import cache, cached_property
from pathlib import Path

from readiness.points.enums import AREA_ROLES, CHANNEL_KINDS, CONTACT_ROLES, POWER_COVERS, SERVICES

CATALOG_FILE = Path(__file__).with_name("catalog.toml")
SEVERITIES = ("critical", "major", "minor")
# The enumerations a list parameter may take its values from; a list override must use the
# same one as the catalog's default (roles stay roles, channel kinds stay channel kinds).
LIST_VALUES = {
    "role": CONTACT_ROLES,
    "area role": AREA_ROLES,
    "channel kind": CHANNEL_KINDS,
    "service": SERVICES,
    "power cover": POWER_COVERS,
}


class CatalogError(ValueError):
    """An override names a criterion or parameter the catalog does not have."""


@dataclass(frozen=True)
class Criterion:
    id: str
    severity: str
    title: dict[str, str]
    description: dict[str, str]
    message: dict[str, str]
    remedy: dict[str, str]
    params: dict
    source: dict[str, str]
    message_missing: dict[str, str] | None = None
    # Other messages of the criterion by case, chosen by the gap's `variant` fact.
    message_variants: dict[str, dict[str, str]] = field(default_factory=dict)


@dataclass(frozen=True)
class Catalog:
    version: str
    weights: dict[str, int]
    criteria: tuple[Criterion, ...]
    # "POWER-RUNTIME.min_hours" -> value, for the criteria page and the API
    overrides: dict = field(default_factory=dict)

    @cached_property
    def weight_of(self) -> dict[str, int]:
        """Each criterion's score weight, by id (computed once per catalog)."""
        return {c.id: self.weights[c.severity] for c in self.criteria}

    @cached_property
    def by_id(self) -> dict[str, Criterion]:
        return {c.id: c for c in self.criteria}

    def get(self, criterion_id: str) -> Criterion:
        """The criterion of this id (a dict: a region's readiness looks up ~50,000 gaps)."""
        return self.by_id[criterion_id]


@cache
def base_catalog() -> Catalog:
    data = tomllib.loads(CATALOG_FILE.read_text(encoding="utf-8"))
    criteria = tuple(Criterion(**entry) for entry in data["criteria"])
    return Catalog(version=data["version"], weights=dict(data["weights"]), criteria=criteria)


def slug(name: str) -> str:
    """'Vilhelmina' -> 'vilhelmina', 'Örnsköldsvik' -> 'ornskoldsvik' (for version strings)."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return "-".join(ascii_name.lower().split())


def validate_overrides(overrides: dict[str, dict]) -> None:
    """Refuse overrides of unknown criteria or parameters at start-up, not mid-evaluation."""
    catalog = base_catalog()
    known = {c.id: c.params for c in catalog.criteria}
    for municipality, settings in overrides.items():
        for key, value in settings.items():
            criterion_id, _, param = key.partition(".")
            if criterion_id not in known or param not in known[criterion_id]:
                raise CatalogError(f"Criteria override for {municipality}: unknown parameter {key}")
            default = known[criterion_id][param]
            if type(value) is not type(default) and not (
                isinstance(value, int | float) and isinstance(default, int | float)
            ):
                raise CatalogError(
                    f"Criteria override for {municipality}: {key} has the wrong type"
                )
            if isinstance(default, list):
                _validate_list(f"Criteria override for {municipality}: {key}", value, default)


def _validate_list(where: str, value: list, default: list) -> None:
    """Every item of a list override is a value of the enumeration the default list is from."""
    if not value:
        raise CatalogError(f"{where} is empty; list at least one value")
    kind, allowed = next(
        ((kind, allowed) for kind, allowed in LIST_VALUES.items() if set(default) <= set(allowed)),
        ("value", tuple(default)),  # a list of no known enumeration: only its own values
    )
    unknown = [item for item in value if not isinstance(item, str) or item not in allowed]
    if unknown:
        raise CatalogError(
            f"{where}: unknown {kind} {', '.join(map(repr, unknown))}; "
            f"allowed: {', '.join(allowed)}"
        )


def catalog_for(municipality: str | None, overrides: dict[str, dict] | None) -> Catalog:
    """The catalog as it applies to one municipality: its overrides applied, version suffixed."""
    catalog = base_catalog()
    settings = _settings_for(municipality, overrides or {})
    if not settings:
        return catalog
    # The cache key must be hashable: list values travel as tuples and become lists again.
    frozen = tuple(sorted((k, tuple(v) if isinstance(v, list) else v) for k, v in settings.items()))
    return _overridden(municipality, frozen)


def _settings_for(municipality: str | None, overrides: dict[str, dict]) -> dict:
    if not municipality:
        return {}
    wanted = municipality.casefold()
    return next((s for name, s in overrides.items() if name.casefold() == wanted), {})


@cache
def _overridden(municipality: str, settings: tuple) -> Catalog:
    catalog = base_catalog()
    changes: dict[str, dict] = {}
    thawed = {k: list(v) if isinstance(v, tuple) else v for k, v in settings}
    for key, value in thawed.items():
        criterion_id, _, param = key.partition(".")
        changes.setdefault(criterion_id, {})[param] = value
    criteria = tuple(
        replace(c, params={**c.params, **changes[c.id]}) if c.id in changes else c
        for c in catalog.criteria
    )
    return Catalog(
        version=f"{catalog.version}+{slug(municipality)}",
        weights=catalog.weights,
        criteria=criteria,
        overrides=thawed,
    )
