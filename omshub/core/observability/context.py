"""The current request's id, where logging, Sentry and tasks read it (no Django imports: settings use it)."""

from contextvars import ContextVar

request_id_var: ContextVar[str] = ContextVar("request_id", default="")


def current_request_id() -> str:
    return request_id_var.get()
