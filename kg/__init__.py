"""govkg: build a knowledge graph from Chinese government work reports (政府工作报告).

>>> import kg
>>> callable(kg.build)
True
"""

from .pipeline import build, extract, extract_file
from .read import parse_report, read_report
from .structure import read_structure

__all__ = ["build", "extract", "extract_file", "read_report", "parse_report", "read_structure"]
__version__ = "0.1.0"
