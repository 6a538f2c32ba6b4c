"""The ``kg`` command line: thin commands over the library.

Output goes to stdout, progress and problems to stderr. A ``KgError`` becomes
one line on stderr and a non-zero exit; ``--debug`` shows the traceback.
"""

from __future__ import annotations

import os
import sys
from contextlib import contextmanager
from pathlib import Path

import click

from kg.errors import KgError, printable

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
    kg query   run a SPARQL query (saved, a .rq file, or inline) on a build
    kg serve   a read-only SPARQL endpoint over HTTP, and the page
    """


@cli.command()
@click.argument("inputs", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--out", "-o", default="output", show_default=True, type=click.Path(path_type=Path),
              help="Folder to write graph.ttl and graph.html into.")
@click.option("--workers", "-j", type=click.IntRange(min=1), metavar="N",
              help="Processes extracting reports in parallel; 1 runs in this process.  [default: the CPU count]")
@click.option("--no-cache", is_flag=True, help="Extract every report again, ignoring and not writing OUT/.cache.")
@click.option("--scheduler", metavar="ADDRESS",
              help="Extract on this Dask cluster (tcp://host:8786) instead; needs govkg[dask]. Implies --shards.")
@click.option("--shards", is_flag=True,
              help="Also write OUT/shards/*.nq: one N-Quads file per report, for bulk loading.")
@click.option("--no-validate", is_flag=True, help="Do not check the graph against ontology/shapes.ttl before writing.")
@click.option("--no-page", is_flag=True,
              help="Do not draw graph.html (for a corpus too large for one page; an earlier one is removed).")
@click.option("--allow-partial", is_flag=True,
              help="Write the graph even when reports failed that an earlier build in OUT did not fail on.")
def build(inputs: tuple[Path, ...], out: Path, workers: int | None, no_cache: bool, scheduler: str | None,
          shards: bool, no_validate: bool, no_page: bool, allow_partial: bool):
    """Build the knowledge graph of report files or folders (.txt, .md, .pdf, .docx, .html).

    Reports are extracted in parallel and each extraction is cached in
    OUT/.cache, so a rebuild extracts only the files that changed. When a report
    fails, the exit code is 5; an earlier graph in OUT is replaced only if the
    reports that failed had failed before too, or with --allow-partial.

    \b
    Example:
      kg build seeds --out output
      kg build corpus/ --out build --workers 4
      kg build corpus/ --out build --scheduler tcp://10.0.0.5:8786
    """
    import os

    from kg.pipeline import build as run_build
    from kg.read import collect_inputs

    files = collect_inputs(inputs)
    options = dict(validate=not no_validate, workers=workers or os.cpu_count() or 1, cache=not no_cache,
                   scheduler=scheduler, shards=shards or scheduler is not None, page=not no_page,
                   allow_partial=allow_partial)
    if len(files) > 1:
        with _progress(files) as progress:
            result = run_build(files, out, progress=progress, stage=progress.stage, **options)
    else:
        result = run_build(files, out, **options)
    for problem in result.problems:
        click.echo(f"{problem.level}: {printable(problem.path, lines=False)}: {printable(problem.message)}", err=True)
    counts = ", ".join(f"{k} {v}" for k, v in sorted(result.counts.items()))
    failed = sum(p.level == "error" for p in result.problems)
    entities = sum(v for k, v in result.counts.items() if k != "Observation")
    by_report = sum(v for k, v in result.report_counts.items() if k != "Observation")
    summed = f"; {by_report} summed report by report" if result.reports > 1 and by_report != entities else ""
    click.echo(f"built {result.reports} report(s) into {printable(result.out, lines=False)}: {counts}; "
               f"{result.triples} triples in {result.seconds:.2f} s "
               f"({entities} distinct entities{summed}, {result.counts.get('Observation', 0)} observations, "
               f"{failed} failed)")
    if failed:
        raise click.exceptions.Exit(5)


class _progress:
    """A progress bar on stderr: documents done, MB/s read and the time left, once it can be told."""

    ETA_AFTER = 7  # reports done before a time left is shown: click averages the last 7, and the first ones load
    # the tagger and start the workers (an estimate from them said 8 minutes for a build of 32 seconds)

    def __init__(self, files: list[Path]):
        import time

        self.clock, self.began, self.done, self.staged = time.perf_counter, time.perf_counter(), 0, False
        self.bar = click.progressbar(length=len(files), label="reading reports", file=sys.stderr, show_pos=True,
                                     item_show_func=self._rate, show_eta=False)

    def _rate(self, path: Path | None) -> str | None:
        return f"{self.done / 1e6 / max(self.clock() - self.began, 1e-6):.2f} MB/s" if path else None

    def __call__(self, path: Path):
        try:
            self.done += path.stat().st_size
        except OSError:
            pass
        self.bar.show_eta = self.bar.pos + 1 >= self.ETA_AFTER  # the reports done, this one counted
        self.bar.update(1, path)

    def stage(self, what: str) -> None:
        """Once every document is done: what the build does next, on a line of its own."""
        if not self.staged and not self.bar.hidden:
            click.echo("", err=True)  # below the bar
        self.staged = True
        click.echo(f"{what}…", err=True)

    def __enter__(self):
        self.bar.__enter__()
        return self

    def __exit__(self, *exc):
        return self.bar.__exit__(*exc)


@cli.command("eval")
@click.argument("gold", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--graph", "graph_dir", default="output", show_default=True, type=click.Path(path_type=Path),
              help="Folder holding graph.ttl (or the .ttl file); with --reports, where the gold's reports are built.")
@click.option("--reports", multiple=True, type=click.Path(exists=True, file_okay=False, path_type=Path),
              help="Folder to find each gold file's report in (by its file name, searched recursively), and build "
                   "them into --graph first; may be given several times.")
@click.option("--by-rule", is_flag=True, help="Also print, for each extraction rule, its entities, their precision "
                                              "and its share of the right ones.")
@click.option("--show-held-out", is_flag=True, help="Also print each file of a split named test (held out: by "
                                                     "default only its pooled scores are shown).")
@click.option("--without-rule", "without", multiple=True, metavar="RULE",
              help="Build the reports with this extraction rule left out (needs --reports), to measure what it is "
                   "worth; may be given several times. The rules are those --by-rule lists.")
@click.option("--quiet", "-q", is_flag=True, help="Print only the score tables, not the missed and spurious names.")
def evaluate_cmd(gold: tuple[Path, ...], graph_dir: Path, reports: tuple[Path, ...], by_rule: bool,
                 show_held_out: bool, without: tuple[str, ...], quiet: bool):
    """Score a build against gold files: precision, recall and F1 per entity type, for links and indicators.

    GOLD is a gold file or a folder of them; a folder's name is its split (dev, test), and with several files the
    splits' pooled scores are printed side by side at the end. The files of a split named test are held out: only
    their pooled scores are printed, unless --show-held-out.

    \b
    Example:
      kg eval tests/gold/dev/seed.json --graph output
      kg eval tests/gold/dev tests/gold/test --reports seeds --reports corpus/ --graph /tmp/eval -q
      kg eval tests/gold/dev tests/gold/test --reports seeds --reports corpus/ --graph /tmp/ablate -q \\
        --without-rule same_head_list
    """
    from kg.evaluate import evaluate, format_by_rule, format_evaluation, format_pooled, gold_files, load_gold, load_graph

    files = gold_files(gold)
    golds = [(split, load_gold(path)) for split, path in files]
    with _rules_switched_off(without, reports):
        if reports:
            _build_for_eval([g["doc"] for _, g in golds], reports, graph_dir)
    g = load_graph(graph_dir)
    splits: dict[str, list] = {}
    for split, one in golds:
        ev = evaluate(one, g)
        splits.setdefault(split, []).append(ev)
        if split != "test" or show_held_out:  # a held-out file's misses are not read to write rules
            click.echo(format_evaluation(ev, details=not quiet))
    if len(files) > 1:
        click.echo("\n" + format_pooled(splits))
    if by_rule:
        click.echo("\n" + format_by_rule([ev for evs in splits.values() for ev in evs]))


@contextmanager
def _rules_switched_off(names: tuple[str, ...], reports: tuple[Path, ...]):
    """Leave the rules ``names`` out of the builds made inside (and out of the cache key of what they write);
    the setting is put back afterwards."""
    from kg.extract.entities.rules import RULE_NAMES, WITHOUT_RULES

    if not names:
        yield
        return
    unknown = sorted(set(names) - set(RULE_NAMES))
    if unknown:
        raise click.UsageError(f"no extraction rule named {', '.join(unknown)} (the rules: {', '.join(RULE_NAMES)})")
    if not reports:
        raise click.UsageError("--without-rule needs --reports: the reports are built again without the rule")
    before = os.environ.get(WITHOUT_RULES)
    os.environ[WITHOUT_RULES] = ",".join(names)
    try:
        yield
    finally:
        if before is None:
            os.environ.pop(WITHOUT_RULES, None)
        else:
            os.environ[WITHOUT_RULES] = before


def _build_for_eval(docs: list[str], folders: tuple[Path, ...], out: Path) -> None:
    """Build the reports named ``docs``, found in ``folders``, into ``out`` (a cached build: only what changed)."""
    from kg.errors import GoldError
    from kg.pipeline import build as run_build

    wanted, found = set(docs), {}
    for folder in folders:
        for path in sorted(folder.rglob("*")):
            if path.name in wanted and path.name not in found and path.is_file():
                found[path.name] = path
    missing = sorted(wanted - set(found))
    if missing:
        raise GoldError(f"no report file named {', '.join(missing)} in {', '.join(map(str, folders))}",
                        hint="add the folder holding it with --reports")
    click.echo(f"building the {len(found)} report(s) of the gold files into {out}", err=True)
    run_build(list(found.values()), out, workers=min(len(found), os.cpu_count() or 1), page=False)


@cli.command("export")
@click.option("--graph", "graph_dir", default="output", show_default=True, type=click.Path(path_type=Path),
              help="Folder holding graph.ttl (or the .ttl file).")
@click.option("--format", "-f", "fmt", required=True, metavar="FORMAT",
              help="turtle, nt, nq, jsonld, trig, graphml or csv.")
@click.option("--out", "-o", type=click.Path(path_type=Path),
              help="Folder to write into (default: the graph's folder), or a file name for a one-file format.")
def export_cmd(graph_dir: Path, fmt: str, out: Path | None):
    """Export a build for other tools: RDF, GraphML (Gephi, Cytoscape) or CSV (pandas, Excel).

    \b
    Files: graph.ttl, graph.nt, graph.nq, graph.jsonld, graph.trig, graph.graphml,
    or observations.csv + entities.csv for csv.

    \b
    Example:
      kg export --graph output --format csv
      kg export --format graphml --out /tmp/yushan.graphml
    """
    from kg.outputs.export import export

    for path in export(graph_dir, fmt, out):
        click.echo(f"wrote {path}")


@cli.command("validate")
@click.argument("graph_arg", metavar="[GRAPH_DIR]", required=False, type=click.Path(path_type=Path))
@click.option("--graph", "graph_opt", type=click.Path(path_type=Path),
              help="Build folder (or a .ttl file), as in the other commands; or give it as GRAPH_DIR.  [default: output]")
def validate_cmd(graph_arg: Path | None, graph_opt: Path | None):
    """Check a build (graph.ttl in GRAPH_DIR, or a .ttl file) against ontology/shapes.ttl.

    Prints each violation (node, property, what the shape asks) and exits with 4
    when there is one.

    \b
    Example:
      kg validate --graph output
    """
    if graph_arg and graph_opt and graph_arg != graph_opt:
        raise click.UsageError("give the build folder once: as GRAPH_DIR or as --graph")
    graph_dir = graph_opt or graph_arg or Path("output")
    from kg.outputs.files import read_triples
    from kg.rdf.validate import check_graph

    triples = read_triples(graph_dir)
    check_graph(triples, source=str(graph_dir), limit=50)
    click.echo(f"{graph_dir}: {len(triples)} triples conform to ontology/shapes.ttl")


@cli.command("query")
@click.argument("query", required=False)
@click.option("--graph", "--data", "-d", "data", type=click.Path(path_type=Path),
              help="Build folder (or its graph.ttl) to load into the store first (--data: the old name).  "
                   "[default: output, unless --store is given]")
@click.option("--store", type=click.Path(path_type=Path), help="Store folder.  [default: store/ in the build folder]")
@click.option("--format", "-f", "fmt", default="table", show_default=True,
              type=click.Choice(["table", "csv", "tsv", "json"]), help="table, or a SPARQL 1.1 results format.")
@click.option("--list", "list_queries", is_flag=True, help="List the saved queries and the question each answers.")
@click.option("--param", "-p", "params", multiple=True, metavar="NAME=VALUE",
              help="Set a saved query's parameter: the values of its block VALUES ?NAME { … }; may be repeated.")
@click.option("--show-query", is_flag=True, help="Print the query, parameters set, instead of running it.")
@click.option("--raw", is_flag=True,
              help='In a table, write each value as a query must to match it: "玉山镇"@zh, "亿元", 2023.')
def query_cmd(query: str | None, data: Path | None, store: Path | None, fmt: str, list_queries: bool,
              params: tuple[str, ...], show_query: bool, raw: bool):
    """Run a SPARQL query on a build: a saved query's name, a .rq file, or the query itself.

    The build is loaded into a persistent store (output/store/) the first time,
    then again only when its graph.ttl has changed, and then only the reports
    whose triples changed. The prefixes gk:, res:, rdf:, rdfs:, xsd:, skos:,
    prov: and dcterms: need no PREFIX line. Tables fit the terminal's width, cutting
    long values; csv, tsv and json give them whole. --raw shows each value's
    language tag or datatype, as a query must write it to match.

    \b
    Example:
      kg query --list
      kg query actual-vs-target --graph output
      kg query indicator-evidence --param indicator=一般公共预算收入
      kg query 'SELECT ?name WHERE { ?v a gk:Village ; rdfs:label ?name }' --format csv
    """
    from kg.query.results import format_results
    from kg.query.saved import bind_params, describe_query, read_query, saved_queries
    from kg.query.store import open_store, run_query

    if list_queries:
        from kg.query.results import to_table

        rows = [[name, describe_query(path.read_text(encoding="utf-8"))] for name, path in saved_queries().items()]
        click.echo(to_table(["query", "answers"], rows, width=200), nl=False)
        return
    if not query:
        raise click.UsageError("give a QUERY (a saved query's name, a .rq file or SPARQL), or --list")
    text, source = read_query(query)
    text = bind_params(text, dict(_param(p) for p in params))
    if show_query:
        click.echo(text)
        return
    with open_store(data if data is not None or store is not None else Path("output"), store,
                    on_load=_report_load) as st:
        click.echo(format_results(run_query(st, text, source), fmt, raw=raw), nl=False)


def _param(given: str) -> tuple[str, str]:
    name, sep, value = given.partition("=")
    if not sep or not name.strip():
        raise click.BadParameter(f"'{given}' is not NAME=VALUE", param_hint="--param")
    return name.strip().lstrip("?"), value


def _report_load(result):
    if result.changed:
        click.echo(f"loaded {result.loaded} report graph(s) into {result.store} (kept {result.kept}, dropped "
                   f"{result.dropped}): {result.triples} triples in {result.seconds:.2f} s", err=True)


@cli.command("promises")
@click.argument("graph_arg", metavar="[GRAPH_DIR]", required=False, type=click.Path(path_type=Path))
@click.option("--graph", "graph_opt", type=click.Path(path_type=Path),
              help="Build folder, as in the other commands; or give it as GRAPH_DIR.  [default: output]")
@click.option("--store", type=click.Path(path_type=Path), help="Store folder.  [default: store/ in the build folder]")
@click.option("--region", help="Only the targets of this region, as written (南山区).")
@click.option("--year", type=int, help="Only the targets set for this year.")
@click.option("--verdict", type=click.Choice(["met", "missed", "not-reported", "done", "progressing"]),
              help="Only the rows with this verdict: met, missed, not-reported; for --projects done, progressing, "
                   "not-reported.")
@click.option("--projects", is_flag=True, help="The projects a plan promised a stage of, instead of the targets.")
@click.option("--format", "-f", "fmt", default="table", show_default=True,
              type=click.Choice(["table", "csv", "tsv", "json"]),
              help="table (the main columns), or a SPARQL 1.1 results format (every column, the sentences too).")
def promises_cmd(graph_arg: Path | None, graph_opt: Path | None, store: Path | None, region: str | None,
                 year: int | None, verdict: str | None, projects: bool, fmt: str):
    """List each target beside what became of it: its outcome, verdict and, when not reported, why.

    A target of year N gets a verdict when the build holds the region's report
    of year N+1. The rows are those of the saved query promises-kept; with
    --projects, those of projects-kept: each project a plan promised a stage of
    (started, under construction, completed, in operation), the stage the next
    review names, and done, progressing or not reported.

    \b
    Example:
      kg promises build --region 南山区 --year 2023
      kg promises build --verdict missed --format csv > missed.csv
      kg promises build --projects --verdict done
    """
    from kg.query.promise_table import PROJECT_COLUMNS, PROJECT_VERDICTS, TABLE_COLUMNS, VERDICTS, promise_query
    from kg.query.results import format_results
    from kg.query.store import open_store, run_query

    if graph_arg and graph_opt and graph_arg != graph_opt:
        raise click.UsageError("give the build folder once: as GRAPH_DIR or as --graph")
    data = graph_opt or graph_arg or (None if store is not None else Path("output"))

    if verdict and verdict not in (PROJECT_VERDICTS if projects else VERDICTS):
        raise click.UsageError(f"--verdict {verdict} is for {'targets' if projects else '--projects'}")
    columns = (PROJECT_COLUMNS if projects else TABLE_COLUMNS) if fmt == "table" else None
    text = promise_query(region, year, verdict, columns, projects=projects)
    with open_store(data, store, on_load=_report_load) as st:
        click.echo(format_results(run_query(st, text, "promises"), fmt), nl=False)


@cli.command("serve")
@click.option("--graph", "--data", "-d", "data", type=click.Path(path_type=Path),
              help="Build folder to load into the store first and whose graph.html to serve (--data: the old "
                   "name).  [default: output, unless --store is given]")
@click.option("--store", type=click.Path(path_type=Path), help="Store folder.  [default: store/ in the build folder]")
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", "-p", default=7878, show_default=True, type=click.IntRange(1, 65535),
              help="Port of the SPARQL endpoint.")
@click.option("--page-port", type=click.IntRange(1, 65535), help="Port of graph.html.  [default: PORT + 1]")
@click.option("--timeout", default=10, show_default=True, type=click.IntRange(min=1),
              help="Seconds a query has, from its arrival to its answer; then it is cancelled (HTTP 504).")
@click.option("--max-memory", default=1024, show_default=True, type=click.IntRange(min=16), metavar="MB",
              help="Memory one query may use; a query needing more is stopped (HTTP 503), the others go on.")
@click.option("--workers", type=click.IntRange(1, 64), help="Queries answered at once; more wait their turn.  "
                                                            "[default: 4, or the cores if more]")
@click.option("--cors", is_flag=True, help="Let web pages of any origin query it (Access-Control-Allow-Origin: *).")
@click.option("--allow-host", "allow_hosts", multiple=True, metavar="NAME",
              help="Also answer requests whose Host is NAME (a name this machine is reached by); may be repeated.")
@click.option("--allow-service", is_flag=True,
              help="Let SERVICE clauses make the endpoint query other endpoints (refused by default).")
def serve_cmd(data: Path | None, store: Path | None, host: str, port: int, page_port: int | None, timeout: int,
              max_memory: int, workers: int | None, cors: bool, allow_hosts: tuple[str, ...], allow_service: bool):
    """Serve a build as a read-only SPARQL 1.1 endpoint, and its graph.html.

    Each query runs in a worker process of its own. Updates are refused (403),
    a query is cancelled after --timeout seconds (504) or when it needs more
    than --max-memory (503), and the other queries go on being answered. An
    error is always an HTTP error with a one-line message, never a 200 with a
    cut-off body. A SERVICE clause is refused (403). Ctrl-C stops it.

    \b
    Example:
      kg serve --graph output
      curl -H 'Accept: text/csv' --data-urlencode 'query=SELECT * WHERE { ?s ?p ?o } LIMIT 3' \\
           http://127.0.0.1:7878/query
    """
    from kg.query.serve import serve

    if host not in ("127.0.0.1", "localhost", "::1"):
        click.echo(f"warning: listening on {host}: whoever can reach this machine can query the graph", err=True)

    def ready(endpoint):
        click.echo(f"SPARQL endpoint  {endpoint.query_url}  (read-only; queries time out after {timeout} s)")
        click.echo(f"query form       {endpoint.base}/")
        if endpoint.page_url:
            click.echo(f"page             {endpoint.page_url}")
        click.echo("Press Ctrl-C to stop.")

    def event(what):
        click.echo(f"warning: {what}", err=True)

    serve(data if data is not None or store is not None else Path("output"), store, host=host, port=port,
          page_port=page_port, timeout=timeout, max_memory=max_memory, workers=workers, cors=cors,
          allow_service=allow_service, allow_hosts=allow_hosts, on_ready=ready, on_event=event)


def main():
    cli(prog_name="kg")


if __name__ == "__main__":
    main()
