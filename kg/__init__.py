"""govkg: build a knowledge graph from Chinese government work reports (政府工作报告).

>>> import kg
>>> callable(kg.build)
True
"""

from kg.pipeline import build, extract_file, extract_report
from kg.read.report import parse_report, read_report
from kg.structure import read_structure

__all__ = ["build", "extract_report", "extract_file", "read_report", "parse_report", "read_structure"]
__version__ = "0.1.0"
