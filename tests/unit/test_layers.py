"""Imports point down only: pages -> state -> services -> domain."""

import ast
from pathlib import Path

import pytest

PKG = Path(__file__).resolve().parents[2] / "silek_app"

# layer -> modules it must never import
FORBIDDEN = {
    "domain": (
        "reflex",
        "sqlmodel",
        "sqlalchemy",
        "starlette",
        "silek_app.services",
        "silek_app.state",
        "silek_app.pages",
        "silek_app.components",
        "silek_app.api",
        "silek_app.models",
        "silek_app.db",
    ),
    "services": (
        "reflex",
        "silek_app.state",
        "silek_app.pages",
        "silek_app.components",
        "silek_app.api",
    ),
    "api": ("reflex", "silek_app.state", "silek_app.pages", "silek_app.components"),
    "state": (
        "silek_app.pages",
        "silek_app.components",
        "silek_app.api",
        "silek_app.models",
        "silek_app.db",
        "sqlmodel",
        "sqlalchemy",
    ),
    "components": ("silek_app.pages", "silek_app.services", "silek_app.models", "silek_app.db"),
    "pages": ("silek_app.services", "silek_app.models", "silek_app.db", "sqlmodel"),
}


def _imports(path: Path) -> set[str]:
    names = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            names.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


@pytest.mark.parametrize("layer", sorted(FORBIDDEN))
def test_layer_imports_point_down(layer):
    offenders = []
    for path in sorted((PKG / layer).rglob("*.py")):
        for name in _imports(path):
            if any(name == bad or name.startswith(bad + ".") for bad in FORBIDDEN[layer]):
                offenders.append(f"{path.relative_to(PKG)} imports {name}")
    assert not offenders, "\n".join(offenders)
