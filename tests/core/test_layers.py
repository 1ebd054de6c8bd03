"""Arrows point down: models import no views, selectors or services; selectors bump no cache version.

Read from the syntax tree of every module, imports inside functions included (a lazy import
is still an arrow). A bump of a cache version is a write, so it lives in an app's cache.py,
called by models' save or by services, never by a selector.
"""

import ast
from pathlib import Path

import omshub

PACKAGE = Path(omshub.__file__).parent
UPPER_LAYERS = ("views", "selectors", "services")


def _modules(name: str) -> list[Path]:
    """Every `<name>.py` and every module of a `<name>/` package in the project, migrations aside."""
    found = [*PACKAGE.rglob(f"{name}.py"), *PACKAGE.rglob(f"{name}/*.py")]
    return sorted(path for path in found if "migrations" not in path.parts)


def _imports(path: Path) -> list[tuple[int, str, list[str]]]:
    """(line, module, names) for every import of the module, relative ones resolved."""
    dotted = ["omshub", *path.relative_to(PACKAGE).with_suffix("").parts]
    found: list[tuple[int, str, list[str]]] = []
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name, []) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = ".".join(dotted[: len(dotted) - node.level]) if node.level else ""
            module = ".".join(part for part in (base, node.module or "") if part)
            found.append((node.lineno, module, [alias.name for alias in node.names]))
    return found


def test_there_are_models_and_selectors_to_check():
    assert len(_modules("models")) >= 8 and len(_modules("selectors")) >= 5


def test_models_import_no_views_selectors_or_services():
    upward = [
        f"{path.relative_to(PACKAGE)}:{line} imports {module} {names}"
        for path in _modules("models")
        for line, module, names in _imports(path)
        if module.startswith("omshub")
        and (module.split(".")[-1] in UPPER_LAYERS or any(name in UPPER_LAYERS for name in names))
    ]
    assert upward == []


def test_selectors_bump_no_cache_version():
    bumps = [
        f"{path.relative_to(PACKAGE)}:{line} {name}"
        for path in _modules("selectors")
        for line, _module, names in _imports(path)
        for name in names
        if name.endswith("_changed")
    ]
    defined = [
        f"{path.relative_to(PACKAGE)}:{node.lineno} defines {node.name}"
        for path in _modules("selectors")
        for node in ast.walk(ast.parse(path.read_text()))
        if isinstance(node, ast.FunctionDef) and node.name.endswith("_changed")
    ]
    assert bumps + defined == []
