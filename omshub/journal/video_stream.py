"""Answering for a clip with HTTP byte ranges (RFC 9110): phones ask for pieces so that they can seek.

One range per request ("bytes=a-b", "bytes=a-" or "bytes=-n") gets 206 Partial Content with its
Content-Range; no Range header, or several ranges, gets the whole clip (200); a range past the
end gets 416. Every answer says Accept-Ranges: bytes. The bytes are read, and decrypted, only
as they are sent.
"""

import re
from typing import Literal

from django.http import HttpRequest, HttpResponse, StreamingHttpResponse

from omshub.core.private import private
from omshub.journal import video_files
from omshub.journal.models import EpisodeVideo

RANGE = re.compile(r"^bytes=(\d*)-(\d*)$")


def requested_range(header: str, size: int) -> tuple[int, int] | Literal[False] | None:
    """(start, end) inclusive for one satisfiable range; None for the whole file; False when unsatisfiable."""
    match = RANGE.match(header.strip()) if header else None
    if match is None or size == 0:
        return None  # absent, several ranges or malformed: the whole file (a server may ignore Range)
    first, last = match.groups()
    if not first and not last:
        return None
    if not first:  # the last n bytes
        n = int(last)
        return (max(size - n, 0), size - 1) if n else False
    start = int(first)
    end = min(int(last), size - 1) if last else size - 1
    if start >= size or (last and int(last) < start):
        return False
    return start, end


def is_opening(request: HttpRequest) -> bool:
    """A request for the clip from its start: a player opening it, not seeking (what the audit counts)."""
    found = requested_range(request.headers.get("Range", ""), 2**62)
    return not isinstance(found, tuple) or found[0] == 0


def video_response(request: HttpRequest, video: EpisodeVideo) -> HttpResponse:
    size = video.size
    found = requested_range(request.headers.get("Range", ""), size)
    content_type = video_files.CONTENT_TYPES[video.format]
    if found is False:
        refused = HttpResponse(status=416)
        refused["Content-Range"] = f"bytes */{size}"
        refused["Accept-Ranges"] = "bytes"
        return private(refused)
    start, end = found if found else (0, size - 1)
    if request.method == "HEAD" or size == 0:
        response: HttpResponse | StreamingHttpResponse = HttpResponse(content_type=content_type)
    else:
        body = video_files.read_range(video.file, size, start, end, encrypted=video.encrypted)
        response = StreamingHttpResponse(body, content_type=content_type)
    response.status_code = 206 if found else 200
    response["Content-Length"] = str(end - start + 1 if size else 0)
    if found:
        response["Content-Range"] = f"bytes {start}-{end}/{size}"
    response["Accept-Ranges"] = "bytes"
    response["Content-Disposition"] = "inline"
    response["X-Content-Type-Options"] = "nosniff"
    return private(response)  # type: ignore[arg-type]


def poster_response(video: EpisodeVideo) -> HttpResponse:
    """The clip's still (JPEG); 404 until one is made (the pages show a plain one instead)."""
    if not video.poster:
        return private(HttpResponse(status=404))
    response = HttpResponse(video_files.read_all(video.poster, encrypted=video.encrypted), content_type="image/jpeg")
    response["X-Content-Type-Options"] = "nosniff"
    return private(response)
