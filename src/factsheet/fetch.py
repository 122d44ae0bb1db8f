"""Fetch a tracked source politely and safely: conditional GET, retries, timeouts, size cap, state.

Pure library (no Prefect): the flows wrap `fetch`. State lives outside raw/ and datapackage/ so an
unchanged refresh rewrites nothing that is published.
"""

from __future__ import annotations

import hashlib
import http.client
import json
import math
import os
import socket
import ssl
import tempfile
import threading
import time
import urllib.error
import urllib.request
from dataclasses import asdict, dataclass, fields
from datetime import UTC, datetime, timedelta
from http import HTTPStatus
from pathlib import Path
from typing import Any
from urllib.parse import urljoin, urlsplit

from factsheet import __version__
from factsheet.errors import InputError
from factsheet.read import is_pdf
from factsheet.sources import SLUG

STATE_DIRNAME = ".state"  # at the repo root, gitignored (save_state also drops a .gitignore in it)
USER_AGENT = f"factsheet/{__version__} (scheduled refresh of HKSAR fact sheets)"
CHUNK = 64 * 1024
RETRY_4XX = (408, 429)  # "try again later" codes; every other 4xx is final


class FetchError(InputError):
    """A fetch that failed for good (after any retries); str() is '<url>: <problem>'."""

    def __init__(self, message: str, location: str = "", attempts: int = 1, http_status: int | None = None):
        super().__init__(message)
        self.location = location
        self.attempts = attempts
        self.http_status = http_status

    def __reduce__(self):  # noqa: ANN204 - keep the fields when Prefect pickles a failed task
        return (type(self), (str(self), self.location, self.attempts, self.http_status))


def _error(location: str, problem: str, attempts: int = 1, http_status: int | None = None) -> FetchError:
    """'<location>: <problem>', with the attempt count folded into a trailing parenthesis."""
    if attempts > 1:
        tail = f"{attempts} attempts"
        problem = f"{problem[:-1]}; {tail})" if problem.endswith(")") else f"{problem} ({tail})"
    return FetchError(f"{location}: {problem}", location, attempts, http_status)


@dataclass(frozen=True)
class FetchState:
    """What we remember about a source between runs, for conditional requests and staleness."""

    etag: str | None = None
    last_modified: str | None = None
    sha256: str | None = None
    checked_at: str | None = None  # last attempt that got an answer (changed or unchanged)
    last_success_at: str | None = None  # same as checked_at today; kept apart for failure bookkeeping


@dataclass(frozen=True)
class FetchResult:
    """One fetch's outcome; `body` is None only for a 304 (nothing was sent)."""

    status: str  # "changed" or "unchanged"
    url: str  # final URL after redirects, or the local path
    body: bytes | None
    sha256: str
    etag: str | None = None
    last_modified: str | None = None
    content_type: str | None = None
    http_status: int | None = None  # 200 or 304; None for a local file
    attempts: int = 1
    checked_at: str = ""

    @property
    def changed(self) -> bool:
        """True when the body differs from the previous fetch (or there was none)."""
        return self.status == "changed"

    def state(self) -> FetchState:
        """The FetchState to save after this fetch succeeded."""
        return FetchState(
            etag=self.etag,
            last_modified=self.last_modified,
            sha256=self.sha256 or None,
            checked_at=self.checked_at,
            last_success_at=self.checked_at,
        )


class _Retry(Exception):
    """A transient failure: try again after back-off."""

    def __init__(self, problem: str, http_status: int | None = None):
        super().__init__(problem)
        self.http_status = http_status


class _Final(Exception):
    """A failure that retrying cannot fix."""

    def __init__(self, problem: str, http_status: int | None = None):
        super().__init__(problem)
        self.http_status = http_status


def utc_now() -> str:
    """An ISO 8601 UTC timestamp to the second, e.g. 2022-06-30T01:02:03Z."""
    return datetime.now(UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")


def size_text(n: int) -> str:
    """A byte count people read at a glance: 20 MB, 1.5 MB, 64 kB, 900 bytes."""
    if n >= 1_000_000:
        return f"{n // 1_000_000} MB" if n % 1_000_000 == 0 else f"{n / 1_000_000:.1f} MB"
    if n >= 1000 and n % 1000 == 0:
        return f"{n // 1000} kB"
    return f"{n} bytes"


def is_url(location: str) -> bool:
    """A location with a scheme of 2+ letters is a URL (so a Windows drive 'C:' stays a path)."""
    return len(urlsplit(location).scheme) > 1


def fetch(
    location: str,
    *,
    previous: FetchState | None,
    timeout: float = 20,
    max_bytes: int = 20_000_000,
    retries: int = 3,
    backoff: float = 1.0,
    deadline: float | None = 120.0,
) -> FetchResult:
    """Fetch an http(s) URL or local file; 'unchanged' on 304 or identical sha256.

    `retries` is the total number of attempts (3: the first try and two retries), spaced
    backoff, 2*backoff, ... seconds. Retried: connection errors, timeouts, truncated bodies, 5xx,
    408 and 429. `timeout` bounds the connect and each socket read; `deadline` (seconds, None for
    none) bounds the whole fetch, retries and back-off included, so a server that sends one byte a
    second cannot hold a refresh. Raises FetchError.
    """
    if not is_url(location):
        return _fetch_file(location, previous, max_bytes)
    scheme = urlsplit(location).scheme.lower()
    if scheme not in ("http", "https"):
        raise _error(location, f"unsupported URL scheme '{scheme}' (http or https only)")
    attempts = max(1, retries)
    with _Deadline(deadline) as clock:
        for attempt in range(1, attempts + 1):
            try:
                result = _fetch_once(location, previous, clock.timeout(timeout), max_bytes, clock)
            except _Final as exc:
                raise _error(location, clock.explain(str(exc)), attempt, exc.http_status) from None
            except _Retry as exc:
                pause = backoff * 2 ** (attempt - 1)
                if attempt == attempts or clock.over(pause):
                    raise _error(location, clock.explain(str(exc), pause), attempt, exc.http_status) from None
                time.sleep(pause)
            else:
                return _with(result, attempts=attempt)
    raise AssertionError("unreachable")  # pragma: no cover


class _Deadline:
    """The time limit of a whole fetch. At the deadline a timer shuts down every socket the fetch opened, so
    a read blocked on a slow server returns at once; per-read timeouts alone never end a one-byte-a-second
    body."""

    def __init__(self, seconds: float | None) -> None:
        self.seconds = seconds
        self.end = time.monotonic() + seconds if seconds is not None else math.inf
        self.expired = False
        self._lock = threading.Lock()
        self._sockets: list[socket.socket] = []
        self._timer = threading.Timer(seconds, self._expire) if seconds is not None else None

    def __enter__(self) -> _Deadline:
        if self._timer is not None:
            self._timer.daemon = True
            self._timer.start()
        return self

    def __exit__(self, *exc: object) -> None:
        if self._timer is not None:
            self._timer.cancel()

    def timeout(self, per_read: float) -> float:
        """The socket timeout for the next attempt: the per-read timeout, never past the deadline."""
        return max(0.01, min(per_read, self.end - time.monotonic()))

    def over(self, pause: float = 0.0) -> bool:
        """True when the deadline has passed, or will have after `pause` more seconds."""
        return self.expired or time.monotonic() + pause >= self.end

    def explain(self, problem: str, pause: float = 0.0) -> str:
        """The problem, or the deadline when it is what ended the fetch (a cut socket reads as truncation)."""
        from factsheet.settings import FETCH_DEADLINE_ENV

        limit = f"the {self.seconds:g} s deadline for a whole fetch ({FETCH_DEADLINE_ENV})"
        if self.over():
            return f"no complete answer within {limit}"
        if self.over(pause):
            return f"{problem}; no time for another attempt within {limit}"
        return problem

    def watch(self, sock: socket.socket) -> None:
        """Shut `sock` down at the deadline (at once if it has passed)."""
        with self._lock:
            self._sockets.append(sock)
            if self.expired:
                _cut(sock)

    def _expire(self) -> None:
        with self._lock:
            self.expired = True
            for sock in self._sockets:
                _cut(sock)


def _cut(sock: socket.socket) -> None:
    """Shut a socket down from another thread: a recv blocked on it returns at once (TLS sockets too)."""
    try:
        socket.socket.shutdown(sock, socket.SHUT_RDWR)
    except OSError:
        pass


def _with(result: FetchResult, **changes: Any) -> FetchResult:
    values = {f.name: getattr(result, f.name) for f in fields(result)}
    values.update(changes)
    return FetchResult(**values)


def _fetch_file(location: str, previous: FetchState | None, max_bytes: int) -> FetchResult:
    """A local file as a fetch: same sha256 rule, same size cap, same errors."""
    path = Path(location)
    if not path.exists():
        raise _error(location, "no such file")
    if not path.is_file():
        raise _error(location, "not a file")
    size = path.stat().st_size
    if size > max_bytes:
        raise _error(location, f"file over the {size_text(max_bytes)} size cap ({size} bytes)")
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise _error(location, f"cannot read ({exc.strerror})") from None
    if not data:
        raise _error(location, "file is empty")
    sha = hashlib.sha256(data).hexdigest()
    return FetchResult(
        status="unchanged" if previous is not None and previous.sha256 == sha else "changed",
        url=location,
        body=data,
        sha256=sha,
        content_type="application/pdf" if is_pdf(data) else "text/plain",
        checked_at=utc_now(),
    )


class _HttpOnlyRedirects(urllib.request.HTTPRedirectHandler):
    """Follow redirects only to http(s): a redirect must not turn a fetch into a file or ftp read."""

    def http_error_302(self, req, fp, code, msg, headers):  # noqa: ANN001, ANN201
        target = headers.get("Location") or headers.get("URI")
        if target:
            absolute = urljoin(req.full_url, target)
            if urlsplit(absolute).scheme.lower() not in ("http", "https"):
                fp.close()
                raise _Final(f"redirected to a non-http URL ({absolute})", code)
        return super().http_error_302(req, fp, code, msg, headers)

    http_error_301 = http_error_303 = http_error_307 = http_error_308 = http_error_302


class _WatchedHTTPConnection(http.client.HTTPConnection):
    """An HTTP connection whose socket the fetch's deadline can cut."""

    def __init__(self, *args: Any, deadline: _Deadline, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._deadline = deadline

    def connect(self) -> None:
        super().connect()
        self._deadline.watch(self.sock)


class _WatchedHTTPSConnection(http.client.HTTPSConnection):
    """An HTTPS connection whose socket (during the TLS handshake and after) the fetch's deadline can cut."""

    def __init__(self, *args: Any, deadline: _Deadline, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._deadline = deadline
        self._create_connection = self._watched_connection  # http.client sets it per instance

    def _watched_connection(self, *args: Any, **kwargs: Any) -> socket.socket:
        sock = socket.create_connection(*args, **kwargs)
        self._deadline.watch(sock)  # the plain socket, so a slow TLS handshake is cut too
        return sock

    def connect(self) -> None:
        super().connect()
        self._deadline.watch(self.sock)


class _HTTPHandler(urllib.request.HTTPHandler):
    def __init__(self, deadline: _Deadline) -> None:
        super().__init__()
        self._deadline = deadline

    def http_open(self, req: urllib.request.Request) -> http.client.HTTPResponse:
        return self.do_open(_WatchedHTTPConnection, req, deadline=self._deadline)


class _HTTPSHandler(urllib.request.HTTPSHandler):
    def __init__(self, deadline: _Deadline) -> None:
        super().__init__()
        self._deadline = deadline

    def https_open(self, req: urllib.request.Request) -> http.client.HTTPResponse:
        return self.do_open(_WatchedHTTPSConnection, req, context=self._context, deadline=self._deadline)


def _fetch_once(url: str, previous: FetchState | None, timeout: float, max_bytes: int,
                clock: _Deadline) -> FetchResult:
    """One HTTP attempt, its failures sorted into _Retry and _Final; a body cut by the deadline is never kept."""
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT, "Accept": "*/*"})
    if previous is not None and previous.etag:
        request.add_header("If-None-Match", previous.etag)
    if previous is not None and previous.last_modified:
        request.add_header("If-Modified-Since", previous.last_modified)
    opener = urllib.request.build_opener(_HttpOnlyRedirects, _HTTPHandler(clock), _HTTPSHandler(clock))
    try:
        with opener.open(request, timeout=timeout) as response:
            body = _read_body(response, max_bytes)
            headers = response.headers
            final_url = response.geturl()
            code = response.status
    except urllib.error.HTTPError as exc:
        code = exc.code
        headers = exc.headers
        exc.close()
        if code == 304:
            if previous is None:
                raise _Final("HTTP 304 Not Modified to an unconditional request", 304) from None
            return FetchResult(
                status="unchanged",
                url=exc.geturl() or url,
                body=None,
                sha256=previous.sha256 or "",
                etag=headers.get("ETag") or previous.etag,
                last_modified=headers.get("Last-Modified") or previous.last_modified,
                http_status=304,
                checked_at=utc_now(),
            )
        problem = f"HTTP {code} {_phrase(code, exc.reason)}"
        if code >= 500 or code in RETRY_4XX:
            raise _Retry(problem, code) from None
        raise _Final(problem, code) from None
    except urllib.error.URLError as exc:
        raise _classify(exc.reason, timeout) from None
    except (_Retry, _Final):
        raise
    except (OSError, http.client.HTTPException) as exc:
        raise _classify(exc, timeout) from None
    if clock.over():  # a close-delimited body cut at the deadline looks complete: it is not
        raise _Final("deadline", code)
    if code != 200:
        raise _Final(f"HTTP {code} {_phrase(code, '')} (expected 200)", code)
    if not body:
        raise _Final("empty body (0 bytes)", code)
    sha = hashlib.sha256(body).hexdigest()
    same = previous is not None and previous.sha256 == sha
    return FetchResult(
        status="unchanged" if same else "changed",
        url=final_url,
        body=body,
        sha256=sha,
        etag=headers.get("ETag"),
        last_modified=headers.get("Last-Modified"),
        content_type=headers.get("Content-Type"),
        http_status=code,
        checked_at=utc_now(),
    )


def _read_body(response: http.client.HTTPResponse, max_bytes: int) -> bytes:
    """The body streamed under the cap; short of Content-Length is truncation, never a short edition."""
    announced = response.headers.get("Content-Length")
    expected = int(announced) if announced and announced.strip().isdigit() else None
    if expected is not None and expected > max_bytes:
        raise _Final(f"body over the {size_text(max_bytes)} size cap (Content-Length {expected})")
    chunks: list[bytes] = []
    total = 0
    while True:
        try:
            chunk = response.read(CHUNK)
        except http.client.IncompleteRead as exc:
            got, want = total + len(exc.partial), expected if expected is not None else "?"
            raise _Retry(f"truncated body ({got} of {want} bytes)") from None
        if not chunk:
            break
        total += len(chunk)
        if total > max_bytes:
            raise _Final(f"body over the {size_text(max_bytes)} size cap")
        chunks.append(chunk)
    if expected is not None and total < expected:
        raise _Retry(f"truncated body ({total} of {expected} bytes)")
    return b"".join(chunks)


def _phrase(code: int, reason: object) -> str:
    """The standard reason phrase (servers' own phrases vary), else what the server said."""
    try:
        return HTTPStatus(code).phrase
    except ValueError:
        return str(reason or "").strip() or "error"


def _classify(reason: object, timeout: float) -> _Retry | _Final:
    """Sort a low-level failure: timeouts and network trouble are retried, TLS trust problems are not."""
    if isinstance(reason, TimeoutError | socket.timeout):
        shown = f"{timeout:.1f}" if round(timeout, 1) == timeout else f"{timeout:g}"
        return _Retry(f"timed out after {shown} s")
    if isinstance(reason, ssl.SSLCertVerificationError):
        return _Final(f"TLS certificate not trusted ({reason.verify_message})")
    if isinstance(reason, socket.gaierror):
        return _Retry("cannot resolve host")
    if isinstance(reason, http.client.RemoteDisconnected):
        return _Retry("connection closed without a response")
    if isinstance(reason, http.client.IncompleteRead):
        return _Retry(f"truncated body ({len(reason.partial)} bytes)")
    if isinstance(reason, http.client.HTTPException):
        return _Retry(f"bad HTTP response ({type(reason).__name__})")
    if isinstance(reason, OSError):
        return _Retry(f"connection failed ({reason.strerror or type(reason).__name__})")
    return _Retry(f"connection failed ({reason})")


# --- state per source -------------------------------------------------------------------------


def state_path(state_dir: Path, source_id: str) -> Path:
    """Where a source's FetchState lives: <state_dir>/<source_id>.json."""
    if not SLUG.fullmatch(source_id):
        raise InputError(f"{source_id}: bad source id (lower-case letters, digits and single hyphens)")
    return state_dir / f"{source_id}.json"


def read_state_json(path: Path, what: str) -> object | None:
    """A state file's JSON, None when there is none yet; a damaged one is one line saying to delete it."""
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise InputError(f"{path}: unreadable {what} ({exc}); delete it") from None


def load_state(state_dir: Path, source_id: str) -> FetchState | None:
    """The saved FetchState, or None before the first successful fetch."""
    path = state_path(state_dir, source_id)
    data = read_state_json(path, "fetch state")
    if data is None:
        return None
    known = {f.name for f in fields(FetchState)}
    if not isinstance(data, dict) or any(not isinstance(v, str | None) for v in data.values()):
        raise InputError(f"{path}: unreadable fetch state (not an object of strings); delete it")
    return FetchState(**{k: v for k, v in data.items() if k in known})


def save_state(state_dir: Path, source_id: str, state: FetchState) -> Path:
    """Write a source's FetchState atomically; the folder is made self-ignoring for git."""
    return write_state_file(state_path(state_dir, source_id), json.dumps(asdict(state), sort_keys=True, indent=1))


def ensure_state_dir(state_dir: Path) -> None:
    """Create .state/ with a .gitignore of its own: its files are local to this machine, never committed."""
    state_dir.mkdir(parents=True, exist_ok=True)
    ignore = state_dir / ".gitignore"
    if not ignore.exists():
        ignore.write_text("# fetch state: local to this machine, never committed\n*\n", encoding="utf-8")


def write_state_file(path: Path, text: str) -> Path:
    """Replace a file in .state/ atomically (a temp file renamed over it): a crash leaves the old or the new."""
    ensure_state_dir(path.parent)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.stem}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text.rstrip("\n") + "\n")
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path


def is_stale(state: FetchState | None, stale_after_hours: float | None, now: datetime) -> bool:
    """True when a source has gone longer than stale_after_hours without a successful fetch."""
    if stale_after_hours is None:
        return False
    if state is None or not state.last_success_at:
        return True
    last = datetime.fromisoformat(state.last_success_at.replace("Z", "+00:00"))
    if last.tzinfo is None:
        last = last.replace(tzinfo=UTC)
    return now - last > timedelta(hours=stale_after_hours)
