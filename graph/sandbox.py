"""Confinement of the process that runs untrusted SPARQL: no network, bounded memory.

Why the network is cut off in the kernel rather than refused in a pre-check: Oxigraph (pyoxigraph
0.5.13) sends a SPARQL ``SERVICE`` to the named host with its own HTTP client, and its Python API has
no option to turn that client off (the Rust ``SparqlEvaluator::without_default_http_service_handler``
is not exposed).  A pre-check with another parser (rdflib's) was bypassed twice because the two
parsers read the same text differently (``\\u0022`` escapes, a comment ended by a bare carriage return).
So the query worker installs a seccomp filter before it loads the graph: creating any socket fails
with ``ENETUNREACH`` in every thread, present and future (the worker talks to its parent over a pipe
made before), and the worker can never reach another host whatever the engine parses.  Oxigraph then reports ``Network is unreachable
(os error 101)``, which :func:`is_blocked_call` recognises so the client is told SERVICE is refused.

The filter needs Linux on x86-64 or AArch64 (no privileges: ``PR_SET_NO_NEW_PRIVS`` makes it
unprivileged); elsewhere :func:`forbid_network` returns False and the caller falls back to refusing
any query text that could name a SERVICE (:func:`graph.sparql.guard_service`).
"""
from __future__ import annotations

import ctypes
import errno
import os
import resource
import struct
import sys

# architecture → (AUDIT_ARCH_*, __NR_socket, __NR_io_uring_setup, __NR_seccomp)
_ARCH = {"x86_64": (0xC000003E, 41, 425, 317), "aarch64": (0xC00000B7, 198, 425, 277)}
_PR_SET_NO_NEW_PRIVS = 38
_SECCOMP_SET_MODE_FILTER = 1
_SECCOMP_FILTER_FLAG_TSYNC = 1
_LD_W_ABS, _JEQ_K, _JGE_K, _RET_K = 0x20, 0x15, 0x35, 0x06
_ALLOW, _ERRNO = 0x7FFF0000, 0x00050000
_X32_BIT = 0x40000000
BLOCKED_ERRNO = errno.ENETUNREACH


def _insn(code: int, jt: int, jf: int, k: int) -> bytes:
    return struct.pack("HBBI", code, jt, jf, k)


class _Fprog(ctypes.Structure):
    _fields_ = [("len", ctypes.c_ushort), ("filter", ctypes.c_void_p)]


def _program(audit: int, nr_socket: int, nr_uring: int) -> list[bytes]:
    """A BPF program: other architectures, x32 calls, io_uring (which can open sockets by itself) and
    ``socket()`` itself are refused; the rest runs.  Unix sockets too: a name looked up through a local
    resolver daemon (nscd, systemd-resolved) would still carry a query's host name out."""
    deny = _insn(_RET_K, 0, 0, _ERRNO | BLOCKED_ERRNO)
    return [
        _insn(_LD_W_ABS, 0, 0, 4),                 # 0: seccomp_data.arch
        _insn(_JEQ_K, 1, 0, audit),                # 1: our architecture → 3
        deny,                                      # 2
        _insn(_LD_W_ABS, 0, 0, 0),                 # 3: seccomp_data.nr
        _insn(_JGE_K, 3, 0, _X32_BIT),             # 4: x32 ABI → 8
        _insn(_JEQ_K, 2, 0, nr_uring),             # 5: io_uring_setup → 8
        _insn(_JEQ_K, 1, 0, nr_socket),            # 6: socket → 8
        _insn(_RET_K, 0, 0, _ALLOW),               # 7
        deny,                                      # 8
    ]


def forbid_network() -> bool:
    """Make every thread of this process unable to open a network socket, for good; False where the
    platform has no seccomp filter we know how to install (then nothing changes)."""
    arch = _ARCH.get(os.uname().machine)  # (what platform.machine() reads, without importing it: 10 ms)
    if not sys.platform.startswith("linux") or arch is None:
        return False
    audit, nr_socket, nr_uring, nr_seccomp = arch
    code = b"".join(_program(audit, nr_socket, nr_uring))
    buffer = ctypes.create_string_buffer(code)
    fprog = _Fprog(len(code) // 8, ctypes.addressof(buffer))
    libc = ctypes.CDLL(None, use_errno=True)
    if libc.prctl(_PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0:
        return False
    if libc.syscall(nr_seccomp, _SECCOMP_SET_MODE_FILTER, _SECCOMP_FILTER_FLAG_TSYNC, ctypes.byref(fprog)) != 0:
        return False
    return True


def is_blocked_call(exc: BaseException) -> bool:
    """Whether an engine error is the filter refusing a connection (Oxigraph words it as Rust's io::Error)."""
    return (isinstance(exc, OSError) and exc.errno == BLOCKED_ERRNO) or \
        f"(os error {BLOCKED_ERRNO})" in str(exc)


def data_size() -> int:
    """Bytes of private data this process maps now (``VmData``), what ``RLIMIT_DATA`` counts."""
    try:
        with open("/proc/self/status", encoding="ascii") as f:
            for line in f:
                if line.startswith("VmData:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024


def limit_memory(extra: int) -> None:
    """Let this process map at most ``extra`` more bytes of data than it holds now (the loaded graph):
    past it an allocation fails, the engine aborts and the parent reports the memory limit."""
    limit = data_size() + extra
    soft, hard = resource.getrlimit(resource.RLIMIT_DATA)
    if hard != resource.RLIM_INFINITY:
        limit = min(limit, hard)
    resource.setrlimit(resource.RLIMIT_DATA, (limit, hard))


def redirect_stderr(target: str | int) -> None:
    """Send this process's file descriptor 2 (where a Rust panic writes) to the file at ``target``, a path
    or an open descriptor (given over to this), so the parent can read why it died instead of showing a
    backtrace to the user."""
    fd = target if isinstance(target, int) else os.open(target, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    os.dup2(fd, 2)
    os.close(fd)


def clear_stderr() -> None:
    """Forget what the previous request wrote to the redirected stderr."""
    try:
        os.ftruncate(2, 0)
        os.lseek(2, 0, os.SEEK_SET)
    except OSError:
        pass
