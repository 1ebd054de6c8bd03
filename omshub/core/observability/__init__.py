"""Observability: request ids in every log line (and the tasks a request starts), JSON logs,
optional Sentry reports that carry no family's data, and Prometheus metrics behind a token."""
