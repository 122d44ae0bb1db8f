"""fetch() against a real HTTP server: conditional requests, retries, timeouts, truncation, size cap."""

from __future__ import annotations

import hashlib
import json
import pickle
import time
from datetime import UTC, datetime

import pytest
from httpserver import Reply, ScriptedServer

from factsheet.errors import InputError
from factsheet.fetch import FetchError, FetchState, fetch, is_stale, load_state, save_state, size_text

BODY = "Innovative Hong Kong\n(June 2022)\nWi-Fi.HK hotspots: over 44,500\n"
LAST_MODIFIED = "Wed, 01 Jun 2022 01:00:00 GMT"
FAST = {"timeout": 2.0, "backoff": 0.01}


@pytest.fixture()
def server():
    with ScriptedServer() as s:
        yield s


def sha(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def test_200_first_fetch_is_changed_with_validators(server):
    server.script("/f.txt", Reply.text(BODY, etag='"v1"', last_modified=LAST_MODIFIED))
    result = fetch(server.url("/f.txt"), previous=None, **FAST)
    assert (result.status, result.http_status, result.attempts) == ("changed", 200, 1)
    assert result.body == BODY.encode()
    assert result.sha256 == sha(BODY)
    assert (result.etag, result.last_modified) == ('"v1"', LAST_MODIFIED)
    assert result.content_type == "text/plain; charset=utf-8"
    assert result.url == server.url("/f.txt")
    sent = server.requests_for("/f.txt")[0]
    assert sent.header("If-None-Match") is None and sent.header("If-Modified-Since") is None
    state = result.state()
    assert (state.etag, state.sha256, state.last_success_at) == ('"v1"', sha(BODY), result.checked_at)


def test_304_with_etag_sends_if_none_match(server):
    server.script("/f.txt", Reply.text(BODY, etag='"v1"'))
    first = fetch(server.url("/f.txt"), previous=None, **FAST)
    second = fetch(server.url("/f.txt"), previous=first.state(), **FAST)
    assert (second.status, second.http_status, second.body) == ("unchanged", 304, None)
    assert server.requests_for("/f.txt")[1].header("If-None-Match") == '"v1"'
    assert second.state().sha256 == first.sha256  # a 304 keeps what we knew
    assert second.state().etag == '"v1"'


def test_304_with_last_modified_sends_if_modified_since(server):
    server.script("/f.txt", Reply.text(BODY, last_modified=LAST_MODIFIED))
    first = fetch(server.url("/f.txt"), previous=None, **FAST)
    assert first.etag is None
    second = fetch(server.url("/f.txt"), previous=first.state(), **FAST)
    assert second.status == "unchanged" and second.http_status == 304
    sent = server.requests_for("/f.txt")[1]
    assert sent.header("If-Modified-Since") == LAST_MODIFIED and sent.header("If-None-Match") is None


def test_new_etag_on_server_gives_changed(server):
    server.script("/f.txt", Reply.text(BODY, etag='"v1"'))
    first = fetch(server.url("/f.txt"), previous=None, **FAST)
    server.script("/f.txt", Reply.text(BODY + "Cyberport start-ups: over 1,800\n", etag='"v2"'))
    second = fetch(server.url("/f.txt"), previous=first.state(), **FAST)
    assert (second.status, second.etag) == ("changed", '"v2"')
    assert second.sha256 != first.sha256


def test_200_with_same_sha_is_unchanged(server):
    server.script("/f.txt", Reply.text(BODY))  # no validators: the server always sends the body
    previous = FetchState(sha256=sha(BODY))
    result = fetch(server.url("/f.txt"), previous=previous, **FAST)
    assert (result.status, result.http_status) == ("unchanged", 200)
    assert result.body == BODY.encode()
    other = fetch(server.url("/f.txt"), previous=FetchState(sha256="0" * 64), **FAST)
    assert other.status == "changed"


def test_404_fails_without_retry(server):
    server.script("/missing.pdf", Reply(404, b"no"))
    with pytest.raises(FetchError) as info:
        fetch(server.url("/missing.pdf"), previous=None, **FAST)
    assert str(info.value) == f"{server.url('/missing.pdf')}: HTTP 404 Not Found"
    assert isinstance(info.value, InputError) and info.value.http_status == 404
    assert server.count("/missing.pdf") == 1


def test_500_then_200_retries_and_succeeds(server):
    server.script("/f.txt", Reply(500, b"oops"), Reply.text(BODY))
    result = fetch(server.url("/f.txt"), previous=None, **FAST)
    assert (result.status, result.attempts) == ("changed", 2)
    assert server.count("/f.txt") == 2


@pytest.mark.parametrize(
    ("replies", "retries", "message", "requests"),
    [
        ([Reply(500)], 3, "HTTP 500 Internal Server Error (3 attempts)", 3),
        ([Reply(503)], 1, "HTTP 503 Service Unavailable", 1),
        ([Reply(429), Reply(403)], 3, "HTTP 403 Forbidden (2 attempts)", 2),  # 429 retried, 403 final
        ([Reply.text("x" * 512, content_length=1024)], 1, "truncated body (512 of 1024 bytes)", 1),
        ([Reply.text("x" * 512, content_length=1024)], 2,
         "truncated body (512 of 1024 bytes; 2 attempts)", 2),
        ([Reply(200, b"")], 3, "empty body (0 bytes)", 1),
    ],
)
def test_failures_after_retries(server, replies, retries, message, requests):
    server.script("/f", *replies)
    with pytest.raises(FetchError) as info:
        fetch(server.url("/f"), previous=None, retries=retries, **FAST)
    assert str(info.value) == f"{server.url('/f')}: {message}"
    assert server.count("/f") == requests


def test_truncated_then_whole_body_recovers(server):
    server.script("/f", Reply.text(BODY, content_length=len(BODY) + 100), Reply.text(BODY))
    result = fetch(server.url("/f"), previous=None, **FAST)
    assert result.body == BODY.encode() and result.attempts == 2


def test_hang_past_timeout_fails_with_timed_out(server):
    server.script("/slow", Reply.text(BODY, delay=3.0))
    started = datetime.now(UTC)
    with pytest.raises(FetchError) as info:
        fetch(server.url("/slow"), previous=None, timeout=0.3, retries=2, backoff=0.01)
    assert str(info.value) == f"{server.url('/slow')}: timed out after 0.3 s (2 attempts)"
    assert server.count("/slow") == 2
    assert (datetime.now(UTC) - started).total_seconds() < 2.5  # did not wait for the server


def test_hang_mid_body_times_out(server):
    server.script("/stall", Reply.text("x" * 100, content_length=200, linger=3.0))
    with pytest.raises(FetchError) as info:
        fetch(server.url("/stall"), previous=None, timeout=0.3, retries=1)
    assert str(info.value) == f"{server.url('/stall')}: timed out after 0.3 s"


@pytest.mark.parametrize("send_length", [True, False], ids=["content-length", "streaming"])
def test_a_server_sending_one_byte_at_a_time_ends_at_the_deadline(server, send_length):
    """Each byte arrives well within the 20 s per-read timeout; only the deadline for the whole fetch ends it,
    and a close-delimited body cut there is not taken for a short edition."""
    server.script("/drip", Reply.text(BODY * 20, drip=0.02, send_length=send_length))
    started = time.monotonic()
    with pytest.raises(FetchError) as info:
        fetch(server.url("/drip"), previous=None, timeout=20, retries=3, backoff=0.01, deadline=2)
    took = time.monotonic() - started
    assert str(info.value) == (f"{server.url('/drip')}: no complete answer within the 2 s deadline for a whole "
                               "fetch (FACTSHEET_FETCH_DEADLINE)")
    assert 1.9 < took < 4
    assert server.count("/drip") == 1


def test_a_slow_status_line_ends_at_the_deadline(server):
    server.script("/drip", Reply.text(BODY, drip=1.0))
    started = time.monotonic()
    with pytest.raises(FetchError, match="no complete answer within the 1.5 s deadline"):
        fetch(server.url("/drip"), previous=None, timeout=20, deadline=1.5)
    assert time.monotonic() - started < 3.5


def test_retries_stop_when_the_deadline_leaves_no_time_for_another(server):
    server.script("/busy", Reply(503))
    started = time.monotonic()
    with pytest.raises(FetchError) as info:
        fetch(server.url("/busy"), previous=None, timeout=5, retries=10, backoff=0.5, deadline=1.2)
    assert str(info.value) == (f"{server.url('/busy')}: HTTP 503 Service Unavailable; no time for another attempt "
                               "within the 1.2 s deadline for a whole fetch (FACTSHEET_FETCH_DEADLINE; 2 attempts)")
    assert time.monotonic() - started < 1.5


def test_a_fetch_within_its_deadline_is_unaffected(server):
    server.script("/f", Reply.text(BODY))
    assert fetch(server.url("/f"), previous=None, deadline=30, **FAST).body == BODY.encode()


@pytest.mark.parametrize("send_length", [True, False], ids=["content-length", "streaming"])
def test_body_over_size_cap_fails_without_retry(server, send_length):
    server.script("/big", Reply(200, b"x" * 300_000, send_length=send_length))
    with pytest.raises(FetchError) as info:
        fetch(server.url("/big"), previous=None, max_bytes=100_000, **FAST)
    expected = "body over the 100 kB size cap" + (" (Content-Length 300000)" if send_length else "")
    assert str(info.value) == f"{server.url('/big')}: {expected}"
    assert server.count("/big") == 1


def test_body_at_cap_is_accepted(server):
    server.script("/f", Reply(200, b"y" * 1000, send_length=False))
    assert len(fetch(server.url("/f"), previous=None, max_bytes=1000, **FAST).body) == 1000


def test_redirect_gives_final_url_and_keeps_conditional_headers(server):
    server.script("/old", Reply(302, headers={"Location": "/new"}))
    server.script("/new", Reply.text(BODY, etag='"v1"'))
    first = fetch(server.url("/old"), previous=None, **FAST)
    assert first.url == server.url("/new")
    second = fetch(server.url("/old"), previous=first.state(), **FAST)
    assert second.status == "unchanged"
    assert server.requests_for("/new")[1].header("If-None-Match") == '"v1"'


def test_redirect_to_file_scheme_is_refused(server):
    server.script("/old", Reply(302, headers={"Location": "file:///etc/passwd"}))
    with pytest.raises(FetchError, match=r"/old: redirected to a non-http URL \(file:///etc/passwd\)$"):
        fetch(server.url("/old"), previous=None, **FAST)
    assert server.count("/old") == 1


def test_304_without_conditional_request_is_an_error(server):
    server.script("/f", Reply(304))
    with pytest.raises(FetchError, match="304 Not Modified to an unconditional request"):
        fetch(server.url("/f"), previous=None, **FAST)


def test_connection_refused_is_retried_then_fails():
    with ScriptedServer() as s:
        url = s.url("/gone")
    with pytest.raises(FetchError, match=r"/gone: connection failed \(Connection refused; 2 attempts\)$"):
        fetch(url, previous=None, retries=2, **FAST)


@pytest.mark.parametrize(
    ("location", "scheme"),
    [("ftp://example.org/a.pdf", "ftp"), ("file:///etc/passwd", "file"), ("data:text/plain,hi", "data"),
     ("HTTPX://example.org/", "httpx")],
)
def test_non_http_scheme_refused(location, scheme):
    with pytest.raises(InputError) as info:
        fetch(location, previous=None)
    assert str(info.value) == f"{location}: unsupported URL scheme '{scheme}' (http or https only)"


def test_local_file_fetch(tmp_path):
    path = tmp_path / "source.txt"
    path.write_text(BODY, encoding="utf-8")
    first = fetch(str(path), previous=None)
    assert (first.status, first.sha256, first.http_status, first.content_type) == (
        "changed", sha(BODY), None, "text/plain")
    assert fetch(str(path), previous=first.state()).status == "unchanged"
    path.write_text(BODY + "more\n", encoding="utf-8")
    assert fetch(str(path), previous=first.state()).status == "changed"
    pdf = tmp_path / "x.bin"
    pdf.write_bytes(b"%PDF-1.7\n...")
    assert fetch(str(pdf), previous=None).content_type == "application/pdf"


@pytest.mark.parametrize(
    ("name", "content", "max_bytes", "message"),
    [
        ("absent.txt", None, 100, "no such file"),
        ("empty.txt", b"", 100, "file is empty"),
        ("big.txt", b"z" * 101, 100, "file over the 100 bytes size cap (101 bytes)"),
    ],
)
def test_local_file_errors(tmp_path, name, content, max_bytes, message):
    path = tmp_path / name
    if content is not None:
        path.write_bytes(content)
    with pytest.raises(FetchError) as info:
        fetch(str(path), previous=None, max_bytes=max_bytes)
    assert str(info.value) == f"{path}: {message}"


def test_state_round_trip_and_gitignore(tmp_path):
    state_dir = tmp_path / ".state"
    assert load_state(state_dir, "innovative-hong-kong") is None
    state = FetchState('"v1"', LAST_MODIFIED, "a" * 64, "2022-06-30T01:00:00Z", "2022-06-30T01:00:00Z")
    path = save_state(state_dir, "innovative-hong-kong", state)
    assert path == state_dir / "innovative-hong-kong.json"
    assert load_state(state_dir, "innovative-hong-kong") == state
    text = path.read_text()
    assert text.endswith("}\n") and json.loads(text)["etag"] == '"v1"'
    assert (state_dir / ".gitignore").read_text().splitlines()[-1] == "*"
    assert sorted(p.name for p in state_dir.iterdir()) == [".gitignore", "innovative-hong-kong.json"]


@pytest.mark.parametrize(
    ("content", "source_id"),
    [("{not json", "a"), ('["list"]', "a"), ('{"etag": 5}', "a"), (None, "../escape")],
)
def test_state_errors(tmp_path, content, source_id):
    if content is not None:
        (tmp_path / f"{source_id}.json").write_text(content)
    with pytest.raises(InputError):
        load_state(tmp_path, source_id)


@pytest.mark.parametrize(
    ("state", "hours", "stale"),
    [
        (None, None, False),
        (None, 24, True),
        (FetchState(last_success_at="2022-06-30T00:00:00Z"), 24, False),
        (FetchState(last_success_at="2022-06-28T23:00:00Z"), 24, True),
        (FetchState(checked_at="2022-06-30T00:00:00Z"), 24, True),  # checked but never succeeded
    ],
)
def test_is_stale(state, hours, stale):
    assert is_stale(state, hours, datetime(2022, 6, 30, 12, tzinfo=UTC)) is stale


def test_fetch_error_survives_pickling():
    error = pickle.loads(pickle.dumps(FetchError("u: HTTP 404 Not Found", "u", 1, 404)))
    assert (str(error), error.location, error.http_status) == ("u: HTTP 404 Not Found", "u", 404)


@pytest.mark.parametrize(
    ("n", "text"), [(20_000_000, "20 MB"), (1_500_000, "1.5 MB"), (64_000, "64 kB"), (900, "900 bytes")]
)
def test_size_text(n, text):
    assert size_text(n) == text
