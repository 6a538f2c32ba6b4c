"""govkg: build a knowledge graph from Chinese government work reports (政府工作报告).

>>> import kg
>>> callable(kg.build)
True
"""

from kg.pipeline import build, extract_file, extract_report
from kg.read.report import parse_report, read_report
from kg.structure import read_structure

__all__ = ["build", "extract_report", "extract_file", "read_report", "parse_report", "read_structure",
           "to_networkx", "to_pyvis", "frames"]


def to_networkx(build):
    """The build's graph (a folder, or its graph.ttl) as a networkx DiGraph (``kg.outputs.notebook``)."""
    from kg.outputs.notebook import to_networkx as make

    return make(build)


def to_pyvis(build, **options):
    """A pyvis Network of the build, labels and titles escaped (``kg.outputs.notebook``)."""
    from kg.outputs.notebook import to_pyvis as make

    return make(build, **options)


def frames(build):
    """The build's tables as pandas DataFrames: entities, observations, promises, projects
    (``kg.outputs.notebook``; needs ``govkg[notebook]``)."""
    from kg.outputs.notebook import frames as make

    return make(build)
__version__ = "0.1.0"
