"""The exceptions the command line turns into a one-line message and an exit status.

One table of exit statuses for every command (the README repeats it):

====  =========================================================================
0     success
1     internal error (a bug: please report it)
2     usage or bad query (unknown option value, malformed SPARQL, unknown name or IRI)
3     bad input (not an article, unreadable input)
4     a time or size limit reached
5     I/O error (cannot write the outputs or the cache: disk full, read-only, not a folder; a SPARQL server
      that `build --endpoint` cannot reach or that refuses a graph)
130   interrupted (Ctrl-C)
====  =========================================================================
"""
from __future__ import annotations

USAGE = 2
BAD_INPUT = 3
LIMIT = 4
OUTPUT = 5
INTERRUPTED = 130


class DuikouError(Exception):
    """A problem the user can fix (bad input, bad query, missing file), with a message that says how.

    ``status`` is the process exit status the command line uses for it.
    """

    def __init__(self, message: str, status: int = 1) -> None:
        super().__init__(message)
        self.status = status


class StoreUnreadable(DuikouError):
    """A build's kept graph store that does not open (missing, damaged): the folder is to be rebuilt."""


class InputError(DuikouError):
    """An input file that cannot be read as a Chinese article (empty, binary, undecodable …)."""

    def __init__(self, message: str) -> None:
        super().__init__(message, status=BAD_INPUT)


class UsageError(DuikouError):
    """An option or argument the command cannot take (``-j 0``, an input of an unsupported type …)."""

    def __init__(self, message: str) -> None:
        super().__init__(message, status=USAGE)


class OutputError(DuikouError):
    """Outputs or the cache cannot be written (disk full, read-only, a file where a folder should be)."""

    def __init__(self, message: str) -> None:
        super().__init__(message, status=OUTPUT)


def output_error(what: object, exc: OSError) -> OutputError:
    """One line for a failed write: where, and the system's reason (``No space left on device``)."""
    return OutputError(f"cannot write {what}: {exc.strerror or exc}")
