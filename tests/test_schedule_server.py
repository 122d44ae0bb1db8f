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
from pathlib import Path
from typing import Any

import httpx
import pytest
import yaml

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


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, dict[str, str], Path]]:
    """A real Prefect server (SQLite under its own PREFECT_HOME); yields its API URL and the client env."""
    home = tmp_path_factory.mktemp("prefect-server")
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
        yield url, client_env, home
    finally:
        stop(process)


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
