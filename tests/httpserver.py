"""A real threaded HTTP server on 127.0.0.1 (ephemeral port) with replies scripted per path.

Fetch and refresh tests talk to it over real sockets, so timeouts, truncation and 304s are real:

    with ScriptedServer() as server:
        server.script("/a.txt", Reply(500), Reply.text("hello", etag='"v1"'))
        url = server.url("/a.txt")             # http://127.0.0.1:<port>/a.txt
        ...                                     # 1st GET -> 500, 2nd and later -> 200 (last reply repeats)
        assert server.count("/a.txt") == 2
        assert server.requests_for("/a.txt")[1].header("If-None-Match") is None

Reply knobs: status, body, headers; etag / last_modified (sent, and a matching If-None-Match /
If-Modified-Since gets 304); delay (hang before the status line); content_length (announce more
than is sent = truncated body); send_length=False (no Content-Length, body ends at close);
linger (hold the connection open after the body: with content_length, a hang mid-body); drip (send the
status line, headers and body one byte at a time, this many seconds apart: never idle long enough for a
per-read timeout, only a deadline ends it).
A path never scripted answers 404. script() again replaces a path's replies (a new edition).
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from email.utils import parsedate_to_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any


@dataclass
class Reply:
    """One scripted response."""

    status: int = 200
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=dict)
    etag: str | None = None  # sent as ETag; a request whose If-None-Match matches gets 304
    last_modified: str | None = None  # sent as Last-Modified; If-Modified-Since not older gets 304
    delay: float = 0.0  # seconds to wait before answering (to hang past a client timeout)
    content_length: int | None = None  # announced instead of len(body): larger = truncated body
    send_length: bool = True  # False: no Content-Length; the body ends when the connection closes
    linger: float = 0.0  # seconds to hold the connection open after the body (hang mid-body)
    drip: float = 0.0  # seconds between bytes: the whole response trickles out one byte at a time

    @classmethod
    def text(cls, text: str, **kwargs: Any) -> Reply:
        """A 200 text/plain reply (UTF-8), other knobs as keywords."""
        headers = {"Content-Type": "text/plain; charset=utf-8", **kwargs.pop("headers", {})}
        return cls(body=text.encode("utf-8"), headers=headers, **kwargs)


@dataclass(frozen=True)
class Request:
    """One request as the server saw it; header names are matched case-insensitively."""

    method: str
    path: str
    headers: dict[str, str]  # lower-cased names

    def header(self, name: str) -> str | None:
        """The request header's value, or None when it was not sent."""
        return self.headers.get(name.lower())


class ScriptedServer:
    """Start with `with ScriptedServer() as server:` (or start()/stop()); thread-safe scripting."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._scripts: dict[str, list[Reply]] = {}
        self._served: dict[str, int] = {}
        self.requests: list[Request] = []
        self._stopping = threading.Event()
        self._httpd = ThreadingHTTPServer(("127.0.0.1", 0), _handler_for(self))
        self._httpd.daemon_threads = True
        self._httpd.block_on_close = False
        self._thread = threading.Thread(target=self._httpd.serve_forever, kwargs={"poll_interval": 0.05})
        self._thread.daemon = True

    @property
    def port(self) -> int:
        return self._httpd.server_address[1]

    def url(self, path: str = "/") -> str:
        """The absolute URL of a path on this server."""
        return f"http://127.0.0.1:{self.port}{path}"

    def script(self, path: str, *replies: Reply) -> None:
        """Replies for a path, served in order; the last one repeats. Replaces earlier scripting."""
        if not replies:
            raise ValueError("script() needs at least one Reply")
        with self._lock:
            self._scripts[path] = list(replies)
            self._served[path] = 0

    def count(self, path: str) -> int:
        """How many requests the path has received."""
        with self._lock:
            return sum(1 for r in self.requests if r.path == path)

    def requests_for(self, path: str) -> list[Request]:
        """The requests for a path, oldest first."""
        with self._lock:
            return [r for r in self.requests if r.path == path]

    def start(self) -> ScriptedServer:
        self._thread.start()
        return self

    def stop(self) -> None:
        """Wake any delayed replies and shut the server down."""
        self._stopping.set()
        self._httpd.shutdown()
        self._httpd.server_close()
        self._thread.join(timeout=5)

    def __enter__(self) -> ScriptedServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def _next(self, request: Request) -> Reply | None:
        with self._lock:
            self.requests.append(request)
            replies = self._scripts.get(request.path)
            if replies is None:
                return None
            index = min(self._served[request.path], len(replies) - 1)
            self._served[request.path] += 1
            return replies[index]


def _not_modified(reply: Reply, request: Request) -> bool:
    """RFC 9110 order: If-None-Match decides when sent and an ETag exists, else If-Modified-Since."""
    inm = request.header("If-None-Match")
    if reply.etag and inm is not None:
        tags = [t.strip() for t in inm.split(",")]
        return "*" in tags or reply.etag in tags
    ims = request.header("If-Modified-Since")
    if reply.last_modified and ims:
        try:
            return parsedate_to_datetime(ims) >= parsedate_to_datetime(reply.last_modified)
        except (TypeError, ValueError):
            return ims == reply.last_modified
    return False


def _handler_for(server: ScriptedServer) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.0"  # one response per connection: close-delimited bodies work

        def do_GET(self) -> None:  # noqa: N802 - http.server's naming
            request = Request("GET", self.path, {k.lower(): v for k, v in self.headers.items()})
            reply = server._next(request)
            try:
                self._answer(reply, request)
            except (BrokenPipeError, ConnectionResetError):
                pass  # the client gave up (timeout, size cap): that is what the test wanted

        def _answer(self, reply: Reply | None, request: Request) -> None:
            if reply is None:
                self._send(404, {"Content-Type": "text/plain"}, b"not scripted\n")
                return
            if reply.delay and server._stopping.wait(reply.delay):
                return
            validators = {"ETag": reply.etag, "Last-Modified": reply.last_modified}
            validators = {k: v for k, v in validators.items() if v}
            if _not_modified(reply, request):
                self._send(304, validators, b"", length=None)
                return
            length = reply.content_length if reply.content_length is not None else len(reply.body)
            if reply.drip:
                self._trickle(reply, length if reply.send_length else None)
                return
            self._send(reply.status, {**validators, **reply.headers}, reply.body,
                       length=length if reply.send_length else None)
            if reply.linger:
                server._stopping.wait(reply.linger)

        def _send(self, status: int, headers: dict[str, str], body: bytes, length: int | None = -1) -> None:
            self.send_response(status)
            for name, value in headers.items():
                self.send_header(name, value)
            if length is not None:
                self.send_header("Content-Length", str(len(body) if length == -1 else length))
            self.end_headers()
            self.wfile.write(body)
            self.wfile.flush()

        def _trickle(self, reply: Reply, length: int | None) -> None:
            """The whole response, head and body, one byte every reply.drip seconds."""
            head = [f"HTTP/1.0 {reply.status} OK", *(f"{k}: {v}" for k, v in reply.headers.items())]
            if length is not None:
                head.append(f"Content-Length: {length}")
            data = ("\r\n".join(head) + "\r\n\r\n").encode("latin-1") + reply.body
            for i in range(len(data)):
                self.wfile.write(data[i : i + 1])
                self.wfile.flush()
                if server._stopping.wait(reply.drip):
                    return

        def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - silence stderr
            pass

    return Handler
