"""The conceptgraph command line: parse options, call one core function, print.

Errors from the library are translated once, here: usage errors exit 2,
runtime errors exit 1, each with its message on stderr.
"""

from __future__ import annotations

import json
import logging
import shlex
import sys
import time
from collections.abc import Callable
from pathlib import Path

import click

from conceptgraph.errors import ConceptGraphError

# concepts.typing_rules.TYPES, written out so that `--help` does not load the typing rules (a test keeps them equal)
CONCEPT_TYPES = ("method", "dataset", "task", "metric", "architecture", "material", "other")
# concepts.merge.MERGE_KINDS, kept equal by a test (the CLI imports no library module to start)
MERGE_KINDS = (
    "acronym", "known-name", "joined", "fragment", "generic-head", "named", "variant", "near-duplicate", "generic",
    "thesaurus",
)  # fmt: skip

DB_OPTION = click.option(
    "--db",
    type=click.Path(dir_okay=False, path_type=Path),
    default=Path("conceptgraph.db"),
    envvar="CONCEPTGRAPH_DB",
    show_default=True,
    help="Workspace file (SQLite).",
)
# loaders.FORMATS, spelled out so that `--help` does not import every loader (a test keeps them equal)
FORMAT_CHOICES = [
    "csv", "tsv", "jsonl", "bibtex", "ris", "wos", "medline", "openalex", "semantic-scholar", "s2orc", "unarxive",
    "arxiv", "crossref", "text", "lines", "translated-listing", "hf-daily", "title-pairs", "shamra",
]  # fmt: skip
FORMAT_OPTION = click.option(
    "--format", "fmt", type=click.Choice(FORMAT_CHOICES), default=None, help="Input shape (default: sniffed per file)."
)
TOP_N_OPTION = click.option(
    "--top-n", type=click.IntRange(1, 100), default=10, show_default=True, help="Keyphrases per paper."
)
MIN_SCORE_OPTION = click.option(
    "--min-score",
    type=click.FloatRange(0, 1),
    default=0.25,
    show_default=True,
    help="Drop keyphrases scoring below this.",
)
TYPES_OPTION = click.option(
    "--type",
    "types",
    type=click.Choice(CONCEPT_TYPES),
    multiple=True,
    help="Only concepts of this type (repeat for several), chosen before --top.",
)
JSON_OPTION = click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
BATCH_OPTION = click.option(
    "--batch-size",
    type=click.IntRange(1),
    default=64,
    show_default=True,
    help="Papers per extraction batch (each is committed).",
)
THESAURUS_OPTIONS = [
    click.option(
        "--thesaurus",
        type=click.Path(exists=True, dir_okay=False, path_type=Path),
        default=None,
        help="VOSviewer-style thesaurus (label<TAB>replace by), re-read on every later build.",
    ),
    click.option("--no-thesaurus", is_flag=True, help="Stop applying the workspace's thesaurus."),
]


def thesaurus_options(fn: Callable) -> Callable:
    for option in reversed(THESAURUS_OPTIONS):
        fn = option(fn)
    return fn


def _apply_thesaurus_choice(ws, thesaurus: Path | None, no_thesaurus: bool) -> None:
    from graph import pipeline

    if thesaurus and no_thesaurus:
        raise click.UsageError("--thesaurus and --no-thesaurus exclude each other")
    if thesaurus or no_thesaurus:
        pipeline.set_thesaurus(ws, None if no_thesaurus else thesaurus)


PATHS = click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))


class Group(click.Group):
    """Translates ConceptGraphError into a message and exit code, once."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except ConceptGraphError as e:
            click.echo(f"Error: {e}", err=True)
            ctx.exit(e.exit_code)


def _progress_factory(quiet: bool) -> Callable[[str, int], Callable[[int], None]]:
    def factory(label: str, total: int) -> Callable[[int], None]:
        if quiet or total == 0:
            return lambda n: None
        bar = click.progressbar(length=total, label=label, file=sys.stderr)
        bar.__enter__()
        done = [0]

        def advance(n: int) -> None:
            bar.update(n)
            done[0] += n
            if done[0] >= total:
                bar.__exit__(None, None, None)

        return advance

    return factory


def _settings(top_n: int, min_score: float):
    from concepts.extract import ExtractSettings

    return ExtractSettings(top_n=top_n, min_score=min_score)


@click.group(cls=Group)
@click.version_option(package_name="conceptgraph")
@click.option("-q", "--quiet", is_flag=True, help="No progress bars.")
@click.option("-v", "--verbose", count=True, help="More logging (-vv for debug).")
@click.pass_context
def cli(ctx: click.Context, quiet: bool, verbose: int) -> None:
    """Turn paper abstracts into a typed concept graph and explore it."""
    level = logging.WARNING - 10 * min(verbose, 2)
    logging.basicConfig(level=level, format="%(levelname)s %(name)s: %(message)s", stream=sys.stderr)
    ctx.obj = {"quiet": quiet, "progress": _progress_factory(quiet)}


def _echo_json(obj: object) -> None:
    click.echo(json.dumps(obj, indent=2, ensure_ascii=False))


@cli.command()
@PATHS
@DB_OPTION
@FORMAT_OPTION
@TOP_N_OPTION
@MIN_SCORE_OPTION
@BATCH_OPTION
@thesaurus_options
@click.pass_obj
def build(
    obj: dict,
    paths: tuple[Path, ...],
    db: Path,
    fmt: str | None,
    top_n: int,
    min_score: float,
    batch_size: int,
    thesaurus: Path | None,
    no_thesaurus: bool,
) -> None:
    """Ingest PATHS, extract concepts and build the graph (incremental)."""
    from graph import pipeline
    from graph.workspace import Workspace

    t0 = time.perf_counter()
    with Workspace(db) as ws:
        settings = _settings(top_n, min_score)
        _apply_thesaurus_choice(ws, thesaurus, no_thesaurus)
        ing = pipeline.ingest(ws, paths, fmt)
        ext = pipeline.extract(ws, settings, obj["progress"], batch_size)
        changes = pipeline.consolidate(ws, settings)
        summary = pipeline.stats(ws)
    _print_ingest(ing)
    click.echo(
        f"extracted {ext.extracted} papers ({ext.cached} cached, {ext.skipped_language} not English) "
        f"in {time.perf_counter() - t0:.1f}s"
    )
    _print_summary(summary)
    _print_changes(changes)


def _print_ingest(ing) -> None:
    changed = ""
    if ing.updated or ing.removed or ing.left or ing.kept_unreadable:
        changed = f"; changed files: {ing.updated} papers updated, {ing.removed} removed"
    if ing.left:
        changed += f", {ing.left} left to the other files that hold them"
    if ing.kept_unreadable:
        changed += f", {ing.kept_unreadable} kept as they were (their records cannot be read now)"
    click.echo(
        f"ingested {ing.files} files ({ing.unchanged_files} unchanged): {ing.records} records, "
        f"{ing.new_papers} new papers, {ing.merged} merged duplicates, {len(ing.skipped)} skipped{changed}"
    )
    for s in ing.skipped:
        where = f"{s.source}:{s.position}" if s.position else s.source
        click.echo(f"  skipped {where}: {s.reason}", err=True)
    if ing.unreadable:
        click.echo(
            f"{len(ing.unreadable)} files built before cannot be read now; their papers stay as their last "
            f"good read gave them (`conceptgraph forget` takes them out): "
            f"{shlex.join(ing.unreadable[:3])}{' ...' if len(ing.unreadable) > 3 else ''}",
            err=True,
        )
    if ing.vanished:
        click.echo(
            f"{len(ing.vanished)} files built before are gone from their folder; their papers stay until "
            f"`conceptgraph forget {shlex.join(ing.vanished[:3])}{' ...' if len(ing.vanished) > 3 else ''}`",
            err=True,
        )


def _print_changes(changes, shown: int = 5) -> None:
    """What a rebuild of a built workspace changed: the concepts it brought and those it took away."""
    if changes.first or not (changes.new or changes.gone):
        return

    def some(names: list[str]) -> str:
        return ", ".join(names[:shown]) + (", ..." if len(names) > shown else "")

    parts = []
    if changes.new:
        named = [f"{label} ({n} paper{'s' if n != 1 else ''})" for label, n in changes.new]
        parts.append(f"{len(changes.new)} new concept{'s' if len(changes.new) != 1 else ''} ({some(named)})")
    if changes.gone:
        parts.append(f"{len(changes.gone)} gone ({some(changes.gone)})")
    click.echo("since the last build: " + "; ".join(parts))


def _print_summary(s: dict) -> None:
    langs = ", ".join(f"{k}: {v}" for k, v in s["languages"].items())
    click.echo(
        f"papers: {s['papers']} ({langs + '; ' if langs else ''}{s['not_extracted_language']} not extracted as non-English, "
        f"{s['papers_without_abstract']} without abstract)\n"
        f"concepts: {s['concepts']}  mentions: {s['mentions']}  co-occurrence edges: {s['cooccurrence_edges']}  "
        f"authors: {s['authors']}  skipped inputs: {len(s['skipped'])}"
    )
    c = s.get("citations") or {}
    if c.get("reference_entries") or c.get("citing_entries"):
        click.echo(
            f"references: {c['reference_entries']} entries ({c['reference_entries_with_ids']} with ids), "
            f"{c['citing_entries']} citing entries -> {c['works']} external works, CITES edges: "
            f"{c['cites_paper_to_paper']} paper->paper, {c['cites_paper_to_work']} paper->work, "
            f"{c['cites_work_to_paper']} work->paper; coupling edges: {c['coupling_edges']}, "
            f"co-citation edges: {c['cocitation_edges']}"
        )
    click.echo(f"introduces: {s['introduces_edges']}  builds_on: {s['builds_on_edges']}")


@cli.command()
@PATHS
@DB_OPTION
@FORMAT_OPTION
def ingest(paths: tuple[Path, ...], db: Path, fmt: str | None) -> None:
    """Load PATHS into the workspace without extracting concepts."""
    from graph import pipeline
    from graph.workspace import Workspace

    with Workspace(db) as ws:
        report = pipeline.ingest(ws, paths, fmt)
    _print_ingest(report)


@cli.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@DB_OPTION
@click.pass_obj
def forget(obj: dict, paths: tuple[Path, ...], db: Path) -> None:
    """Take files (or every file under a folder) out of the graph, as if they had never been built.

    A paper another file also holds stays, with that file's values. The files need not exist any more."""
    from graph import pipeline
    from graph.workspace import Workspace

    with Workspace(db, create=False) as ws:
        report = pipeline.forget(ws, paths)
        settings = pipeline.stored_settings(ws)
        ext = pipeline.extract(ws, settings, obj["progress"]) if pipeline.was_extracted(ws, settings) else None
        changes = pipeline.consolidate(ws, settings)
        summary = pipeline.stats(ws)
    click.echo(
        f"forgot {len(report.files)} files: {report.removed} papers removed, "
        f"{report.kept} kept (another file holds them)"
        + (
            f"; extracted {ext.extracted} papers whose text now comes from another file"
            if ext and ext.extracted
            else ""
        )
    )
    _print_summary(summary)
    _print_changes(changes)


@cli.command("files")
@DB_OPTION
@JSON_OPTION
def list_files(db: Path, as_json: bool) -> None:
    """List the files the workspace was built from: records read, skips, and the papers each holds now."""
    from graph import pipeline
    from graph.workspace import Workspace

    with Workspace(db, create=False) as ws:
        rows = pipeline.files(ws)
    if as_json:
        _echo_json(rows)
        return
    for r in rows:
        click.echo(
            f"{r['path']}\t{r['format'] or 'sniffed'}\t{r['records']} records, {r['skipped']} skipped; "
            f"holds {r['papers']} papers ({r['shared']} also in other files)"
        )


@cli.command()
@DB_OPTION
@TOP_N_OPTION
@MIN_SCORE_OPTION
@BATCH_OPTION
@thesaurus_options
@click.pass_obj
def extract(
    obj: dict, db: Path, top_n: int, min_score: float, batch_size: int, thesaurus: Path | None, no_thesaurus: bool
) -> None:
    """Extract concepts for ingested papers and rebuild the graph."""
    from graph import pipeline
    from graph.workspace import Workspace

    with Workspace(db, create=False) as ws:
        settings = _settings(top_n, min_score)
        _apply_thesaurus_choice(ws, thesaurus, no_thesaurus)
        report = pipeline.extract(ws, settings, obj["progress"], batch_size)
        changes = pipeline.consolidate(ws, settings)
        summary = pipeline.stats(ws)
    click.echo(f"extracted {report.extracted} papers ({report.cached} cached, {report.skipped_language} not English)")
    _print_summary(summary)
    _print_changes(changes)


@cli.command()
@DB_OPTION
@JSON_OPTION
def stats(db: Path, as_json: bool) -> None:
    """Counts of papers, concepts, authors, edges, languages and skipped inputs."""
    from graph import pipeline
    from graph.workspace import Workspace

    with Workspace(db, create=False) as ws:
        s = pipeline.stats(ws)
    if as_json:
        _echo_json(s)
    else:
        _print_summary(s)
        for item in s["skipped"]:
            click.echo(f"  skipped {item['source']}:{item['position'] or ''} {item['reason']}")


@cli.command()
@DB_OPTION
@click.option("--type", "ctype", type=click.Choice(CONCEPT_TYPES))
@click.option("--top", type=click.IntRange(1), default=30, show_default=True)
@JSON_OPTION
def concepts(db: Path, ctype: str | None, top: int, as_json: bool) -> None:
    """The most frequent concepts, optionally of one type."""
    from graph.explore import list_concepts
    from graph.workspace import Workspace

    with Workspace(db, create=False) as ws:
        rows = list_concepts(ws, ctype, top)
    if as_json:
        _echo_json(rows)
        return
    for r in rows:
        click.echo(f"{r['papers']:5d}  {r['type']:<12} {r['type_confidence']:.2f}  {r['label']}")


@cli.command()
@DB_OPTION
@click.option("--concept", required=True, help="Concept name, key or alias.")
@JSON_OPTION
def papers(db: Path, concept: str, as_json: bool) -> None:
    """Papers that mention a concept, best score first."""
    from graph.explore import papers_for_concept
    from graph.workspace import Workspace

    with Workspace(db, create=False) as ws:
        rows = papers_for_concept(ws, concept)
    if as_json:
        _echo_json(rows)
        return
    for r in rows:
        click.echo(f"{r['score']:.3f}  {r['id']}  {r['label']}")


@cli.command()
@PATHS
@FORMAT_OPTION
@TOP_N_OPTION
@MIN_SCORE_OPTION
@click.pass_obj
def keyphrases(obj: dict, paths: tuple[Path, ...], fmt: str | None, top_n: int, min_score: float) -> None:
    """Print keyphrases of each document as JSON Lines (no workspace needed)."""
    from concepts import keyphrases_for
    from loaders import load_paths

    result = load_paths(paths, fmt)
    for s in result.skipped:
        click.echo(f"skipped {s.source}:{s.position or ''} {s.reason}", err=True)
    progress = obj["progress"]("extracting keyphrases", len(result.papers))
    for row in keyphrases_for(result.papers, _settings(top_n, min_score), progress=progress):
        click.echo(json.dumps(row, ensure_ascii=False))


VIEW_COLORS = ["type", "community", "year"]  # graph.views.COLOR_BY, kept equal by a test


@cli.command()
@DB_OPTION
@click.option("--concept", default=None, help="Draw this concept's ego network instead of the map.")
@click.option(
    "--paper", default=None, help="Draw this paper's citation neighbourhood and its concepts (a paper id or DOI)."
)
@click.option("--top", type=click.IntRange(1), default=100, show_default=True, help="Concepts (or neighbours) to draw.")
@TYPES_OPTION
@click.option(
    "--min-cooccurrence",
    type=click.IntRange(1),
    default=1,
    show_default=True,
    help="Draw only edges between concepts that share at least N papers (the map).",
)
@click.option(
    "--color",
    type=click.Choice(VIEW_COLORS),
    default="type",
    show_default=True,
    help="Colour concepts by type, by Louvain cluster, or by the mean year of their papers (VOSviewer's overlay).",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    required=True,
    help="The HTML file to write (one file, no other assets).",
)
def view(
    db: Path,
    concept: str | None,
    paper: str | None,
    top: int,
    types: tuple[str, ...],
    min_cooccurrence: int,
    color: str,
    output: Path,
) -> None:
    """Write an interactive HTML view (works offline)."""
    from graph.build import load_graph
    from graph.views import concept_map, ego_view, paper_view
    from graph.workspace import Workspace
    from queries.runner import normalize

    if concept and paper:
        raise click.UsageError("give --concept or --paper, not both")
    if types and paper:
        raise click.UsageError("--type selects concepts of the map or of --concept's neighbours, not of --paper")
    if min_cooccurrence > 1 and (concept or paper):
        raise click.UsageError("--min-cooccurrence thins the map; --concept and --paper draw every neighbour shown")
    if paper and color != "type":
        raise click.UsageError("--color applies to concept views; --paper colours papers, works and concept types")
    with Workspace(db, create=False) as ws:
        g = load_graph(ws)
    if paper:
        html = paper_view(g, normalize("paper", paper), top)
    else:
        html = (
            ego_view(g, concept, top, color, types) if concept else concept_map(g, top, min_cooccurrence, types, color)
        )
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(html, encoding="utf-8")
    click.echo(f"wrote {output}")


EXPORT_FORMATS = ["graphml", "gexf", "json", "vosviewer"]  # graph.exports.FORMATS, kept equal by a test


@cli.command("export")
@DB_OPTION
@click.option(
    "--format",
    "fmt",
    type=click.Choice(EXPORT_FORMATS),
    required=True,
    help="graphml / gexf (Gephi, Cytoscape), json (node-link), vosviewer (map and network files).",
)
@click.option(
    "--layer",
    type=click.Choice(["concepts", "papers", "full"]),
    default="concepts",
    show_default=True,
    help="The concept co-occurrence network; the paper network (citations, coupling, co-citation); or the whole graph.",
)
@click.option("--top", type=click.IntRange(1), default=None, help="Only the N most frequent concepts.")
@TYPES_OPTION
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, allow_dash=True, path_type=Path),
    required=True,
    help="The file to write, or - for standard output; for vosviewer, FILE's stem + _map.txt and _network.txt.",
)
def export_command(db: Path, fmt: str, layer: str, top: int | None, types: tuple[str, ...], output: Path) -> None:
    """Export the graph for Gephi, Cytoscape, VOSviewer or your own code."""
    from graph.build import load_graph
    from graph.exports import export, output_names
    from graph.workspace import Workspace

    to_stdout = str(output) == "-"
    if to_stdout and fmt == "vosviewer":
        raise click.UsageError("the VOSviewer export is two files (map and network); give -o FILE")
    with Workspace(db, create=False) as ws:
        g = load_graph(ws)
    files = export(g, fmt, layer, top, types)
    if to_stdout:  # one file: pipe it on (jq, gzip, another program)
        click.echo(files[""], nl=False)
        return
    output.parent.mkdir(parents=True, exist_ok=True)
    for name, text in zip(output_names(str(output), list(files)), files.values(), strict=True):
        Path(name).write_text(text, encoding="utf-8")
        click.echo(f"wrote {name}")


@cli.command("merges")
@DB_OPTION
@click.option("--dry-run", is_flag=True, help="Show the merges the next build would make (nothing is written).")
@click.option(
    "--kind", "kinds", multiple=True, type=click.Choice(MERGE_KINDS), help="Only merges of this kind (repeatable)."
)
@click.option("--concept", help="Only the merges into this concept (chains followed) or of this name elsewhere.")
@JSON_OPTION
def merges_command(db: Path, dry_run: bool, kinds: tuple[str, ...], concept: str | None, as_json: bool) -> None:
    """List concept merges (acronyms, known names, spacing, fragments, near-duplicates, thesaurus) with their
    evidence."""
    from graph import pipeline
    from graph.workspace import Workspace

    with Workspace(db, create=False) as ws:
        settings = _settings_from(ws)
        rows = pipeline.merges(ws, settings, dry_run=dry_run, kinds=kinds, concept=concept)
    if as_json:
        _echo_json(rows)
        return
    for m in rows:
        target = m["target"] or "(ignored)"
        click.echo(f"{m['kind']:<15} {m['source']} -> {target}    [{m['evidence']}]")
    click.echo(f"{len(rows)} merges{' (dry run)' if dry_run else ''}")


def _settings_from(ws):
    """The extraction settings the workspace was last built with."""
    from concepts.extract import ExtractSettings

    saved = ws.get_meta("settings")
    return ExtractSettings(**json.loads(saved)) if saved else ExtractSettings()


@cli.command("eval")
@click.option("--gold-format", type=click.Choice(["inspec", "brat", "scierc"]), required=True)
@click.argument("path", type=click.Path(exists=True, path_type=Path))
@click.option("--top-n", type=click.IntRange(1, 100), default=15, show_default=True, help="Predictions per document.")
@click.option(
    "--method",
    "methods",
    multiple=True,
    type=click.Choice(["conceptgraph", "keybert", "yake"]),
    default=("conceptgraph",),
    show_default=True,
    help="Extractor(s) to score; repeat to compare in one run.",
)
@MIN_SCORE_OPTION
@JSON_OPTION
@click.pass_obj
def eval_command(
    obj: dict, gold_format: str, path: Path, top_n: int, methods: tuple[str, ...], min_score: float, as_json: bool
) -> None:
    """Score keyphrases (F1@5/10/15) and types against a gold set.

    Inspec is scored against all its keys; a second line scores the
    uncontrolled keys alone, which is what published Inspec results count.
    conceptgraph is scored as `build` runs it (same --min-score default);
    the stock peers keep their own defaults.
    """
    from concepts.evaluate import EXTRACTORS, evaluate

    results = {}
    for method in methods:
        advance = obj["progress"](f"{method}", 0)
        extra = {"min_score": min_score} if method == "conceptgraph" else {}
        t0 = time.perf_counter()
        results[method] = evaluate(gold_format, path, EXTRACTORS[method](top_n, progress=advance, **extra))
        results[method]["seconds"] = round(time.perf_counter() - t0, 2)
    if as_json:
        _echo_json(results)
        return
    for method, r in results.items():
        f = " ".join(f"F1@{k}={r[f'F1@{k}']['F1']:.2f}" for k in (5, 10, 15))
        click.echo(f"{method:<13} {r['documents']} docs  {f}  ({r['seconds']:.0f}s)")
        if "uncontrolled" in r:
            u = " ".join(f"F1@{k}={r['uncontrolled'][f'F1@{k}']['F1']:.2f}" for k in (5, 10, 15))
            click.echo(f"    uncontrolled keys only, as published Inspec results count: {u}")
        if "typed" in r and method == "conceptgraph":
            for t, v in r["typed"].items():
                base = r["majority_baseline"][t]["F1"]
                click.echo(
                    f"    {t:<9} P={v['P']:.1f} R={v['R']:.1f} F1={v['F1']:.1f}  (majority-type baseline F1={base:.1f})"
                )
            claims = ", ".join(f"{t} {v['predicted']} (P={v['P']:.1f})" for t, v in r["claims"].items())
            click.echo(f"    claims by our type: {claims}")


# ---- Neo4j and queries --------------------------------------------------------------

NEO4J_OPTIONS = [
    click.option("--uri", envvar="NEO4J_URI", default="bolt://127.0.0.1:7687", show_default=True, help="Bolt URI."),
    click.option("--user", envvar="NEO4J_USERNAME", default="neo4j", show_default=True),
    click.option("--password", envvar="NEO4J_PASSWORD", default=None, help="[env: NEO4J_PASSWORD]"),
    click.option("--database", envvar="NEO4J_DATABASE", default="neo4j", show_default=True),
]


def neo4j_options(fn: Callable) -> Callable:
    for option in reversed(NEO4J_OPTIONS):
        fn = option(fn)
    return fn


def _conn(uri: str, user: str, password: str | None, database: str):
    from graph.neo4j_writer import Connection

    if password is None:
        raise click.UsageError("no Neo4j password: pass --password or set NEO4J_PASSWORD")
    return Connection(uri, user, password, database)


@cli.group()
def neo4j() -> None:
    """Load the graph into Neo4j and inspect it."""


@neo4j.command("load")
@DB_OPTION
@neo4j_options
@click.option("--batch-size", type=click.IntRange(1), default=10_000, show_default=True, help="Rows per UNWIND batch.")
@click.option("--wipe", is_flag=True, help="Delete everything in the database first.")
@click.pass_obj
def neo4j_load(
    obj: dict, db: Path, uri: str, user: str, password: str | None, database: str, batch_size: int, wipe: bool
) -> None:
    """Load (or update in place) the workspace graph into Neo4j."""
    from graph.build import load_graph
    from graph.neo4j_writer import load
    from graph.workspace import Workspace

    conn = _conn(uri, user, password, database)
    with Workspace(db, create=False) as ws:
        g = load_graph(ws)
    report = load(conn, g, batch_size=batch_size, wipe_first=wipe, progress=obj["progress"])
    nodes = ", ".join(f"{k}: {v}" for k, v in report.nodes.items())
    rels = ", ".join(f"{k}: {v}" for k, v in report.relationships.items())
    removed = sum(report.removed.values())
    click.echo(f"loaded into {uri} ({database}): {nodes}; {rels}; removed {removed} stale")


@neo4j.command("stats")
@neo4j_options
@JSON_OPTION
def neo4j_stats(uri: str, user: str, password: str | None, database: str, as_json: bool) -> None:
    """Node counts by label and relationship counts by type."""
    from graph.neo4j_writer import stats as neo4j_counts

    s = neo4j_counts(_conn(uri, user, password, database))
    if as_json:
        _echo_json(s)
        return
    for kind in ("nodes", "relationships"):
        for k, v in s[kind].items():
            click.echo(f"{kind[:-1]:<13} {k:<12} {v}")


@cli.command()
@click.argument("name")
@click.option("-p", "--param", "params", multiple=True, metavar="KEY=VALUE", help="A query parameter (repeatable).")
@click.option("--backend", type=click.Choice(["local", "neo4j"]), default="local", show_default=True)
@click.option("--format", "fmt", type=click.Choice(["table", "json", "csv"]), default="table", show_default=True)
@DB_OPTION
@neo4j_options
def query(
    name: str,
    params: tuple[str, ...],
    backend: str,
    fmt: str,
    db: Path,
    uri: str,
    user: str,
    password: str | None,
    database: str,
) -> None:
    """Run the canned query NAME (see `conceptgraph queries`)."""
    from queries import catalog
    from queries.runner import format_rows, parse_params, run

    catalog.get(name)  # unknown names fail before anything is opened
    raw = parse_params(params)
    if backend == "local":
        from graph.build import load_graph
        from graph.workspace import Workspace

        with Workspace(db, create=False) as ws:
            rows = run(name, raw, "local", graph=load_graph(ws))
    else:
        rows = run(name, raw, "neo4j", conn=_conn(uri, user, password, database))
    click.echo(format_rows(rows, fmt))


@cli.command("queries")
@JSON_OPTION
def list_queries(as_json: bool) -> None:
    """List the canned queries with their parameters and examples."""
    from queries.catalog import catalog

    items = [q.as_dict() for q in catalog().values()]
    if as_json:
        _echo_json(items)
        return
    for q in items:
        click.echo(f"{q['name']}: {q['description']}")
        for p in q["params"]:
            default = "" if p["required"] else f" = {json.dumps(p['default'])}"
            click.echo(f"    -p {p['name']}=<{p['type']}>{default}  {p['help']}")
        click.echo(f"    example: {json.dumps(q['example'], ensure_ascii=False)}")


@cli.command()
@click.argument("statement")
@click.option("-p", "--param", "params", multiple=True, metavar="KEY=VALUE", help="A $parameter (string value).")
@click.option("--format", "fmt", type=click.Choice(["table", "json", "csv"]), default="table", show_default=True)
@neo4j_options
def cypher(
    statement: str, params: tuple[str, ...], fmt: str, uri: str, user: str, password: str | None, database: str
) -> None:
    """Run an ad-hoc Cypher STATEMENT on Neo4j in a read-only transaction."""
    from graph.neo4j_writer import read_query
    from queries.runner import format_rows, parse_params

    rows = read_query(_conn(uri, user, password, database), statement, parse_params(params))
    click.echo(format_rows(rows, fmt))


def main() -> None:
    cli(prog_name="conceptgraph")
