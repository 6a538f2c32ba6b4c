"""The ``kg`` command line: thin commands over the library.

Output goes to stdout, progress and problems to stderr. A ``KgError`` becomes
one line on stderr and a non-zero exit; ``--debug`` shows the traceback.
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from .errors import KgError

__all__ = ["main", "cli"]


class _Group(click.Group):
    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except KgError as exc:
            if ctx.params.get("debug"):
                raise
            click.echo(f"error: {exc}", err=True)
            ctx.exit(exc.exit_code)


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--debug", is_flag=True, help="Show the full traceback of an error.")
@click.version_option(package_name="govkg")
def cli(debug: bool):
    """govkg: build a knowledge graph from Chinese government work reports (政府工作报告).

    \b
    kg build   reports (files or folders) -> graph.ttl + graph.html
    kg eval    score a build against gold annotations (precision, recall, F1)
    kg export  a build as N-Triples, JSON-LD, TriG, GraphML or CSV
    kg validate  check a build against the SHACL shapes of the ontology
    """


@cli.command()
@click.argument("inputs", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--out", "-o", default="output", show_default=True, type=click.Path(path_type=Path),
              help="Folder to write graph.ttl and graph.html into.")
@click.option("--no-validate", is_flag=True, help="Do not check the graph against ontology/shapes.ttl before writing.")
def build(inputs: tuple[Path, ...], out: Path, no_validate: bool):
    """Build the knowledge graph of report files or folders (.txt, .md).

    \b
    Example:
      kg build seeds --out output
    """
    from .pipeline import build as run_build, collect_inputs

    files = collect_inputs(inputs)
    if len(files) > 1:
        with click.progressbar(length=len(files), label="reading reports", file=sys.stderr) as bar:
            result = run_build(files, out, progress=lambda _: bar.update(1), validate=not no_validate)
    else:
        result = run_build(files, out, validate=not no_validate)
    for problem in result.problems:
        click.echo(f"{problem.level}: {problem.path}: {problem.message}", err=True)
    counts = ", ".join(f"{k} {v}" for k, v in sorted(result.counts.items()))
    click.echo(f"built {result.reports} report(s) into {result.out}: {counts}; "
               f"{result.triples} triples in {result.seconds:.2f} s")


@cli.command("eval")
@click.argument("gold", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--graph", "graph_dir", default="output", show_default=True, type=click.Path(path_type=Path),
              help="Folder holding graph.ttl (or the .ttl file).")
@click.option("--quiet", "-q", is_flag=True, help="Print only the score tables, not the missed and spurious names.")
def evaluate_cmd(gold: tuple[Path, ...], graph_dir: Path, quiet: bool):
    """Score a build against gold files: precision, recall and F1 per entity type, for links and indicators.

    \b
    Example:
      kg eval tests/gold/seed.json --graph output
    """
    from .evaluate import evaluate, format_evaluation, load_gold, load_graph

    g = load_graph(graph_dir)
    for path in gold:
        click.echo(format_evaluation(evaluate(load_gold(path), g), details=not quiet))


@cli.command("export")
@click.option("--graph", "graph_dir", default="output", show_default=True, type=click.Path(path_type=Path),
              help="Folder holding graph.ttl (or the .ttl file).")
@click.option("--format", "-f", "fmt", required=True, metavar="FORMAT",
              help="turtle, nt, jsonld, trig, graphml or csv.")
@click.option("--out", "-o", type=click.Path(path_type=Path),
              help="Folder to write into (default: the graph's folder), or a file name for a one-file format.")
def export_cmd(graph_dir: Path, fmt: str, out: Path | None):
    """Export a build for other tools: RDF, GraphML (Gephi, Cytoscape) or CSV (pandas, Excel).

    \b
    Files: graph.ttl, graph.nt, graph.jsonld, graph.trig, graph.graphml,
    or observations.csv + entities.csv for csv.

    \b
    Example:
      kg export --graph output --format csv
      kg export --format graphml --out /tmp/yushan.graphml
    """
    from .export import export

    for path in export(graph_dir, fmt, out):
        click.echo(f"wrote {path}")


@cli.command("validate")
@click.argument("graph_dir", default="output", type=click.Path(path_type=Path))
def validate_cmd(graph_dir: Path):
    """Check a build (graph.ttl in GRAPH_DIR, or a .ttl file) against ontology/shapes.ttl.

    Prints each violation (node, property, what the shape asks) and exits with 4
    when there is one.

    \b
    Example:
      kg validate output
    """
    from .evaluate import load_graph
    from .validate import check_graph

    g = load_graph(graph_dir)
    check_graph(g, source=str(graph_dir), limit=50)
    click.echo(f"{graph_dir}: {len(g)} triples conform to ontology/shapes.ttl")


def main():
    cli(prog_name="kg")


if __name__ == "__main__":
    main()
