"""Every URL pattern of the project, walked from Django's resolver, with a way to fill its arguments.

The fuzz tests take their list from here, so a new view is fuzzed from the day its URL exists.
In scope: the project's own views (omshub.*), the sign-in and account pages (allauth), the
staff's donation and payment-event screens, and the Wagtail pages (wagtail_serve). Wagtail's own
admin screens are Wagtail's to test.
"""

import re
from dataclasses import dataclass
from urllib.parse import quote

from django.urls import URLPattern, URLResolver, get_resolver
from django.utils import translation

ADMIN_SCREENS = ("giving_donations:", "payment_events:", "giving_admin_", "payments_admin_")
OUR_MODULES = ("omshub.", "allauth.account.", "allauth.mfa.")
DEFAULTS = {"int": "1", "str": "x", "token": "x", "kind": "observations", "path": "x", "slug": "x", "re": "x"}
PLACEHOLDER = re.compile(r"<(?:(?P<converter>\w+):)?(?P<name>\w+)>")
GROUP = re.compile(r"\(\?P<(?P<name>\w+)>(?:[^()]|\([^()]*\))*\)")


@dataclass(frozen=True)
class Route:
    name: str  # "journal:child", or the route itself when the pattern has no name
    template: str  # "/journal/children/{child_id}/"
    converters: tuple[tuple[str, str], ...]  # (argument, converter): ("child_id", "int")
    module: str

    @property
    def arguments(self) -> list[str]:
        return [name for name, _converter in self.converters]

    def path(self, values: dict[str, object]) -> str:
        """The path with these values, quoted as a browser would send them (hostile ones too)."""
        filled = {name: quote(str(values.get(name, DEFAULTS[conv])), safe="") for name, conv in self.converters}
        return self.template.format(**filled)

    def sample_key(self) -> list[str]:
        """Names to look a sample up by: the URL's own, then its family ("giving_admin_*")."""
        keys = [self.name]
        if ":" in self.name:
            keys.append(self.name.split(":")[0] + ":*")
        keys += [prefix + "*" for prefix in ADMIN_SCREENS if self.name.startswith(prefix) and prefix.endswith("_")]
        return keys


def _template(route: str, regex: bool) -> tuple[str, list[tuple[str, str]]]:
    found: list[tuple[str, str]] = []
    route = route.replace("{", "{{").replace("}", "}}")
    if regex:

        def group(match: re.Match) -> str:
            found.append((match.group("name"), "re"))
            return "{" + match.group("name") + "}"

        route = GROUP.sub(group, route).replace("^", "").replace("$", "").replace("\\", "")

    def placeholder(match: re.Match) -> str:
        found.append((match.group("name"), match.group("converter") or "str"))
        return "{" + match.group("name") + "}"

    return PLACEHOLDER.sub(placeholder, route), found


def _walk(resolver: URLResolver, prefix: str, outer: list, namespace: str, found: list[Route]) -> None:
    for entry in resolver.url_patterns:
        route = str(entry.pattern)
        template, converters = _template(route, route.startswith("^"))
        if isinstance(entry, URLResolver):
            space = namespace + (f"{entry.namespace}:" if entry.namespace else "")
            _walk(entry, prefix + template, outer + converters, space, found)
        elif isinstance(entry, URLPattern):
            module = getattr(entry.callback, "__module__", "")
            name = namespace + entry.name if entry.name else "/" + prefix + template
            found.append(Route(name, "/" + prefix + template, tuple(outer + converters), module))


def all_routes() -> list[Route]:
    found: list[Route] = []
    with translation.override("en"):
        _walk(get_resolver(), "", [], "", found)
    return found


def in_scope(route: Route) -> bool:
    if route.name == "wagtail_serve":
        return True
    return route.module.startswith(OUR_MODULES) or route.name.startswith(ADMIN_SCREENS)


def routes() -> list[Route]:
    return sorted((r for r in all_routes() if in_scope(r)), key=lambda r: r.name)
