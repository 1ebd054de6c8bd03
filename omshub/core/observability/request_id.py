"""A request id for every request, in every log line it writes and in the tasks it starts.

The id is an incoming X-Request-ID when it is a short safe token (a proxy's or load balancer's),
otherwise a new one; it is echoed in the response's X-Request-ID header.

Tasks: Django's task signals (public API) carry it. When a task is enqueued during a request,
the id is remembered under the task's result id in the cache; when a worker starts the task it
takes the id back, and lets it go when the task finishes. With the immediate backend the task
runs inside the request, so the id is simply still set. With the database backend the worker is
another process: the shared cache (Redis, or the file cache of one machine) carries it.
"""

import re
import uuid
from collections.abc import Callable
from contextvars import Token
from typing import Any

from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.tasks.backends.immediate import ImmediateBackend
from django.tasks.signals import task_enqueued, task_finished, task_started

from omshub.core.observability.context import request_id_var

HEADER = "X-Request-ID"
SAFE_ID = re.compile(r"[A-Za-z0-9._-]{8,64}")
TASK_KEY = "task-request-id:"
TASK_KEY_SECONDS = 7 * 24 * 3600  # a queued task waits at most this long to inherit its id

_task_tokens: dict[str, Token[str]] = {}


def accepted_or_new(incoming: str | None) -> str:
    """The incoming id when it is a short token of safe characters, else a new random one."""
    if incoming and SAFE_ID.fullmatch(incoming):
        return incoming
    return uuid.uuid4().hex


class RequestIdMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        request_id = accepted_or_new(request.headers.get(HEADER))
        token = request_id_var.set(request_id)
        try:
            response = self.get_response(request)
        finally:
            request_id_var.reset(token)
        response[HEADER] = request_id
        return response


def _remember_for_task(sender: Any, task_result: Any, **_: Any) -> None:
    request_id = request_id_var.get()
    if request_id and not _runs_in_this_context(sender):
        cache.set(TASK_KEY + str(task_result.id), request_id, TASK_KEY_SECONDS)


def _runs_in_this_context(backend_class: Any) -> bool:
    """The immediate backend runs the task while it is enqueued: the id is set already."""
    return isinstance(backend_class, type) and issubclass(backend_class, ImmediateBackend)


def _take_up_in_task(sender: Any, task_result: Any, **_: Any) -> None:
    if _runs_in_this_context(sender) or request_id_var.get():
        return  # inside whatever enqueued it: its id (or none) holds already
    key = TASK_KEY + str(task_result.id)
    request_id = cache.get(key)
    if request_id:
        _task_tokens[str(task_result.id)] = request_id_var.set(request_id)
        cache.delete(key)


def _let_go_after_task(sender: Any, task_result: Any, **_: Any) -> None:
    token = _task_tokens.pop(str(task_result.id), None)
    if token is not None:
        request_id_var.reset(token)


def connect_task_signals() -> None:
    task_enqueued.connect(_remember_for_task, dispatch_uid="omshub-request-id-enqueued")
    task_started.connect(_take_up_in_task, dispatch_uid="omshub-request-id-started")
    task_finished.connect(_let_go_after_task, dispatch_uid="omshub-request-id-finished")
