"""The one exception users see: a one-line message, exit code 2, never a traceback."""


class InputError(Exception):
    """A problem the user can fix (bad file, bad URL, bad edition); str() is the whole message."""

    exit_code = 2
