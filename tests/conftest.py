"""Fixtures shared by test modules."""

from __future__ import annotations

import pytest


@pytest.fixture(scope="module")
def prefect_test_server(tmp_path_factory: pytest.TempPathFactory):
    """One temporary Prefect server and PREFECT_HOME for every flow run of a module that asks for it
    (`pytestmark = pytest.mark.usefixtures("prefect_test_server")`)."""
    from prefect.settings import PREFECT_HOME, PREFECT_LOGGING_LEVEL, temporary_settings
    from prefect.testing.utilities import prefect_test_harness

    home = tmp_path_factory.mktemp("prefect-home")
    settings = {PREFECT_HOME: str(home), PREFECT_LOGGING_LEVEL: "WARNING"}
    with temporary_settings(settings), prefect_test_harness(server_startup_timeout=120):  # slow on a loaded machine
        yield
