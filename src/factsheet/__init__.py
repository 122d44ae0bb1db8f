"""Turn Hong Kong Government fact sheets into a validated Frictionless data package.

The Python API (factsheet/api.py), imported on first use so that `import factsheet` stays cheap:

    import factsheet
    pkg = factsheet.extract("sheet.pdf")                  # pkg.figures, pkg.events, pkg.editions: pandas
    pkg.write("sheet-package")                            # as `factsheet extract sheet.pdf --out sheet-package`
    verdict = factsheet.validate("new.pdf", package="datapackage")   # as `factsheet validate new.pdf`
"""

import os
import sys
import types

# These machines have no internet: telemetry must never be attempted.
for _name, _value in (
    ("DO_NOT_TRACK", "1"),
    ("PREFECT_SERVER_ANALYTICS_ENABLED", "false"),
    ("GX_ANALYTICS_ENABLED", "false"),
    # Prefect's temporary server waits 20 s to come up by default, too little on a busy 2-core machine
    ("PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS", "120"),
):
    os.environ.setdefault(_name, _value)

__version__ = "0.1.0"
__all__ = ["Package", "extract", "validate"]


def __getattr__(name: str) -> object:
    """factsheet.extract, factsheet.validate and factsheet.Package come from factsheet.api when first asked for."""
    if name in __all__:
        from factsheet import api

        return getattr(api, name)
    raise AttributeError(f"module 'factsheet' has no attribute {name!r}")


class _Package(types.ModuleType):
    """The package module. Importing a submodule sets it as an attribute of its package, and two submodules share
    a name with the API (factsheet/extract.py, the grammar, and factsheet/validate.py, the suites): those are kept
    out of the package's attributes, so `factsheet.extract` is always the API's function. The submodules stay
    importable as ever (`from factsheet.extract import extract`)."""

    def __setattr__(self, name: str, value: object) -> None:
        if name in __all__ and isinstance(value, types.ModuleType):
            return
        super().__setattr__(name, value)


sys.modules[__name__].__class__ = _Package
