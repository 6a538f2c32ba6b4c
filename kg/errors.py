"""Errors of govkg: each says what went wrong, where, and how to fix it.

The library raises them and never prints or exits; only the command line turns
them into a message on stderr and a non-zero exit code.
"""

from __future__ import annotations

import importlib
import re
from types import ModuleType

__all__ = ["KgError", "InputError", "DecodeError", "OutputError", "GoldError", "QueryError", "ExportError",
           "ValidationError", "ServeError", "PartialBuildError", "require", "printable"]


class KgError(Exception):
    """Base class of every error govkg raises on purpose."""

    exit_code = 1

    def __init__(self, message: str, *, path: str | None = None, hint: str | None = None):
        self.path = path
        self.hint = hint
        super().__init__(message)

    def __str__(self) -> str:
        return f"{printable(self.path, lines=False)}: {self.reason}" if self.path else self.reason

    @property
    def reason(self) -> str:
        """The message and its hint, without the path."""
        text = printable(super().__str__())
        return f"{text} ({self.hint})" if self.hint else text


_UNPRINTABLE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
_UNPRINTABLE_LINES = re.compile("[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def printable(text: str, lines: bool = True) -> str:
    r"""``text`` with its control characters escaped (``\x1b``), so that a file name cannot write to the terminal
    (an escape sequence, a carriage return) or reorder what is shown; ``lines`` keeps line breaks and tabs.

    >>> print(printable("a\x1b]0;x\x07b.txt"))
    a\x1b]0;x\x07b.txt
    """
    pattern = _UNPRINTABLE if lines else _UNPRINTABLE_LINES
    return pattern.sub(_escaped, text)


def _escaped(match: re.Match) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 256 else f"\\u{code:04x}"


class InputError(KgError):
    """An input path is missing, empty, or not a report."""

    exit_code = 2


class DecodeError(InputError):
    """A file's bytes are not text in any encoding we can read."""


class OutputError(KgError):
    """The output folder cannot be written."""

    exit_code = 3


class GoldError(KgError):
    """A gold file is missing or not in the format of gold-format.md."""

    exit_code = 2


class QueryError(KgError):
    """A SPARQL query could not be parsed or run."""

    exit_code = 2


class ExportError(KgError):
    """An export was asked for in a format govkg does not write, or to a path that cannot hold it."""

    exit_code = 2


class ValidationError(KgError):
    """A graph breaks the shapes of ``ontology/shapes.ttl``."""

    exit_code = 4


class PartialBuildError(KgError):
    """Some reports failed, and writing the graph without them would replace a more complete earlier one."""

    exit_code = 5


class ServeError(KgError):
    """The SPARQL server cannot start, or stopped by itself."""

    exit_code = 3


def require(module: str, extra: str, needed_for: str, error: type[KgError] = InputError,
            path: str | None = None) -> ModuleType:
    """Import ``module``, a dependency that ``pip install govkg`` leaves out, or raise ``error`` saying which extra
    installs it.

    >>> require("json", "none", "reading JSON").__name__
    'json'
    >>> print(require("no_such_module_here", "pdf", "reading a PDF"))
    Traceback (most recent call last):
    kg.errors.InputError: reading a PDF needs the package no_such_module_here, which is not installed (pip install 'govkg[pdf]', or 'govkg[all]' for every format and the server)
    """
    try:
        return importlib.import_module(module)
    except ImportError:
        raise error(f"{needed_for} needs the package {module.split('.')[0]}, which is not installed", path=path,
                    hint=f"pip install 'govkg[{extra}]', or 'govkg[all]' for every format and the server") from None
