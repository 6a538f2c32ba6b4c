"""Read: a report file (text, Markdown, web page, PDF, Word) becomes a ``Report``, its text normalised with offsets kept."""

from kg.read.report import READABLE_SUFFIXES, collect_inputs, parse_report, read_report

__all__ = ["collect_inputs", "READABLE_SUFFIXES", "parse_report", "read_report"]
