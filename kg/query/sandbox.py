"""Confine the calling process: it can answer on the pipes and sockets it has but never open a connection, and it does
not outlive its parent.

``kg serve``'s query workers (``kg/query/worker.py``) call these before they open the store:

- ``deny_outgoing``: a seccomp filter (Linux, libseccomp) makes ``connect(2)``,
  ``sendto(2)`` to an address, ``sendmsg(2)``/``sendmmsg(2)`` and
  ``io_uring_setup(2)`` fail with ``EACCES``, so a SPARQL ``SERVICE <http://…>``
  clause, which pyoxigraph would otherwise fetch, cannot make a worker connect
  anywhere. Reading and writing what is already open still works;
- ``die_with``: the kernel sends SIGTERM to the process when its parent
  (``kg serve``) dies, however it dies (even ``kill -9``).

The module imports only the standard library, so the worker loads it by path
without importing govkg.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import errno
import os
import signal
import sys

__all__ = ["DENIED", "available", "deny_outgoing", "die_with"]

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


def die_with(parent: int) -> None:
    """Have the kernel send SIGTERM to this process when the thread that started it, in process ``parent``, ends;
    exit now if ``parent`` is gone already."""
    libc = ctypes.CDLL(None, use_errno=True)
    if libc.prctl(1, signal.SIGTERM, 0, 0, 0) != 0:  # PR_SET_PDEATHSIG
        raise OSError(ctypes.get_errno(), "prctl(PR_SET_PDEATHSIG) failed")
    if os.getppid() != parent:  # it died before the request took effect
        sys.exit(0)
