"""Ctrl-C and worker processes: the one place that decides who answers SIGINT.

A terminal's Ctrl-C reaches every process of the foreground group.  Only the command's own process answers
it (one line, status 130); workers ignore it and are ended by their parent.  A worker must ignore it from its
very first instruction, before its interpreter has imported anything, or a Ctrl-C then prints the worker's
traceback.  A started program keeps the signals its parent ignored (the signal mask, by contrast, is reset by
``multiprocessing``'s spawn), so workers are started while the parent ignores SIGINT for a moment.
"""
from __future__ import annotations

import signal
import threading
from contextlib import contextmanager
from typing import Iterator


@contextmanager
def children_ignore_sigint() -> Iterator[None]:
    """Start worker processes inside this block: they begin with SIGINT ignored.

    Meanwhile the calling thread blocks SIGINT, so a Ctrl-C aimed at it stays pending and reaches the usual
    handler when the block ends (Linux never discards a blocked signal, ignored or not).  One that the kernel
    hands to another thread in these few milliseconds is lost.  Only the main thread may change a signal's
    handler: elsewhere this does nothing, and the query pool starts its replacements from a fork server
    that was itself started here (:mod:`graph.pool`).
    """
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    before = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)
        signal.pthread_sigmask(signal.SIG_SETMASK, before)


def ignore_sigint() -> None:
    """First thing in a worker's own code: keep ignoring Ctrl-C (the parent ends us)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
