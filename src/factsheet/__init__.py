"""Turn Hong Kong Government fact sheets into a validated Frictionless data package."""

import os

# These machines have no internet: telemetry must never be attempted.
for _name, _value in (
    ("DO_NOT_TRACK", "1"),
    ("PREFECT_SERVER_ANALYTICS_ENABLED", "false"),
    ("GX_ANALYTICS_ENABLED", "false"),
):
    os.environ.setdefault(_name, _value)

__version__ = "0.1.0"
