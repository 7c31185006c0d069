"""Imports run one way (issue 10): a small AST check that fails on a backward import.

- No module imports another feature's views (only the factory registers blueprints).
- The API never imports a views module; it uses services, schemas and request helpers.
- `readiness.config` and the shared lowest modules import no feature.
- The features' domain packages (everything but views, api, admin, the CLI, the demo loader
  and request helpers named `web.py`) form no import cycle at run time.
"""

from __future__ import annotations

import ast
from collections import defaultdict
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1] / "readiness"
FEATURES = (
    "points",
    "auth",
    "criteria",
    "notices",
    "public",
    "audits",
    "crisis",
    "yearwheel",
    "actions",
    "confirmations",
    "reports",
)
LOWEST = ("readiness.config", "readiness.timeutil", "readiness.extensions", "readiness.errors")


def module_name(path: Path) -> str:
    parts = path.relative_to(ROOT.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def runtime_imports(tree: ast.AST) -> set[str]:
    """readiness.* modules imported when the module runs (not under `if TYPE_CHECKING:`)."""
    found: set[str] = set()

    def visit(node: ast.AST) -> None:
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            return
        if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("readiness"):
            found.add(node.module)
            found.update(f"{node.module}.{alias.name}" for alias in node.names)
        elif isinstance(node, ast.Import):
            found.update(a.name for a in node.names if a.name.startswith("readiness"))
        for child in ast.iter_child_nodes(node):
            visit(child)

    visit(tree)
    return found


def import_graph() -> dict[str, set[str]]:
    modules = {
        module_name(path): runtime_imports(ast.parse(path.read_text(encoding="utf-8")))
        for path in ROOT.rglob("*.py")
    }

    def resolve(name: str) -> str | None:
        while name not in modules and "." in name:
            name = name.rsplit(".", 1)[0]
        return name if name in modules else None

    return {
        module: {resolved for name in names if (resolved := resolve(name)) and resolved != module}
        for module, names in modules.items()
    }


def is_http_layer(module: str) -> bool:
    last = module.rsplit(".", 1)[-1]
    return (
        last in ("views", "web")
        or module.startswith(("readiness.api", "readiness.admin"))
        or module in ("readiness", "readiness.cli", "readiness.demo")
    )


def feature(module: str) -> str | None:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 and parts[1] in FEATURES else None


def test_no_module_imports_another_features_views():
    wrong = [
        f"{module} -> {target}"
        for module, targets in import_graph().items()
        for target in targets
        if target.endswith(".views")
        and module != "readiness"
        and feature(target) != feature(module)
    ]
    assert wrong == []


def test_api_imports_no_views_module():
    wrong = [
        f"{module} -> {target}"
        for module, targets in import_graph().items()
        if module.startswith("readiness.api")
        for target in targets
        if target.endswith(".views")
    ]
    assert wrong == []


def test_lowest_modules_import_no_feature():
    graph = import_graph()
    wrong = [f"{m} -> {t}" for m in LOWEST for t in graph[m] if feature(t) or t == "readiness"]
    assert wrong == []


def test_feature_domain_packages_form_no_import_cycle():
    packages: dict[str, set[str]] = defaultdict(set)
    for module, targets in import_graph().items():
        if is_http_layer(module) or not feature(module):
            continue
        for target in targets:
            if not is_http_layer(target) and feature(target) and feature(target) != feature(module):
                packages[feature(module)].add(feature(target))
    cycles = [(a, b) for a in packages for b in packages[a] if a < b and a in packages.get(b, ())]
    assert cycles == [], f"feature packages import each other: {cycles}"
    # No longer cycles either: depth-first search for any path back to the start.
    for start in packages:
        seen, stack = set(), list(packages[start])
        while stack:
            current = stack.pop()
            assert current != start, f"import cycle through {start}"
            if current not in seen:
                seen.add(current)
                stack.extend(packages.get(current, ()))


@pytest.mark.parametrize(
    ("module", "backward"),
    [
        ("readiness.points.queries", "readiness.public.data"),
        ("readiness.points.writes", "readiness.criteria.services"),
        ("readiness.auth.actors", "readiness.points.writes"),
    ],
)
def test_the_rule_check_sees_a_backward_import(monkeypatch, module, backward):
    """The checks themselves: points importing a feature above it, or auth importing points
    (which imports auth), is a cycle."""
    graph = import_graph()
    graph[module] = graph[module] | {backward}
    monkeypatch.setattr(f"{__name__}.import_graph", lambda: graph)
    try:
        test_feature_domain_packages_form_no_import_cycle()
    except AssertionError:
        return
    raise AssertionError(f"a {module} -> {backward} import was not reported as a cycle")
