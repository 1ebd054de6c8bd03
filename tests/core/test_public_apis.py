"""The code uses its libraries' public APIs only: no private attribute of Django, Wagtail,
stripe-python, redis-py or any other library, read or written, anywhere in omshub/.

What is looked for, in the syntax tree of every module (migrations aside):
- `something._name` where `something` is not our own `self` or `cls`: another object's
  private attribute (`response._csp_config`, `request._csp_nonce`, `super()._method()`);
- `getattr`, `setattr` or `hasattr` with a name starting with one underscore (the same, spelt as a string);
- `self._name` in a class that inherits it from a library class: a subclass reaching into its
  parent's private parts (`self._get_connection_pool()` in a cache backend).
A leading-underscore name of our own (a module's helper, our own attribute) is never flagged.
"""

import ast
import functools
import importlib
import inspect
from collections.abc import Callable
from pathlib import Path

from django.core.cache.backends.redis import RedisCacheClient

import omshub

PACKAGE = Path(omshub.__file__).parent

# Django documents these on every model (Model._meta, Model._default_manager, Model._base_manager,
# Model._state: "Model instance reference", the instance's adding and db).
DOCUMENTED = {"_meta", "_default_manager", "_base_manager", "_state"}


def _private(name: str) -> bool:
    return name.startswith("_") and not name.startswith("__")


def _modules() -> list[Path]:
    return sorted(path for path in PACKAGE.rglob("*.py") if "migrations" not in path.parts)


def _classes(path: Path) -> dict[str, type]:
    dotted = ".".join(("omshub", *path.relative_to(PACKAGE).with_suffix("").parts))
    module = importlib.import_module(dotted)
    return {name: value for name, value in vars(module).items() if isinstance(value, type)}


def _library_attribute(cls: type | None, name: str) -> bool:
    """Whether `self.<name>` in this class of ours is one of a library base class's own attributes."""
    for base in cls.__mro__[1:] if cls else ():
        if base.__module__.split(".")[0] in ("omshub", "builtins"):
            continue
        if name in vars(base):
            return True
        try:
            if f"self.{name}" in inspect.getsource(base):  # set by the base's __init__ or methods
                return True
        except (OSError, TypeError):  # no source (a C type)
            continue
    return False


def _uses(source: str, classes: Callable[[], dict[str, type]]) -> list[tuple[int, str]]:
    """Each use, by line; the module is imported (`classes`) only when one of its classes has a
    private attribute of its own, to see where that attribute comes from."""
    tree = ast.parse(source)
    found = []
    for cls in [node for node in ast.walk(tree) if isinstance(node, ast.ClassDef)]:
        own = {
            node.attr
            for node in ast.walk(cls)
            if isinstance(node, ast.Attribute)
            and isinstance(node.value, ast.Name)
            and node.value.id in ("self", "cls")
            and _private(node.attr)
        }
        found += [(cls.lineno, name) for name in sorted(own) if _library_attribute(classes().get(cls.name), name)]
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute) and _private(node.attr):
            if not (isinstance(node.value, ast.Name) and node.value.id in ("self", "cls")):
                found.append((node.lineno, node.attr))
        elif (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Name)
            and node.func.id in ("getattr", "setattr", "hasattr")
            and len(node.args) >= 2
            and isinstance(node.args[1], ast.Constant)
            and isinstance(node.args[1].value, str)
            and _private(node.args[1].value)
        ):
            found.append((node.lineno, node.args[1].value))
    return sorted(found)


def test_no_private_attribute_of_a_library_is_used():
    used = [
        f"omshub/{path.relative_to(PACKAGE)}:{line}: {name}"
        for path in _modules()
        for line, name in _uses(path.read_text(), functools.partial(_classes, path))
        if name not in DOCUMENTED
    ]
    assert used == []


class _Cache(RedisCacheClient):
    """The class SAMPLE defines, for its parents: only the syntax of its methods is read."""


SAMPLE = """
class _Cache(RedisCacheClient):
    def pool(self):
        return self._get_connection_pool(True), self._mine

def view(request, response, model):
    response._csp_config = {}
    return getattr(request, "_csp_nonce", None), model._meta, _helper(), super()._origin_verified(request)
"""


def test_the_check_finds_each_kind_of_use():
    assert _uses(SAMPLE, lambda: {"_Cache": _Cache}) == [
        (2, "_get_connection_pool"),  # the parent's, where `self._mine` is the subclass's own
        (7, "_csp_config"),
        (8, "_csp_nonce"),
        (8, "_meta"),  # then allowed as DOCUMENTED
        (8, "_origin_verified"),
    ]
