"""The one exception the command line turns into a one-line message and a non-zero exit status."""
from __future__ import annotations


class DuikouError(Exception):
    """A problem the user can fix (bad input, bad query, missing file), with a message that says how.

    ``status`` is the process exit status the command line uses for it.
    """

    def __init__(self, message: str, status: int = 1) -> None:
        super().__init__(message)
        self.status = status


class InputError(DuikouError):
    """An input file that cannot be read as a Chinese article (empty, binary, undecodable …)."""

    def __init__(self, message: str) -> None:
        super().__init__(message, status=3)
