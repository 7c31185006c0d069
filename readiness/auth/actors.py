"""Actors that are no user account."""

from __future__ import annotations


class SystemActor:
    """The register acting on its own, with full rights and no account: the demo data loader
    (`flask seed-demo`) creates points, confirms posted sheets and records audits as it; the
    tests' builders and the benchmarks do the same."""

    id = None
    email = "system"
    role = "admin"
    assigned_points: list = []


SYSTEM = SystemActor()
