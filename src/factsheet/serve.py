"""`factsheet serve`: one Prefect deployment per tracked source, on its cron and time zone, served from here.

Schedules need a real Prefect server (`prefect server start`, PREFECT_API_URL set): the temporary server
Prefect starts on its own lives only as long as one process and never fires a schedule, so we refuse it.
"""

from __future__ import annotations

import argparse
import sys
from datetime import timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

from factsheet.errors import InputError

if TYPE_CHECKING:
    from prefect.deployments.runner import RunnerDeployment


def refresh_flow() -> Any:
    """The refresh flow of flows/refresh.py (flows/ sits at the repo root, beside src/)."""
    from factsheet.pipeline import ROOT

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


def serve(sources: str | Path | None = None, package: str | Path | None = None,
          interval: float | None = None) -> None:
    """Register the deployments and run their scheduled flow runs until interrupted.

    pause_on_shutdown=False: if this process dies, the server keeps scheduling, so the missed runs show
    as Late in the UI (and `factsheet status` turns STALE) instead of the schedule going quietly dark.
    """
    from prefect import serve as prefect_serve

    if interval is not None and interval <= 0:
        raise InputError(f"--interval {interval:g}: must be a positive number of seconds")
    api_url()
    prefect_serve(*deployments(sources, package, interval), pause_on_shutdown=False, limit=1)


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
