"""`factsheet serve`: one Prefect deployment per tracked source, on its cron and time zone, served from here.

Schedules need a real Prefect server (`prefect server start`, PREFECT_API_URL set): the temporary server
Prefect starts on its own lives only as long as one process and never fires a schedule, so we refuse it.
"""

from __future__ import annotations

import argparse
import contextlib
import math
import os
import signal
import sys
import threading
import time
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

from factsheet.errors import InputError

if TYPE_CHECKING:
    from prefect.deployments.runner import RunnerDeployment


def refresh_flow() -> Any:
    """The refresh flow of flows/refresh.py (flows/ sits at the repo root, beside src/)."""
    from factsheet.runs import ROOT

    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    from flows.refresh import refresh

    return refresh


def deployments(sources: str | Path | None = None, package: str | Path | None = None,
                interval: float | None = None) -> list[RunnerDeployment]:
    """A deployment per source (name = source id) that checks that source and republishes the package.

    Paths are made absolute: a served run executes in its own process, whose working directory may differ.
    `interval` (seconds) replaces every cron, for trying a schedule out without waiting for Monday 09:00.
    """
    from prefect.schedules import Cron, Interval

    from factsheet.sources import load_sources
    from factsheet.status import refresh_paths

    paths = refresh_paths(sources, package)
    flow = refresh_flow()
    out = []
    for source in load_sources(paths.sources):
        schedule = (Interval(timedelta(seconds=interval), timezone=source.timezone) if interval
                    else Cron(source.cron, timezone=source.timezone))
        out.append(flow.to_deployment(
            name=source.id,
            schedules=[schedule],
            parameters={"sources": str(paths.sources.absolute()), "package": str(paths.package.absolute()),
                        "raw": str(paths.raw.absolute()), "state": str(paths.state.absolute()),
                        "only": [source.id]},
            tags=["factsheet", source.id],
            description=f"Refresh {source.title}: check its source, archive a new edition, publish a new version.",
        ))
    return out


def api_url() -> str:
    """PREFECT_API_URL of a running server, else an InputError saying how to start one."""
    import httpx
    from prefect.settings import PREFECT_API_URL

    url = (PREFECT_API_URL.value() or "").rstrip("/")
    if not url:
        raise InputError("PREFECT_API_URL: not set; schedules need a real server: run `prefect server start` and "
                         "export PREFECT_API_URL=http://127.0.0.1:4200/api")
    try:
        httpx.get(f"{url}/health", timeout=5).raise_for_status()
    except httpx.HTTPError as exc:
        raise InputError(f"{url}: Prefect server not reachable ({type(exc).__name__}); is `prefect server start` "
                         "running?") from None
    return url


SHUTDOWN_GRACE = 10.0  # seconds Prefect's own shutdown gets after SIGINT/SIGTERM before serve ends regardless


class Stopper:
    """Ends `factsheet serve` on SIGINT or SIGTERM whatever the Prefect server's state.

    Prefect's graceful stop talks to the server (it cancels the runs in flight), and with the server gone it
    retries for minutes, so a plain Ctrl-C or SIGTERM used to be ignored. The first signal starts that stop
    with a deadline; at the deadline, or at a second signal, the flow-run processes still running are ended
    (which releases their run lock) and serve exits 0 with one line.
    """

    def __init__(self, grace: float = SHUTDOWN_GRACE) -> None:
        self.grace = grace
        self.signal_name: str | None = None
        self._graceful: Callable[[], None] = lambda: None

    def install(self, graceful: Callable[[], None]) -> None:
        """Handle SIGINT and SIGTERM from now on; `graceful` asks Prefect's runner to stop."""
        self._graceful = graceful
        signal.signal(signal.SIGINT, self.on_signal)
        signal.signal(signal.SIGTERM, self.on_signal)

    def on_signal(self, signum: int, frame: object = None) -> None:
        name = signal.Signals(signum).name
        if self.signal_name is not None:
            self._end(f"second {name}")
        self.signal_name = name
        print(f"factsheet: serve: {name}: stopping (at most {self.grace:g} s)", file=sys.stderr, flush=True)
        threading.Thread(target=self._watchdog, name="factsheet-serve-stop", daemon=True).start()
        self._graceful()

    def _watchdog(self) -> None:
        time.sleep(self.grace)
        self._end(f"Prefect's shutdown did not finish within {self.grace:g} s (is the Prefect server down?)")

    def _end(self, why: str) -> None:
        ended = end_children()
        runs = f"; {ended} flow-run process(es) ended" if ended else ""
        print(f"factsheet: serve stopped: {why}{runs}", file=sys.stderr, flush=True)
        os._exit(0)


def end_children(wait: float = 3.0) -> int:
    """Terminate every process this one started (flow runs and their children), SIGKILL those that linger."""
    import psutil

    children = psutil.Process().children(recursive=True)
    for child in children:
        with contextlib.suppress(psutil.Error):
            child.terminate()
    _, alive = psutil.wait_procs(children, timeout=wait)
    for child in alive:
        with contextlib.suppress(psutil.Error):
            child.kill()
    return len(children)


def _runner(stopper: Stopper, limit: int) -> Any:
    """Prefect's Runner, with its own SIGTERM handler (installed when it starts) routed to the stopper."""
    from prefect.runner import Runner

    class StoppableRunner(Runner):
        def handle_sigterm(self, *args: Any, **kwargs: Any) -> None:
            stopper.on_signal(signal.SIGTERM)

    runner = StoppableRunner(pause_on_shutdown=False, limit=limit)
    stopper.install(lambda: Runner.handle_sigterm(runner))
    return runner


def serve(sources: str | Path | None = None, package: str | Path | None = None,
          interval: float | None = None, grace: float = SHUTDOWN_GRACE) -> None:
    """Register the deployments and run their scheduled flow runs until SIGINT or SIGTERM.

    pause_on_shutdown=False: if this process dies, the server keeps scheduling, so the missed runs show
    as Late in the UI (and `factsheet status` turns STALE) instead of the schedule going quietly dark.
    """
    import asyncio

    from factsheet.settings import limits

    if interval is not None and not (math.isfinite(interval) and interval > 0):
        raise InputError(f"--interval {interval:g}: must be a positive number of seconds")
    limits()  # the flow reads the same settings in each run: a typo is exit 2 here, not a failed run later
    url = api_url()
    served = deployments(sources, package, interval)
    stopper = Stopper(grace)
    runner = _runner(stopper, limit=1)
    for deployment in served:
        runner.add_deployment(deployment)
    print(f"serving {len(served)} deployment(s) on {url}; stop with Ctrl-C or SIGTERM:")
    for deployment, schedule in zip(served, _schedules(served)):
        print(f"  {deployment.flow_name}/{deployment.name}: {schedule}")
    sys.stdout.flush()
    asyncio.run(runner.start())
    print(f"factsheet: serve stopped ({stopper.signal_name or 'runner ended'})", file=sys.stderr, flush=True)


def _schedules(served: list[RunnerDeployment]) -> list[str]:
    """Each deployment's schedule in words: 'cron 0 9 * * 1 (Asia/Hong_Kong)' or 'every 60 s'."""
    out = []
    for deployment in served:
        schedule = deployment.schedules[0].schedule if deployment.schedules else None
        cron = getattr(schedule, "cron", None)
        every = getattr(schedule, "interval", None)
        out.append(f"cron {cron} ({schedule.timezone})" if cron else
                   f"every {every.total_seconds():g} s" if every else "no schedule")
    return out


def _serve(args: argparse.Namespace) -> int:
    serve(args.sources, args.package, args.interval)
    return 0


def add_serve_command(subparsers: argparse._SubParsersAction) -> None:
    """Register `factsheet serve` (needs PREFECT_API_URL of a running `prefect server start`)."""
    from factsheet.status import add_source_options

    sv = subparsers.add_parser("serve", help="serve one scheduled Prefect deployment per tracked source "
                                             "(needs a running Prefect server and PREFECT_API_URL)")
    add_source_options(sv)
    sv.add_argument("--interval", type=float, default=None, metavar="SECONDS",
                    help="run every SECONDS instead of each source's cron (for trying the schedule out)")
    sv.set_defaults(run=_serve)
