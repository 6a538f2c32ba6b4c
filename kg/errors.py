"""Errors of govkg: each says what went wrong, where, and how to fix it.

The library raises them and never prints or exits; only the command line turns
them into a message on stderr and a non-zero exit code.
"""

from __future__ import annotations

__all__ = ["KgError", "InputError", "DecodeError", "OutputError", "GoldError", "QueryError", "ExportError",
           "ValidationError", "ServeError"]


class KgError(Exception):
    """Base class of every error govkg raises on purpose."""

    exit_code = 1

    def __init__(self, message: str, *, path: str | None = None, hint: str | None = None):
        self.path = path
        self.hint = hint
        super().__init__(message)

    def __str__(self) -> str:
        text = super().__str__()
        if self.path:
            text = f"{self.path}: {text}"
        if self.hint:
            text = f"{text} ({self.hint})"
        return text


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


class ServeError(KgError):
    """The SPARQL server cannot start, or stopped by itself."""

    exit_code = 3
