"""Optional error reports to Sentry, on only when SENTRY_DSN is set (production settings).

What is sent: the error's type and where it happened (files, functions, lines, source code), the
route, the method, a few harmless headers, the request id, the release. What is never sent:
request bodies (journal notes, the letter's and checklist's answers, donation forms), query
strings, cookies, other headers, the user, local variables, log messages' arguments and
exception messages (they may quote what someone typed), breadcrumbs' data.

The SDK is asked not to collect these (data_collection), and before_send / before_breadcrumb
strip them again from whatever reaches them, so a default that changes in a new SDK version
cannot leak them.
"""

from typing import Any

import sentry_sdk
from sentry_sdk.integrations.django import DjangoIntegration

from omshub.core.observability.context import current_request_id

SAFE_HEADERS = frozenset({"accept", "accept-language", "content-length", "content-type", "host", "user-agent"})
SAFE_EVENT_KEYS = frozenset(
    {
        "event_id",
        "timestamp",
        "level",
        "platform",
        "logger",
        "transaction",
        "transaction_info",
        "server_name",
        "release",
        "environment",
        "dist",
        "sdk",
        "modules",
        "fingerprint",
        "tags",
        "contexts",
        "exception",
        "threads",
        "logentry",
        "request",
        "breadcrumbs",
    }
)
SAFE_TAGS = frozenset({"request_id", "transaction", "level", "logger", "server_name", "environment"})
SAFE_CONTEXTS = frozenset({"runtime", "os", "trace", "device"})
SAFE_BREADCRUMB_KEYS = frozenset({"type", "category", "level", "timestamp"})
FRAME_KEYS = frozenset(
    {
        "filename",
        "abs_path",
        "module",
        "function",
        "lineno",
        "colno",
        "in_app",
        "context_line",
        "pre_context",
        "post_context",
    }
)


def _strip_frames(stacktrace: dict[str, Any] | None) -> None:
    if not stacktrace:
        return
    stacktrace["frames"] = [
        {key: value for key, value in frame.items() if key in FRAME_KEYS} for frame in stacktrace.get("frames", [])
    ]


def _strip_request(request: dict[str, Any]) -> dict[str, Any]:
    """The method, the address without its query, and the harmless headers: nothing else."""
    kept: dict[str, Any] = {}
    if request.get("method"):
        kept["method"] = request["method"]
    if request.get("url"):
        kept["url"] = str(request["url"]).split("?", 1)[0].split("#", 1)[0]
    headers = request.get("headers") or {}
    if headers:
        kept["headers"] = {name: value for name, value in headers.items() if name.lower() in SAFE_HEADERS}
    return kept


def before_send(event: dict[str, Any], hint: dict[str, Any]) -> dict[str, Any]:
    event = {key: value for key, value in event.items() if key in SAFE_EVENT_KEYS}
    if "request" in event:
        event["request"] = _strip_request(event["request"])
    if "contexts" in event:
        event["contexts"] = {key: value for key, value in event["contexts"].items() if key in SAFE_CONTEXTS}
    for exception in (event.get("exception") or {}).get("values", []):
        exception.pop("value", None)  # the message may quote input ("invalid literal …: 'her notes'")
        _strip_frames(exception.get("stacktrace"))
    for thread in (event.get("threads") or {}).get("values", []):
        _strip_frames(thread.get("stacktrace"))
    if "logentry" in event:
        # The message's pattern ("Email %s not sent: %s"), never the values put into it.
        event["logentry"] = {"message": event["logentry"].get("message", "")}
    if "breadcrumbs" in event:
        crumbs = event["breadcrumbs"]
        values = crumbs.get("values", []) if isinstance(crumbs, dict) else crumbs
        event["breadcrumbs"] = {"values": [_safe_breadcrumb(crumb) for crumb in values]}
    tags = dict(event.get("tags") or {})
    if current_request_id():
        tags["request_id"] = current_request_id()
    event["tags"] = {key: value for key, value in tags.items() if key in SAFE_TAGS}
    return event


def _safe_breadcrumb(crumb: dict[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in crumb.items() if key in SAFE_BREADCRUMB_KEYS}


def before_breadcrumb(crumb: dict[str, Any], hint: dict[str, Any]) -> dict[str, Any]:
    """Where and when, never what: SQL parameters, log arguments and messages stay behind."""
    return _safe_breadcrumb(crumb)


def _no_log(log: Any, hint: Any) -> None:
    return None


def init_sentry(dsn: str, *, environment: str = "", release: str = "", transport: Any = None) -> None:
    """Start the SDK (with `transport` a test's, capturing envelopes in memory)."""
    if not dsn:
        return
    options: dict[str, Any] = {
        "dsn": dsn,
        "environment": environment or None,
        "release": release or None,
        "integrations": [DjangoIntegration()],
        "data_collection": {
            "user_info": False,
            "cookies": {"mode": "off"},
            "http_headers": {"request": {"mode": "allowlist", "terms": sorted(SAFE_HEADERS)}},
            "http_bodies": [],
            "url_query_params": {"mode": "off"},
            "database_query_data": False,
            "queues": False,
            "stack_frame_variables": False,
        },
        "before_send": before_send,
        "before_breadcrumb": before_breadcrumb,
        "before_send_log": _no_log,  # log lines stay in the site's own logs
        "send_client_reports": False,
    }
    if transport is not None:
        options["transport"] = transport
    sentry_sdk.init(**options)
