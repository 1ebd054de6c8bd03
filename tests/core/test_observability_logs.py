"""Request ids: accepted only when safe, echoed, in every log line, and followed into tasks
(immediate backend inside the request; database backend through a worker); JSON log lines."""

import io
import json
import logging
import sys
from collections.abc import Iterator

import pytest
from django.core.management import call_command
from django.tasks import task

from omshub.core.observability.context import request_id_var
from omshub.core.observability.logs import JsonFormatter, RequestIdFilter, logging_config

logger = logging.getLogger("omshub.tests.observability")


@task()
def log_a_line(word: str) -> None:
    logger.warning("inside the task: %s", word)


@pytest.fixture
def json_lines() -> Iterator[io.StringIO]:
    """Lines written to our logger and Django's task logger, as production writes them."""
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.addFilter(RequestIdFilter())
    handler.setFormatter(JsonFormatter())
    watched = [logger, logging.getLogger("django.tasks")]
    levels = [each.level for each in watched]
    for each in watched:
        each.addHandler(handler)
        each.setLevel(logging.INFO)
    yield stream
    for each, level in zip(watched, levels, strict=True):
        each.removeHandler(handler)
        each.setLevel(level)


def _lines(stream: io.StringIO) -> list[dict[str, str]]:
    return [json.loads(line) for line in stream.getvalue().splitlines()]


def test_a_json_line_holds_time_level_logger_message_request_id_and_the_exception() -> None:
    record = logging.LogRecord("omshub.x", logging.ERROR, __file__, 1, "failed for %s", ("gift 12",), None)
    try:
        raise RuntimeError("the cause")
    except RuntimeError:
        record.exc_info = sys.exc_info()
    token = request_id_var.set("abcdef123456")
    try:
        RequestIdFilter().filter(record)
    finally:
        request_id_var.reset(token)
    line = JsonFormatter().format(record)
    assert "\n" not in line, "one line per record, the traceback escaped inside it"
    data = json.loads(line)
    assert data["level"] == "ERROR" and data["logger"] == "omshub.x" and data["message"] == "failed for gift 12"
    assert data["request_id"] == "abcdef123456"
    assert "RuntimeError: the cause" in data["exception"] and data["time"].endswith("+00:00")


def test_log_format_is_json_or_text_and_nothing_else() -> None:
    from django.core.exceptions import ImproperlyConfigured

    assert logging_config("json", "INFO")["formatters"] == {"line": {"()": JsonFormatter}}
    assert "request_id" in logging_config("text", "INFO")["formatters"]["line"]["format"]  # type: ignore[index]
    with pytest.raises(ImproperlyConfigured):
        logging_config("yaml", "INFO")


@pytest.mark.django_db
def test_every_answer_carries_a_request_id_and_a_safe_incoming_one_is_kept(client) -> None:
    first, second = client.get("/healthz"), client.get("/healthz")
    assert len(first["X-Request-ID"]) == 32 and first["X-Request-ID"] != second["X-Request-ID"]
    assert client.get("/healthz", HTTP_X_REQUEST_ID="lb-7f3a9c2e.01")["X-Request-ID"] == "lb-7f3a9c2e.01"


@pytest.mark.django_db
@pytest.mark.parametrize("incoming", ["short", "x" * 65, "<script>alert(1)</script>", "a b c d e f g h", "ü" * 10])
def test_an_unsafe_incoming_request_id_is_replaced(client, incoming) -> None:
    answered = client.get("/healthz", HTTP_X_REQUEST_ID=incoming)["X-Request-ID"]
    assert answered != incoming and len(answered) == 32


@pytest.mark.django_db
def test_a_task_a_request_starts_logs_with_that_requests_id(client, json_lines) -> None:
    """Immediate backend: asking for a donor link runs its task inside the request."""
    response = client.post("/my-giving/", {"email": "someone@example.com"})
    assert response.status_code == 200
    task_lines = [line for line in _lines(json_lines) if "send_donor_link" in line["message"]]
    assert task_lines, "the task logged its run"
    assert {line["request_id"] for line in task_lines} == {response["X-Request-ID"]}
    assert request_id_var.get() == "", "the id ends with the request"


@pytest.mark.django_db(transaction=True)
def test_a_queued_task_takes_up_the_id_in_the_worker(settings, json_lines) -> None:
    """Database backend: enqueued during a request, run later by `db_worker` with no request around."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": settings.TASK_QUEUES}}
    token = request_id_var.set("req-queued-0001")
    try:
        log_a_line.enqueue("first")
    finally:
        request_id_var.reset(token)
    log_a_line.enqueue("second, enqueued outside any request")
    call_command("db_worker", batch=True, no_startup_delay=True, interval=0.01, verbosity=0)
    by_word = {
        line["message"]: line["request_id"] for line in _lines(json_lines) if "inside the task" in line["message"]
    }
    assert by_word == {
        "inside the task: first": "req-queued-0001",
        "inside the task: second, enqueued outside any request": "",
    }
    assert request_id_var.get() == "", "the worker lets the id go when the task finishes"
