"""The command line: each command parses options, calls one core function, reports, returns a code.

Exit codes: 0 no errors, 1 errors found, 2 sla-lint could not run as asked.
Heavy modules are imported inside the commands so ``sla-lint --help`` starts fast.
"""

from __future__ import annotations

import io
import os
import sys
from typing import TYPE_CHECKING, TextIO

import click

from sla_lint import __version__

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

    from sla_lint.diagnostics import Diagnostic
    from sla_lint.engine import LintResult
    from sla_lint.model import Catalogue
    from sla_lint.settings import CommandLine, Settings
    from sla_lint.tickets import AttainmentReport

FORMATS = ("auto", "text", "json", "github", "sarif", "gitlab", "junit", "markdown")  # reporters
# --format auto with --output FILE: the file's format from its name.
OUTPUT_SUFFIXES = ((".sarif", "sarif"), (".sarif.json", "sarif"), (".xml", "junit"),
                   (".md", "markdown"), (".markdown", "markdown"), (".json", "json"),
                   (".txt", "text"))
GRAPH_FORMATS = ("text", "dot", "mermaid", "json", "svg", "png")  # = render.RENDERERS + images
ANSWER_FORMATS = ("text", "json")
TICKET_FORMATS = ("text", "json", "markdown", "csv")  # = tickets.formats.WRITERS
TICKET_PRESETS = ("plain", "jira", "zendesk", "servicenow", "freshdesk")  # = tickets.PRESETS


def _use_color(stream: TextIO) -> bool:
    if os.environ.get("NO_COLOR") is not None:
        return False
    return bool(getattr(stream, "isatty", lambda: False)())


def _pick_format(name: str) -> str:
    if name != "auto":
        return name
    return "github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text"


def _codes(values: tuple[str, ...], option: str) -> tuple[str, ...]:
    from sla_lint import registry

    known = [r.code for r in registry.all_rules()]
    codes: list[str] = []
    for raw in values:
        for part in filter(None, (p.strip().upper() for p in raw.split(","))):
            if not any(code.startswith(part) for code in known):
                raise click.BadParameter(f"{part!r} matches no rule code", param_hint=option)
            codes.append(part)
    return tuple(codes)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="sla-lint")
def cli() -> None:
    """Check that the service promises in a policy repo can be kept."""


def _reading_options(command: Callable[..., None]) -> Callable[..., None]:
    """--exclude, --config and --isolated: how every command that reads the repo finds it."""
    command = click.option("--isolated", is_flag=True,
                           help="Ignore every configuration file.")(command)
    command = click.option("--config", "config_file", type=click.Path(dir_okay=False),
                           metavar="FILE", help="Read options from FILE, not from the"
                           " .sla-lint.yaml or pyproject.toml found.")(command)
    return click.option("--exclude", multiple=True, metavar="GLOB",
                        help="Skip matching files or folders.")(command)


@cli.command()
@click.argument("paths", nargs=-1, type=click.Path())
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="auto", show_default=True,
              help="Output format; auto = github inside GitHub Actions, else text (with"
                   " --output: from FILE's name).")
@click.option("--strict", is_flag=True, help="Exit 1 on warnings too.")
@click.option("--select", multiple=True, metavar="CODES", help="Only these codes or prefixes.")
@click.option("--ignore", multiple=True, metavar="CODES", help="Skip these codes or prefixes.")
@click.option("--max-file-size", type=click.IntRange(min=1), default=None, metavar="BYTES",
              help="Refuse files larger than this (default 5 MB).")
@_reading_options
@click.option("--base", metavar="REF", default=None,
              help="Also report what the change since git REF does to dependants.")
@click.option("-o", "--output", type=click.Path(dir_okay=False), metavar="FILE",
              help="Write the --format report to FILE; the terminal gets text (github in"
                   " GitHub Actions).")
@click.option("--statistics", is_flag=True, help="Count findings per rule after the report.")
@click.option("--tickets", multiple=True, type=click.Path(dir_okay=False), metavar="FILE",
              help="A ticket export (CSV): warn where promises are kept less than the"
                   " policy's min_attainment (SLA440).")
def check(paths: tuple[str, ...], fmt: str, strict: bool, exclude: tuple[str, ...],
          select: tuple[str, ...], ignore: tuple[str, ...], max_file_size: int | None,
          config_file: str | None, isolated: bool, base: str | None, output: str | None,
          statistics: bool, tickets: tuple[str, ...]) -> None:
    """Lint the policy files under PATHS (default: the config file's paths, or .).

    PATHS inside a larger policy repo are checked against the whole repo (its root: the
    configuration file's folder, else the git work tree); only their findings are shown.
    """
    from sla_lint.project import whole_repo
    from sla_lint.settings import CommandLine

    given = CommandLine(paths, exclude, _codes(select, "--select"), _codes(ignore, "--ignore"),
                        max_file_size, tickets)
    settings = whole_repo(_settings(given, config_file, isolated), paths)
    _probe_tickets(settings.config.tickets)
    shown, saved = _formats(fmt, output)
    sys.exit(run_check(list(settings.paths), settings.config, shown, strict, sys.stdout, base,
                       saved, statistics))


def _probe_tickets(sources: tuple[str, ...]) -> None:
    """Exit 2 when a ticket export given to check cannot be used at all."""
    from sla_lint.tickets import ReadOptions, TicketsUnusable
    from sla_lint.tickets.exports import probe

    for source in sources:
        try:
            probe(source, ReadOptions())
        except TicketsUnusable as exc:
            click.echo(f"sla-lint: error: --tickets: {exc}", err=True)
            sys.exit(2)


def _formats(fmt: str, output: str | None) -> tuple[str, tuple[str, str] | None]:
    """The terminal's format, and (format, FILE) for --output FILE."""
    if output in (None, "-"):
        return _pick_format(fmt), None
    assert output is not None
    if fmt == "auto":
        name = os.path.basename(output).lower()
        found = [f for suffix, f in OUTPUT_SUFFIXES if name.endswith(suffix)]
        if not found:
            raise click.BadParameter(f"cannot tell the format of {output!r} from its name:"
                                     " give --format", param_hint="--output")
        fmt = found[-1]
    return _pick_format("auto"), (fmt, output)


def _settings(given: CommandLine, config_file: str | None, isolated: bool) -> Settings:
    """The options in force: the command line over the configuration file (exit 2 if bad)."""
    from sla_lint.settings import ConfigError, resolve

    try:
        settings = resolve(given, config_file, isolated)
    except ConfigError as exc:
        click.echo(f"sla-lint: error: {exc}", err=True)
        sys.exit(2)
    for note in settings.notes:
        click.echo(f"sla-lint: note: {note}", err=True)
    return settings


def run_check(paths: list[str], config: object, fmt: str, strict: bool, out: TextIO,
              base: str | None = None, saved: tuple[str, str] | None = None,
              statistics: bool = False) -> int:
    """Lint, report in ``fmt`` on ``out`` (and to ``saved``'s file), return the exit code."""
    from sla_lint.changes import BaseUnavailable
    from sla_lint.config import LintConfig
    from sla_lint.engine import lint
    from sla_lint.reporters import reporter_class

    assert isinstance(config, LintConfig)
    try:
        result = lint(paths, config, base)
    except BaseUnavailable as exc:
        click.echo(f"sla-lint: error: --base {base}: {exc}", err=True)
        return 2
    reporter_class(fmt)(out, color=_use_color(out)).report(result)
    if result.unread_elsewhere:
        unread = result.unread_elsewhere
        click.echo(f"sla-lint: note: {len(unread)} other file(s) of the repo cannot be read"
                   f" ({', '.join(unread[:3])}{', ...' if len(unread) > 3 else ''}), so"
                   " references to what they define are not checked; `sla-lint check`"
                   " with no path lists their errors", err=True)
    if not _extras(result, fmt, out, saved, statistics):
        return 2
    if result.errors or (strict and result.warnings):
        return 1
    return 0


def _extras(result: LintResult, fmt: str, out: TextIO, saved: tuple[str, str] | None,
            statistics: bool) -> bool:
    """Statistics (after a text report, else on stderr) and the --output file; False: unwritten."""
    from sla_lint.reporters import reporter_class
    from sla_lint.reporters.stats import statistics_text

    if statistics:
        text = statistics_text(result.diagnostics)
        if fmt in ("text", "github"):
            out.write(text)
        else:
            click.echo(text, nl=False, err=True)
    if saved is None:
        return True
    file_fmt, path = saved
    buffer = io.StringIO()
    reporter_class(file_fmt)(buffer).report(result)
    return _write_file(path, buffer.getvalue().encode("utf-8")) == 0


@cli.command(name="rules")
@click.option("--format", "fmt", type=click.Choice(["text", "markdown"]), default="text",
              show_default=True, help="markdown = the full rule reference (docs/rules.md).")
def rules_command(fmt: str) -> None:
    """List every rule: code, slug, default severity and summary."""
    from sla_lint import registry
    from sla_lint.reporters.ruledocs import plain, rule_reference

    if fmt == "markdown":
        click.echo(rule_reference(registry.all_rules()), nl=False)
        return
    for entry in registry.all_rules():
        click.echo(f"{entry.code}  {entry.slug:<26} {entry.severity.value:<8}"
                   f" {plain(entry.summary)}")


@cli.command()
@click.argument("code")
def explain(code: str) -> None:
    """Print the documentation of a rule, by code (SLA201) or slug (duplicate-name)."""
    from sla_lint import registry
    from sla_lint.reporters.ruledocs import plain, rule_hint

    entry = registry.lookup(code)
    if entry is None:
        hint = rule_hint(code, registry.all_rules())
        raise click.BadParameter(f"no rule {code!r}{hint or ';'} `sla-lint rules` lists them",
                                 param_hint="CODE")
    click.echo(f"{entry.code} {entry.slug} ({entry.severity.value}, {entry.family})\n")
    click.echo(plain(entry.doc))


@cli.command(name="graph")
@click.argument("paths", nargs=-1, type=click.Path())
@click.option("--level", type=click.Choice(["service", "department"]), default="service",
              show_default=True, help="One box per service, or one per department.")
@click.option("--format", "fmt", type=click.Choice(GRAPH_FORMATS), default="text",
              show_default=True, help="svg and png need Graphviz's dot program.")
@click.option("--focus", metavar="NAME", help="Only NAME (department or department/service)"
              " and what is linked to it.")
@click.option("--upstream", is_flag=True, help="With --focus: what NAME depends on.")
@click.option("--downstream", is_flag=True, help="With --focus: what depends on NAME.")
@click.option("--depth", type=click.IntRange(min=1), metavar="N",
              help="With --focus: at most N dependencies away.")
@click.option("--blocking-only", is_flag=True, help="Leave out non-blocking dependencies.")
@click.option("-o", "--output", type=click.Path(dir_okay=False), metavar="FILE",
              help="Write to FILE instead of standard output.")
@_reading_options
def graph_command(paths: tuple[str, ...], level: str, fmt: str, focus: str | None,
                  upstream: bool, downstream: bool, depth: int | None, blocking_only: bool,
                  output: str | None, exclude: tuple[str, ...], config_file: str | None,
                  isolated: bool) -> None:
    """Draw who depends on whom under PATHS, problems marked (exit 0 even when there are)."""
    from sla_lint.graph.select import GraphRequest
    from sla_lint.settings import CommandLine

    if (upstream or downstream or depth) and not focus:
        raise click.UsageError("--upstream, --downstream and --depth need --focus NAME")
    request = GraphRequest(level, focus, upstream, downstream, depth, blocking_only)
    settings = _settings(CommandLine(paths, exclude), config_file, isolated)
    sys.exit(run_graph(list(settings.paths), settings.config, request, fmt, output))


def run_graph(paths: list[str], config: object, request: object, fmt: str,
              output: str | None) -> int:
    """Lint, draw the part of the graph asked for, write it; return the exit code."""
    from sla_lint.config import LintConfig
    from sla_lint.engine import lint
    from sla_lint.graph.drawing import draw
    from sla_lint.graph.image import IMAGE_FORMATS, RenderError, rasterize
    from sla_lint.graph.render import RENDERERS, to_dot
    from sla_lint.graph.select import GraphRequest, UnknownName

    assert isinstance(request, GraphRequest) and isinstance(config, LintConfig)
    result = lint(paths, config)
    try:
        drawing = draw(result.catalogue, result.diagnostics, request)
    except UnknownName as exc:
        raise click.BadParameter(str(exc), param_hint="--focus") from None
    if fmt not in IMAGE_FORMATS:
        return _write_text(RENDERERS[fmt](drawing), output)
    try:
        return _write_bytes(rasterize(to_dot(drawing), fmt), output, fmt == "png")
    except RenderError as exc:
        click.echo(f"sla-lint graph: {exc}", err=True)
        return 2


def _write_text(text: str, output: str | None) -> int:
    if output in (None, "-"):
        click.echo(text, nl=False)
        return 0
    assert output is not None
    return _write_file(output, text.encode("utf-8"))


def _write_bytes(data: bytes, output: str | None, binary: bool) -> int:
    if output not in (None, "-"):
        assert output is not None
        return _write_file(output, data)
    stream = sys.stdout.buffer
    if binary and _is_terminal(sys.stdout):
        click.echo("sla-lint graph: a PNG is not for a terminal: give -o FILE", err=True)
        return 2
    stream.write(data)
    stream.flush()
    return 0


def _is_terminal(stream: TextIO) -> bool:
    return bool(getattr(stream, "isatty", lambda: False)())


def _write_file(output: str, data: bytes) -> int:
    try:
        with open(output, "wb") as handle:
            handle.write(data)
    except OSError as exc:
        click.echo(f"sla-lint: cannot write {output}: {exc.strerror or exc}", err=True)
        return 2
    return 0


@cli.command(name="customers")
@click.argument("name")
@click.argument("paths", nargs=-1, type=click.Path())
@click.option("--format", "fmt", type=click.Choice(ANSWER_FORMATS), default="text",
              show_default=True, help="Output format.")
@_reading_options
def customers_command(name: str, paths: tuple[str, ...], fmt: str, exclude: tuple[str, ...],
                      config_file: str | None, isolated: bool) -> None:
    """Who depends on NAME (a department or department/service): who is hurt if it slips."""
    from sla_lint.graph.answers import CUSTOMER_FORMATS
    from sla_lint.graph.queries import customers
    from sla_lint.graph.select import UnknownName

    catalogue = _catalogue(paths, exclude, config_file, isolated)
    try:
        report = customers(catalogue, name)
    except UnknownName as exc:
        raise click.BadParameter(str(exc), param_hint="NAME") from None
    click.echo(CUSTOMER_FORMATS[fmt](report), nl=False)


@cli.command(name="find")
@click.argument("text")
@click.argument("paths", nargs=-1, type=click.Path())
@click.option("--format", "fmt", type=click.Choice(ANSWER_FORMATS), default="text",
              show_default=True, help="Output format.")
@click.option("--limit", type=click.IntRange(min=0), default=20, show_default=True,
              help="Most services to show (0: all).")
@_reading_options
def find_command(text: str, paths: tuple[str, ...], fmt: str, limit: int,
                 exclude: tuple[str, ...], config_file: str | None, isolated: bool) -> None:
    """Which services handle TEXT, in the words people use, and how to reach them.

    Exit 1 when no service matches every word (close matches are still shown).
    """
    from sla_lint.graph.answers import FIND_FORMATS
    from sla_lint.graph.queries import find

    if not text.split():
        raise click.BadParameter("give the scope item to look for", param_hint="TEXT")
    report = find(_catalogue(paths, exclude, config_file, isolated), text, limit)
    click.echo(FIND_FORMATS[fmt](report), nl=False)
    sys.exit(0 if report.found else 1)


@cli.command(name="due")
@click.argument("service")
@click.argument("priority")
@click.argument("paths", nargs=-1, type=click.Path())
@click.option("--at", "at", required=True, metavar="TIME",
              help="When the request is raised: ISO 8601 with its UTC offset or Z.")
@click.option("--format", "fmt", type=click.Choice(ANSWER_FORMATS), default="text",
              show_default=True, help="Output format.")
@_reading_options
def due_command(service: str, priority: str, paths: tuple[str, ...], at: str, fmt: str,
                exclude: tuple[str, ...], config_file: str | None, isolated: bool) -> None:
    """When each promise of SERVICE (department/service) falls due for PRIORITY raised --at TIME."""
    from sla_lint.due import DueError, due, due_json, due_text, read_time

    try:
        arrival = read_time(at)
        answer = due(_catalogue(paths, exclude, config_file, isolated), service, priority,
                     arrival)
    except DueError as exc:
        click.echo(f"sla-lint due: {exc}", err=True)
        sys.exit(2)
    click.echo((due_json if fmt == "json" else due_text)(answer), nl=False)


@cli.command(name="site")
@click.argument("paths", nargs=-1, type=click.Path())
@click.option("-o", "--output", required=True, type=click.Path(file_okay=False), metavar="DIR",
              help="Write the website into DIR (created if missing).")
@click.option("--source-url", metavar="URL", help="Link each finding to its file and line:"
              " URL + path + #L<line>, e.g. https://github.com/acme/policy/blob/main/")
@click.option("--title", metavar="TEXT", help="The site's name (default: the policy's title).")
@click.option("--tickets", multiple=True, type=click.Path(dir_okay=False), metavar="FILE",
              help="A ticket export (CSV): show how well each promise was kept, per month.")
@click.option("--tickets-preset", type=click.Choice(TICKET_PRESETS), default="plain",
              show_default=True, help="The column layout of the ticket exports.")
@_reading_options
def site_command(paths: tuple[str, ...], output: str, source_url: str | None,
                 title: str | None, tickets: tuple[str, ...], tickets_preset: str,
                 exclude: tuple[str, ...], config_file: str | None, isolated: bool) -> None:
    """Publish the catalogue under PATHS as a static website in DIR (exit 1 if it has errors)."""
    from sla_lint.engine import lint
    from sla_lint.settings import CommandLine
    from sla_lint.site import SiteError, SiteOptions, write_site

    given = CommandLine(paths, exclude, tickets=tickets)
    settings = _settings(given, config_file, isolated)
    result = lint(list(settings.paths), settings.config)
    report = _site_attainment(result.catalogue, settings.config.tickets, tickets_preset)
    try:
        pages = write_site(result, output, SiteOptions(source_url, title, report))
    except SiteError as exc:
        click.echo(f"sla-lint site: {exc}", err=True)
        sys.exit(2)
    click.echo(f"sla-lint site: wrote {pages} files to {output}"
               f" ({result.errors} error(s), {result.warnings} warning(s) on its health page)",
               err=True)
    sys.exit(1 if result.errors else 0)


@cli.command(name="fastest")
@click.argument("service")
@click.argument("paths", nargs=-1, type=click.Path())
@click.option("--format", "fmt", type=click.Choice(ANSWER_FORMATS), default="text",
              show_default=True, help="Output format.")
@_reading_options
def fastest_command(service: str, paths: tuple[str, ...], fmt: str, exclude: tuple[str, ...],
                    config_file: str | None, isolated: bool) -> None:
    """The fastest resolution SERVICE (department/service) can promise, per priority."""
    import datetime

    from sla_lint.context import Context
    from sla_lint.fixes.answers import FASTEST_FORMATS
    from sla_lint.fixes.fastest import UnknownService, fastest
    from sla_lint.settings import CommandLine

    settings = _settings(CommandLine(paths, exclude), config_file, isolated)
    year = settings.config.this_year or datetime.date.today().year
    context = Context(_catalogue(paths, exclude, config_file, isolated), year)
    try:
        report = fastest(context, service)
    except UnknownService as exc:
        raise click.BadParameter(str(exc), param_hint="SERVICE") from None
    click.echo(FASTEST_FORMATS[fmt](report), nl=False)


def _site_attainment(catalogue: Catalogue, sources: tuple[str, ...],
                     preset: str) -> AttainmentReport | None:
    """Attainment per month for the site, or None without tickets; exit 2 if unusable."""
    if not sources:
        return None
    from sla_lint.tickets import AttainmentOptions, ReadOptions, TicketsUnusable, attainment

    try:
        report = attainment(catalogue, sources,
                            AttainmentOptions(ReadOptions(preset), by="month"))
    except TicketsUnusable as exc:
        click.echo(f"sla-lint site: --tickets: {exc}", err=True)
        sys.exit(2)
    if report.problem_count:
        click.echo(f"sla-lint site: note: {report.problem_count} ticket row(s) left out"
                   " (`sla-lint attainment` lists them)", err=True)
    return report


def _catalogue(paths: tuple[str, ...], exclude: tuple[str, ...], config_file: str | None,
               isolated: bool) -> Catalogue:
    """Load the repo; say on stderr when some files could not be read into the answer.

    A path inside a larger policy repo stands for the whole repo: who depends on a
    service, and who handles an item, are questions about every file.
    """
    from sla_lint.diagnostics import Severity
    from sla_lint.engine import load_catalogue
    from sla_lint.project import whole_repo
    from sla_lint.settings import CommandLine

    settings = whole_repo(_settings(CommandLine(paths, exclude), config_file, isolated), paths)
    loaded = load_catalogue(list(settings.paths), settings.config)
    problems = sum(1 for d in loaded.diagnostics if d.severity is Severity.ERROR)
    if problems:
        click.echo(f"sla-lint: note: {problems} problem(s) in the files; the answer covers what"
                   " could be read (`sla-lint check` lists them)", err=True)
    return loaded.catalogue


@cli.command(name="attainment")
@click.argument("tickets", type=click.Path())
@click.argument("paths", nargs=-1, type=click.Path())
@click.option("--as-of", "as_of", metavar="TIME",
              help="Judge open requests at TIME (ISO 8601 with offset); default: the latest"
                   " time in the exports.")
@click.option("--format", "fmt", type=click.Choice(TICKET_FORMATS), default="text",
              show_default=True, help="Output format.")
@click.option("--preset", type=click.Choice(TICKET_PRESETS), default="plain",
              show_default=True, help="The column layout of a tool's standard export.")
@click.option("--columns", multiple=True, metavar="FIELD=HEADER,...",
              help="Which column holds each field (id, service, priority, created,"
                   " first_response, first_response_minutes, resolved).")
@click.option("--timezone", metavar="ZONE", help="The zone of times written without offset.")
@click.option("--priorities", multiple=True, metavar="NAME=PRIORITY,...",
              help="The export's priority names mapped onto the ladder, e.g. Urgent=P1.")
@click.option("--by", type=click.Choice(["week", "month"]), help="Add a trend per period.")
@click.option("--at-risk", "risk", default="80%", show_default=True, metavar="SHARE",
              help="Open requests past this share of their time are listed as at risk.")
@click.option("--realistic", default="90%", show_default=True, metavar="SHARE",
              help="The share of requests the realistic time covers.")
@_reading_options
def attainment_command(tickets: str, paths: tuple[str, ...], as_of: str | None, fmt: str,
                       preset: str, columns: tuple[str, ...], timezone: str | None,
                       priorities: tuple[str, ...], by: str | None, risk: str,
                       realistic: str, exclude: tuple[str, ...], config_file: str | None,
                       isolated: bool) -> None:
    """Hold the tickets of TICKETS (and of any other .csv among PATHS) against the promises.

    Exit 0 every row used, 1 some rows left out (listed), 2 could not run as asked.
    """
    from sla_lint.tickets.command import run_attainment, split_sources

    sources, repo = split_sources(tickets, paths)
    catalogue = _catalogue(repo, exclude, config_file, isolated)
    sys.exit(run_attainment(catalogue, sources, fmt, sys.stdout, sys.stderr, as_of=as_of,
                            preset=preset, columns=columns, timezone=timezone,
                            priorities=priorities, by=by, risk=risk, realistic=realistic))


@cli.command(name="schema")
@click.option("--kind", type=click.Choice(["Department", "Calendar", "Policy"],
                                          case_sensitive=False),
              help="Only the schema of one kind of document, self-contained.")
def schema_command(kind: str | None) -> None:
    """Print the JSON Schema of policy files, for editors (see docs/workflow.md)."""
    from sla_lint.schema.export import KINDS, schema_text

    chosen = next((k for k in KINDS if kind and k.lower() == kind.lower()), None)
    click.echo(schema_text(chosen), nl=False)


@cli.command(name="init")
@click.argument("name")
@click.option("--title", help="The department's human name (default: from NAME).")
@click.option("-o", "--output", type=click.Path(dir_okay=False), metavar="FILE",
              help="Write to FILE (never overwritten) instead of standard output.")
def init_command(name: str, title: str | None, output: str | None) -> None:
    """Write a commented starter Department file for NAME that passes every rule.

    Inside a policy repo the targets fit its policy: ladder, limits, default calendar.
    """
    from sla_lint.repo_policy import fit
    from sla_lint.scaffold import name_problem, schema_ref, starter, title_problem

    problem = name_problem(name)
    if problem:
        raise click.BadParameter(problem, param_hint="NAME")
    problem = title_problem(title) if title is not None else None
    if problem:
        raise click.BadParameter(problem, param_hint="--title")
    if output in (None, "-"):
        click.echo(starter(name, title, fitted=fit(os.getcwd())), nl=False)
        return
    assert output is not None
    fitted = fit(os.path.dirname(os.path.abspath(output)))
    sys.exit(_create(output, starter(name, title, schema_ref(output, fitted.root), fitted)))


def _make_folder(output: str) -> bool:
    """Create the folder ``output`` goes in (``.github/`` is often not there yet)."""
    folder = os.path.dirname(output)
    try:
        if folder:
            os.makedirs(folder, exist_ok=True)
    except OSError as exc:
        click.echo(f"sla-lint: error: cannot create the folder {folder}:"
                   f" {exc.strerror or exc}", err=True)
        return False
    return True


def _create(output: str, text: str) -> int:
    """Write a new file; never replace one (exit 2 when it exists or cannot be written)."""
    if not _make_folder(output):
        return 2
    try:
        with open(output, "x", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
    except FileExistsError:
        click.echo(f"sla-lint: error: {output} already exists; sla-lint init never overwrites"
                   " a file: choose another name or delete it first", err=True)
        return 2
    except OSError as exc:
        click.echo(f"sla-lint: error: cannot write {output}: {exc.strerror or exc}", err=True)
        return 2
    click.echo(f"sla-lint: wrote {output}; fill in the placeholders, then run sla-lint check",
               err=True)
    return 0


@cli.command(name="codeowners")
@click.argument("paths", nargs=-1, type=click.Path())
@click.option("-o", "--output", type=click.Path(dir_okay=False), metavar="FILE",
              help="Write to FILE (e.g. .github/CODEOWNERS) instead of standard output.")
@click.option("--check", "check_only", is_flag=True,
              help="Exit 1 with a diff when FILE (default: the CODEOWNERS found) is out of date.")
@_reading_options
def codeowners_command(paths: tuple[str, ...], output: str | None, check_only: bool,
                       exclude: tuple[str, ...], config_file: str | None,
                       isolated: bool) -> None:
    """Write CODEOWNERS from each document's metadata.owner (paths from the repo root)."""
    from sla_lint.engine import load_catalogue
    from sla_lint.owners import keep_unread, ownership, repo_root
    from sla_lint.settings import CommandLine

    settings = _settings(CommandLine(paths, exclude), config_file, isolated)
    loaded = load_catalogue(list(settings.paths), settings.config)
    _note_unread(loaded.diagnostics)
    root = repo_root(os.getcwd(), settings.root)
    owners = keep_unread(ownership(loaded.catalogue, root), _committed_codeowners(output, root),
                         loaded.diagnostics, root)
    for path in owners.kept:
        click.echo(f"sla-lint: note: {path} could not be read; its committed owner line is"
                   " kept (fix the file, then run this again)", err=True)
    for problem in owners.problems:
        click.echo(f"sla-lint: error: {problem}", err=True)
    if owners.problems:
        sys.exit(1)
    if check_only:
        sys.exit(_check_codeowners(owners.render(), output, root))
    if output not in (None, "-") and not _make_folder(str(output)):
        sys.exit(2)
    sys.exit(_write_text(owners.render(), output))


def _committed_codeowners(output: str | None, root: str) -> str:
    """The CODEOWNERS text already written (FILE, else the one GitHub uses), or ""."""
    from sla_lint.owners import find_codeowners

    target = output if output not in (None, "-") else find_codeowners(root)
    try:
        with open(target or "", encoding="utf-8") as handle:
            return handle.read()
    except (OSError, UnicodeDecodeError):
        return ""


def _note_unread(diagnostics: Sequence[Diagnostic]) -> None:
    from sla_lint.diagnostics import Severity

    problems = sum(1 for d in diagnostics if d.severity is Severity.ERROR)
    if problems:
        click.echo(f"sla-lint: note: {problems} problem(s) in the files; documents that could"
                   " not be read are left out (`sla-lint check` lists them)", err=True)


def _check_codeowners(wanted: str, output: str | None, root: str) -> int:
    """0 when the committed CODEOWNERS is what the owners say; 1 with a diff otherwise."""
    from sla_lint.owners import CODEOWNERS_FILES, difference, find_codeowners

    target = output if output not in (None, "-") else find_codeowners(root)
    if target is None:
        click.echo(f"sla-lint: no CODEOWNERS file (looked for {', '.join(CODEOWNERS_FILES)});"
                   " write one with `sla-lint codeowners -o .github/CODEOWNERS`", err=True)
        return 1
    shown = os.path.relpath(target)
    try:
        with open(target, encoding="utf-8") as handle:
            committed = handle.read()
    except (OSError, UnicodeDecodeError) as exc:
        click.echo(f"sla-lint: {shown} cannot be read: {exc}", err=True)
        return 1
    diff = difference(committed, wanted, shown)
    if not diff:
        click.echo(f"sla-lint: {shown} is up to date")
        return 0
    click.echo(diff, nl=False)
    click.echo(f"sla-lint: {shown} is out of date: run `sla-lint codeowners -o {shown}`"
               " and commit it", err=True)
    return 1


def main() -> None:
    """Console-script entry point; ends the process without tearing down its memory."""
    from sla_lint.runtime import run_and_exit

    run_and_exit(lambda: cli(prog_name="sla-lint"))
