"""Run a program confined: it can answer connections but never open one, within a memory limit, and not outlive us.

``kg serve`` starts the Oxigraph server through this file:

- a seccomp filter (Linux, libseccomp) makes ``connect(2)``, ``sendto(2)``
  to an address, ``sendmsg(2)``/``sendmmsg(2)`` and ``io_uring_setup(2)``
  fail with ``EACCES``, so a SPARQL ``SERVICE <http://…>`` clause, which
  Oxigraph would otherwise fetch, cannot make the server connect anywhere
  (``--allow-connect`` leaves this out). Accepting connections and answering
  on them (``accept4``, ``write``, ``send``) still work;
- ``--max-data BYTES`` sets ``RLIMIT_DATA``: a query that would need more
  memory makes the server abort instead of the machine running out;
- ``--parent PID`` asks the kernel to send SIGTERM to the program when that
  process (``kg serve``) dies, however it dies.

The kernel keeps all three across ``execve``. The file runs as a script, by
path and with ``python -I``, so that it imports nothing of govkg (and no
``kg/`` module shadows the standard library)::

    python -I kg/query/sandbox.py --max-data 2147483648 -- oxigraph serve-read-only --location output/store
"""

from __future__ import annotations

import argparse
import ctypes
import ctypes.util
import errno
import os
import resource
import signal
import sys

__all__ = ["DENIED", "available", "deny_outgoing", "command", "main"]

# system calls that open a connection or send to an address of the caller's choosing
DENIED = ("connect", "sendmsg", "sendmmsg", "io_uring_setup")
_SCMP_ACT_ALLOW = 0x7FFF0000
_SCMP_ACT_ERRNO = 0x00050000
_SCMP_CMP_NE = 1


class _ArgCmp(ctypes.Structure):  # struct scmp_arg_cmp of seccomp.h
    _fields_ = [("arg", ctypes.c_uint), ("op", ctypes.c_int),
                ("datum_a", ctypes.c_uint64), ("datum_b", ctypes.c_uint64)]


def _libseccomp():
    name = ctypes.util.find_library("seccomp") or "libseccomp.so.2"
    lib = ctypes.CDLL(name, use_errno=True)
    lib.seccomp_init.restype = ctypes.c_void_p
    lib.seccomp_init.argtypes = [ctypes.c_uint32]
    lib.seccomp_syscall_resolve_name.argtypes = [ctypes.c_char_p]
    lib.seccomp_rule_add_array.argtypes = [ctypes.c_void_p, ctypes.c_uint32, ctypes.c_int, ctypes.c_uint,
                                           ctypes.POINTER(_ArgCmp)]
    lib.seccomp_load.argtypes = [ctypes.c_void_p]
    lib.seccomp_release.argtypes = [ctypes.c_void_p]
    return lib


def available() -> bool:
    """Whether this machine can run a program under the filter (Linux with libseccomp)."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        _libseccomp()
    except OSError:
        return False
    return True


def deny_outgoing() -> None:
    """Install the filter on the calling process (and, after ``exec``, on the program it becomes)."""
    lib = _libseccomp()
    ctx = lib.seccomp_init(_SCMP_ACT_ALLOW)
    if not ctx:
        raise OSError("seccomp_init failed")
    deny = _SCMP_ACT_ERRNO | errno.EACCES
    try:
        for name in DENIED:
            _add(lib, ctx, deny, name)
        _add(lib, ctx, deny, "sendto", _ArgCmp(4, _SCMP_CMP_NE, 0, 0))  # sendto with a destination address
        rc = lib.seccomp_load(ctx)  # also sets no_new_privs, so no root is needed
        if rc < 0:
            raise OSError(-rc, f"seccomp_load failed: {os.strerror(-rc)}")
    finally:
        lib.seccomp_release(ctx)


def _add(lib, ctx, action: int, name: str, *conditions: _ArgCmp) -> None:
    nr = lib.seccomp_syscall_resolve_name(name.encode())
    if nr < 0:  # not a system call on this architecture
        return
    array = (_ArgCmp * len(conditions))(*conditions) if conditions else None
    rc = lib.seccomp_rule_add_array(ctx, action, nr, len(conditions), array)
    if rc < 0:
        raise OSError(-rc, f"cannot filter {name}: {os.strerror(-rc)}")


def command(program: list[str], *, allow_connect: bool = False, max_data: int | None = None,
            parent: int | None = None) -> list[str]:
    """The command line that runs ``program`` under this file.

    >>> command(["oxigraph", "serve"], max_data=1024, parent=1)[3:]
    ['--max-data', '1024', '--parent', '1', '--', 'oxigraph', 'serve']
    """
    options = ["--allow-connect"] if allow_connect else []
    options += ["--max-data", str(max_data)] if max_data else []
    options += ["--parent", str(parent)] if parent else []
    return [sys.executable, "-I", os.path.abspath(__file__), *options, "--", *program]


def _die_with(parent: int) -> None:
    libc = ctypes.CDLL(None, use_errno=True)
    if libc.prctl(1, signal.SIGTERM, 0, 0, 0) != 0:  # PR_SET_PDEATHSIG
        raise OSError(ctypes.get_errno(), "prctl(PR_SET_PDEATHSIG) failed")
    if os.getppid() != parent:  # it died before the request took effect
        sys.exit(0)


def main(argv: list[str]) -> None:
    """``sandbox.py [--allow-connect] [--max-data BYTES] [--parent PID] -- PROGRAM ARGS…``"""
    parser = argparse.ArgumentParser(prog="sandbox.py")
    parser.add_argument("--allow-connect", action="store_true")
    parser.add_argument("--max-data", type=int)
    parser.add_argument("--parent", type=int)
    parser.add_argument("program", nargs=argparse.REMAINDER)
    args = parser.parse_args(argv)
    program = args.program[1:] if args.program[:1] == ["--"] else args.program
    if not program:
        parser.error("no program to run")
    try:
        if args.max_data:
            resource.setrlimit(resource.RLIMIT_DATA, (args.max_data, args.max_data))
        if args.parent and sys.platform.startswith("linux"):
            _die_with(args.parent)
        if not args.allow_connect:
            deny_outgoing()
    except (OSError, ValueError) as exc:
        sys.exit(f"kg serve: cannot confine the server here ({exc})")
    os.execvp(program[0], program)


if __name__ == "__main__":
    main(sys.argv[1:])
