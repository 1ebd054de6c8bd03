"""stripe-python's HTTP layer on the standard library: one kept-alive connection per thread.

stripe-python's default client goes through requests, which cost about 1 ms of CPU per call
here (session merging, proxy lookup in the environment, adapters), three times what the
SDK itself costs; every webhook re-fetches its object, so that was the largest part of a
webhook's work (docs/decisions/0006-webhook-queue.md). The SDK keeps its own retries,
idempotency keys and error mapping: this class only moves bytes, over TLS checked against
the SDK's certificate bundle, and says which failures are worth a retry.
"""

import http.client
import ssl
import threading
from collections.abc import Mapping
from typing import Any, NoReturn
from urllib.parse import urlsplit

import stripe


class KeepAliveClient(stripe.HTTPClient):
    name = "http.client"

    def __init__(self, *, timeout: float) -> None:
        super().__init__()
        self._timeout = timeout
        self._local = threading.local()
        self._tls = ssl.create_default_context(cafile=stripe.ca_bundle_path)

    def _connection(self, scheme: str, netloc: str) -> http.client.HTTPConnection:
        connections: dict[tuple[str, str], http.client.HTTPConnection] = self._local.__dict__.setdefault("open", {})
        connection = connections.get((scheme, netloc))
        if connection is None:
            if scheme == "https":
                connection = http.client.HTTPSConnection(netloc, timeout=self._timeout, context=self._tls)
            else:
                connection = http.client.HTTPConnection(netloc, timeout=self._timeout)
            connections[(scheme, netloc)] = connection
        return connection

    def _forget(self, scheme: str, netloc: str) -> None:
        connection = self._local.__dict__.get("open", {}).pop((scheme, netloc), None)
        if connection is not None:
            connection.close()

    def request(
        self,
        method: str,
        url: str,
        headers: Mapping[str, str] | None,
        post_data: Any = None,
        *,
        _usage: list[str] | None = None,
    ) -> tuple[str, int, Mapping[str, str]]:
        parts = urlsplit(url)
        path = parts.path + (f"?{parts.query}" if parts.query else "")
        body = post_data.encode() if isinstance(post_data, str) else post_data
        for attempt in (1, 2):
            connection = self._connection(parts.scheme, parts.netloc)
            try:
                connection.request(method.upper(), path, body=body, headers=dict(headers or {}))
                response = connection.getresponse()
                content = response.read()
            except (http.client.RemoteDisconnected, BrokenPipeError, ConnectionResetError) as error:
                # A kept-alive connection the server had closed: open a new one, once. Only
                # before any answer, so a request is never sent twice unknowingly (and each
                # POST carries its idempotency key anyway).
                self._forget(parts.scheme, parts.netloc)
                if attempt == 2:
                    self._fail(error)
                continue
            except (OSError, http.client.HTTPException) as error:
                self._forget(parts.scheme, parts.netloc)
                self._fail(error)
            if response.will_close:
                self._forget(parts.scheme, parts.netloc)
            return content.decode("utf-8"), response.status, dict(response.getheaders())
        raise AssertionError("unreachable")

    def _fail(self, error: Exception) -> NoReturn:
        """Timeouts and refused or broken connections may be retried by the SDK; a bad certificate never."""
        retry = not isinstance(error, ssl.SSLCertVerificationError)
        message = "Could not reach Stripe" if retry else "Stripe's certificate could not be verified"
        raise stripe.APIConnectionError(f"{message} ({type(error).__name__}: {error})", should_retry=retry)

    def close(self) -> None:
        for connection in self._local.__dict__.pop("open", {}).values():
            connection.close()
