"""The schedule for real: `prefect server start` on 127.0.0.1 with its own PREFECT_HOME, `factsheet serve`.

A temporary in-process Prefect server never fires schedules, so only a real server proves that a deployment's
schedule produces a run that completes and publishes. One server for the module; every process started here
is killed by process group in teardown.
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import httpx
import psutil
import pytest
import yaml
from httpserver import Reply, ScriptedServer

from factsheet.pipeline import ROOT
from factsheet.sources import load_sources

pytestmark = pytest.mark.slow
BIN = ROOT / ".venv" / "bin"
ID = "innovative-hong-kong"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start(args: list[str], env: dict[str, str], log: Path, cwd: Path) -> subprocess.Popen:
    """A process in its own session, so teardown can kill it and every child it spawned."""
    handle = open(log, "wb")  # the child keeps its own copy
    try:
        return subprocess.Popen(args, env=env, cwd=cwd, stdout=handle, stderr=subprocess.STDOUT,
                                start_new_session=True)
    finally:
        handle.close()


def stop(process: subprocess.Popen, grace: float = 10) -> None:
    """SIGTERM the process group, SIGKILL it if it lingers."""
    if process.poll() is None:
        try:
            os.killpg(process.pid, signal.SIGTERM)
            process.wait(timeout=grace)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=grace)
        except ProcessLookupError:
            pass
    try:  # children that outlived the leader
        os.killpg(process.pid, signal.SIGKILL)
    except ProcessLookupError:
        pass


def wait_for(what: str, check: Callable[[], Any], timeout: float, log: Path | None = None) -> Any:
    """Poll check() until it returns something truthy; fail with the log's tail after timeout seconds."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            value = check()
        except httpx.HTTPError:
            value = None
        if value:
            return value
        time.sleep(0.5)
    tail = log.read_text(errors="replace")[-3000:] if log and log.exists() else ""
    pytest.fail(f"timed out after {timeout:g} s waiting for {what}\n{tail}")


@contextmanager
def prefect_server(home: Path) -> Iterator[tuple[str, dict[str, str], subprocess.Popen]]:
    """A real Prefect server (SQLite under `home`); yields its API URL, the client env and its process."""
    home.mkdir(parents=True, exist_ok=True)
    port = free_port()
    url = f"http://127.0.0.1:{port}/api"
    quiet = {"DO_NOT_TRACK": "1", "PREFECT_SERVER_ANALYTICS_ENABLED": "false", "GX_ANALYTICS_ENABLED": "false"}
    env = {**os.environ, **quiet, "PREFECT_HOME": str(home), "PREFECT_UI_ENABLED": "false",
           "PREFECT_SERVER_SERVICES_SCHEDULER_LOOP_SECONDS": "2"}
    for service in ("CANCELLATION_CLEANUP", "FOREMAN", "LATE_RUNS", "PAUSE_EXPIRATIONS", "TRIGGERS"):
        env[f"PREFECT_SERVER_SERVICES_{service}_ENABLED"] = "false"  # not needed here: keep 2 cores free
    env.pop("PREFECT_API_URL", None)
    log = home / "server.log"
    process = start([str(BIN / "prefect"), "server", "start", "--host", "127.0.0.1", "--port", str(port)],
                    env, log, home)
    try:
        wait_for("the Prefect server's /api/health", lambda: httpx.get(f"{url}/health", timeout=2).json() is True,
                 60, log)
        client_env = {**os.environ, **quiet, "PREFECT_HOME": str(home / "client"), "PREFECT_API_URL": url,
                      "PREFECT_RUNNER_POLL_FREQUENCY": "1", "COLUMNS": "200"}
        yield url, client_env, process
    finally:
        stop(process)


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, dict[str, str], Path]]:
    """One real Prefect server for the module; yields its API URL, the client env and its home."""
    home = tmp_path_factory.mktemp("prefect-server")
    with prefect_server(home) as (url, env, _):
        yield url, env, home


def api(url: str, path: str, body: dict[str, Any] | None = None) -> Any:
    response = httpx.post(f"{url}{path}", json=body or {}, timeout=10)
    response.raise_for_status()
    return response.json()


def deployment(url: str, name: str) -> dict[str, Any] | None:
    found = api(url, "/deployments/filter", {"deployments": {"name": {"any_": [name]}}})
    return found[0] if found else None


def test_served_schedule_runs_the_flow_and_publishes(server, tmp_path):
    url, env, _ = server
    shutil.copytree(ROOT / "raw", tmp_path / "raw")
    shutil.copy2(ROOT / "sources.toml", tmp_path / "sources.toml")
    package = tmp_path / "datapackage"
    log = tmp_path / "serve.log"
    serving = start([str(BIN / "factsheet"), "serve", "--sources", str(tmp_path / "sources.toml"), "--interval", "5"],
                    env, log, tmp_path)
    try:
        found = wait_for("the served deployment", lambda: deployment(url, ID), 60, log)
        assert found["schedules"][0]["schedule"]["interval"] == 5.0
        assert found["parameters"]["only"] == [ID] and found["parameters"]["package"] == str(package)

        def completed() -> list[dict[str, Any]]:
            runs = api(url, "/flow_runs/filter", {"deployments": {"id": {"any_": [found["id"]]}},
                                                  "flow_runs": {"state": {"type": {"any_": ["COMPLETED"]}}}})
            return [r for r in runs if r["auto_scheduled"]]

        runs = wait_for("a scheduled flow run to complete", completed, 120, log)
    finally:
        stop(serving)
    assert runs[0]["state"]["type"] == "COMPLETED"
    assert '"version": "1.0.0"' in (package / "datapackage.json").read_text(encoding="utf-8")
    artifacts = api(url, "/artifacts/filter", {"artifacts": {"key": {"any_": ["factsheet-refresh"]}}})
    assert any(a["flow_run_id"] == runs[0]["id"] for a in artifacts)
    assert all(a["data"].startswith("# factsheet refresh: ") for a in artifacts)


def test_serve_refuses_to_run_without_a_real_server(tmp_path):
    env = {**os.environ, "DO_NOT_TRACK": "1", "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
           "PREFECT_HOME": str(tmp_path / "home")}
    env.pop("PREFECT_API_URL", None)
    result = subprocess.run([str(BIN / "factsheet"), "serve", "--interval", "5"], env=env, capture_output=True,
                            text=True, timeout=60)
    assert result.returncode == 2
    assert result.stderr.startswith("factsheet: error: PREFECT_API_URL: not set")


def test_prefect_yaml_has_a_deployment_per_source_that_prefect_deploy_accepts(server, tmp_path):
    url, env, _ = server
    spec = yaml.safe_load((ROOT / "prefect.yaml").read_text(encoding="utf-8"))
    sources = load_sources(ROOT / "sources.toml")
    by_name = {d["name"]: d for d in spec["deployments"]}
    assert sorted(by_name) == sorted(s.id for s in sources)
    for source in sources:
        entry = by_name[source.id]
        assert entry["entrypoint"] == "flows/refresh.py:refresh"
        assert entry["parameters"] == {"only": [source.id]}
        assert entry["schedules"] == [{"cron": source.cron, "timezone": source.timezone, "active": True}]

    project = tmp_path / "project"  # a copy: `prefect deploy` must not touch the shared working tree
    (project / "flows").mkdir(parents=True)
    for name in ("__init__.py", "refresh.py"):
        shutil.copy2(ROOT / "flows" / name, project / "flows" / name)
    shutil.copy2(ROOT / "prefect.yaml", project / "prefect.yaml")
    for args in (["work-pool", "create", "factsheet", "--type", "process"], ["--no-prompt", "deploy", "--all"]):
        result = subprocess.run([str(BIN / "prefect"), *args], cwd=project, env=env, capture_output=True, text=True,
                                timeout=120)
        assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-2000:]
    listed = subprocess.run([str(BIN / "prefect"), "deployment", "ls"], cwd=project, env=env, capture_output=True,
                            text=True, timeout=60)
    assert f"factsheet-refresh/{ID}" in listed.stdout
    registered = deployment(url, ID)
    assert registered["work_pool_name"] == "factsheet"
    schedule = registered["schedules"][0]["schedule"]
    assert (schedule["cron"], schedule["timezone"]) == ("0 9 * * 1", "Asia/Hong_Kong")


def runs_of(url: str, deployment_id: str, *states: str) -> list[dict[str, Any]]:
    """The deployment's scheduled flow runs in the given states (COMPLETED, FAILED, RUNNING, ...)."""
    runs = api(url, "/flow_runs/filter", {"deployments": {"id": {"any_": [deployment_id]}},
                                          "flow_runs": {"state": {"type": {"any_": list(states)}}}})
    return [r for r in runs if r["auto_scheduled"]]


def server_messages(url: str, flow_run_id: str) -> list[str]:
    """The log messages the server holds for one flow run."""
    return [entry["message"] for entry in api(url, "/logs/filter", {"logs": {"flow_run_id": {"any_": [flow_run_id]}}})]


def test_a_failed_scheduled_run_ends_in_one_line_and_status_says_so(server, tmp_path):
    """Failed state whose message is the reason; one line, no traceback, in the serve log and the run's logs in
    the server; a run record that `factsheet status` reports with exit 1 although nothing is stale yet."""
    url, env, _ = server
    missing = tmp_path / "nowhere.txt"
    (tmp_path / "sources.toml").write_text('[[source]]\nid = "missing"\ntitle = "Missing"\npath = "nowhere.txt"\n'
                                           'stale_after_hours = 24\n', encoding="utf-8")
    log = tmp_path / "serve.log"
    serving = start([str(BIN / "factsheet"), "serve", "--sources", str(tmp_path / "sources.toml"), "--interval", "5"],
                    env, log, tmp_path)
    try:
        found = wait_for("the served deployment", lambda: deployment(url, "missing"), 60, log)
        failed = wait_for("a scheduled run to fail", lambda: runs_of(url, found["id"], "FAILED"), 120, log)
        wait_for("the failed run's last log line", lambda: "run failed: " in log.read_text(encoding="utf-8"), 30, log)
        text = log.read_text(encoding="utf-8")  # before the stop, which may cut a next run short
        # run logs reach the server in batches, a moment after the serve log has them
        messages = wait_for("the run's logs in the server", lambda: [
            m for m in server_messages(url, failed[0]["id"]) if m.startswith("run failed: ")]
            and server_messages(url, failed[0]["id"]), 30, log)
    finally:
        stop(serving)
    reason = f"missing: failed: {missing}: no such file; failed: no edition archived yet: nothing to publish"
    assert failed[0]["state"]["message"] == reason
    assert f"run failed: {reason}" in text
    assert "Traceback" not in text and "cannot be resolved into an exception" not in text
    assert f"run failed: {reason}" in messages
    assert not [m for m in messages if "Traceback" in m or "\n" in m.strip()], messages

    # a second attempt is not needed to turn status red: the last run failed
    status = subprocess.run([str(BIN / "factsheet"), "status", "--sources", str(tmp_path / "sources.toml")], env=env,
                            capture_output=True, text=True, timeout=60)
    assert status.returncode == 1, status.stderr
    assert status.stdout.startswith("missing: last run ") and f" failed: {missing}: no such file; " in status.stdout
    assert status.stdout.rstrip().endswith("; FAILED, STALE (limit 24 h)")  # never checked successfully: stale too
    assert status.stderr == "factsheet: 1 source(s) not ok: missing (last run failed and stale)\n"


def test_serve_stops_on_sigterm_and_sigint_after_its_server_went_away(tmp_path):
    """Before: `factsheet serve` ignored both signals once its server was gone and needed SIGKILL. Each serve
    here has a flow run in flight (a source served one byte every half second), then the server dies."""
    body = ("Innovative Hong Kong\n(June 2022)\n" + "Wi-Fi.HK hotspots: over 44,500\n" * 50).encode()
    with ScriptedServer() as web, prefect_server(tmp_path / "home") as (url, env, server_process):
        env = {**env, "FACTSHEET_FETCH_DEADLINE": "600", "FACTSHEET_STAGE_TIMEOUT": "600"}
        serves: dict[str, tuple[subprocess.Popen, Path]] = {}
        for name in ("by-sigterm", "by-sigint"):
            web.script(f"/{name}.txt", Reply(body=body, drip=0.5))
            ws = tmp_path / name
            ws.mkdir()
            (ws / "sources.toml").write_text(f'[[source]]\nid = "{name}"\ntitle = "Slow"\n'
                                             f'url = "{web.url(f"/{name}.txt")}"\n', encoding="utf-8")
            log = ws / "serve.log"
            serves[name] = start([str(BIN / "factsheet"), "serve", "--sources", str(ws / "sources.toml"),
                                  "--interval", "5"], env, log, ws), log
        try:
            for name, (_, log) in serves.items():
                found = wait_for(f"{name}'s deployment", lambda n=name: deployment(url, n), 60, log)
                wait_for(f"{name}'s flow run to start", lambda f=found: runs_of(url, f["id"], "RUNNING"), 120, log)
            children = {name: psutil.Process(p.pid).children(recursive=True) for name, (p, _) in serves.items()}
            assert all(children.values()), "each serve runs its flow in a process of its own"
            stop(server_process)  # the server goes away under both
            time.sleep(3)
            started = time.monotonic()
            serves["by-sigterm"][0].send_signal(signal.SIGTERM)
            serves["by-sigint"][0].send_signal(signal.SIGINT)
            codes = {name: p.wait(timeout=30) for name, (p, _) in serves.items()}
            took = time.monotonic() - started
        finally:
            for process, _ in serves.values():
                stop(process)
    assert codes == {"by-sigterm": 0, "by-sigint": 0}
    assert took < 30  # the 10 s grace, then 3 s for the flow-run processes to go (more on a busy machine)
    for name, (_, log) in serves.items():
        text = log.read_text(encoding="utf-8")
        signame = "SIGTERM" if name == "by-sigterm" else "SIGINT"
        assert f"factsheet: serve: {signame}: stopping (at most 10 s)" in text
        assert "factsheet: serve stopped" in text
        for child in children[name]:  # no flow run outlives its serve (its run lock is released)
            assert not child.is_running() or child.status() == psutil.STATUS_ZOMBIE, child
