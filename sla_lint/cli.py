"""The command line: each command parses options, calls one core function, reports, returns a code.

Exit codes: 0 no errors, 1 errors found, 2 sla-lint could not run as asked.
Heavy modules are imported inside the commands so ``sla-lint --help`` starts fast.
"""

from __future__ import annotations

import os
import sys
from typing import TextIO

import click

from sla_lint import __version__

FORMATS = ("auto", "text", "json", "github")


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


@cli.command()
@click.argument("paths", nargs=-1, type=click.Path())
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="auto", show_default=True,
              help="Output format; auto = github inside GitHub Actions, else text.")
@click.option("--strict", is_flag=True, help="Exit 1 on warnings too.")
@click.option("--exclude", multiple=True, metavar="GLOB", help="Skip matching files or folders.")
@click.option("--select", multiple=True, metavar="CODES", help="Only these codes or prefixes.")
@click.option("--ignore", multiple=True, metavar="CODES", help="Skip these codes or prefixes.")
@click.option("--max-file-size", type=click.IntRange(min=1), default=None, metavar="BYTES",
              help="Refuse files larger than this (default 5 MB).")
def check(paths: tuple[str, ...], fmt: str, strict: bool, exclude: tuple[str, ...],
          select: tuple[str, ...], ignore: tuple[str, ...], max_file_size: int | None) -> None:
    """Lint the policy files under PATHS (default: the current directory)."""
    from sla_lint.config import LintConfig
    from sla_lint.loader import DEFAULT_MAX_BYTES

    config = LintConfig(exclude=exclude, select=_codes(select, "--select"),
                        ignore=_codes(ignore, "--ignore"),
                        max_file_size=max_file_size or DEFAULT_MAX_BYTES)
    sys.exit(run_check(list(paths), config, _pick_format(fmt), strict, sys.stdout))


def run_check(paths: list[str], config: object, fmt: str, strict: bool, out: TextIO) -> int:
    """Lint, report in ``fmt`` on ``out``, and return the exit code."""
    from sla_lint.config import LintConfig
    from sla_lint.engine import lint
    from sla_lint.reporters import REPORTERS

    assert isinstance(config, LintConfig)
    result = lint(paths, config)
    REPORTERS[fmt](out, color=_use_color(out)).report(result)
    if result.errors or (strict and result.warnings):
        return 1
    return 0


@cli.command(name="rules")
@click.option("--format", "fmt", type=click.Choice(["text", "markdown"]), default="text",
              show_default=True, help="markdown = the full rule reference (docs/rules.md).")
def rules_command(fmt: str) -> None:
    """List every rule: code, slug, default severity and summary."""
    from sla_lint import registry
    from sla_lint.reporters.ruledocs import rule_reference

    if fmt == "markdown":
        click.echo(rule_reference(registry.all_rules()), nl=False)
        return
    for entry in registry.all_rules():
        click.echo(f"{entry.code}  {entry.slug:<26} {entry.severity.value:<8} {entry.summary}")


@cli.command()
@click.argument("code")
def explain(code: str) -> None:
    """Print the documentation of a rule, by code (SLA201) or slug (duplicate-name)."""
    from sla_lint import registry

    entry = registry.lookup(code)
    if entry is None:
        raise click.BadParameter(f"no rule {code!r}; `sla-lint rules` lists them",
                                 param_hint="CODE")
    click.echo(f"{entry.code} {entry.slug} ({entry.severity.value}, {entry.family})\n")
    click.echo(entry.doc)


def main() -> None:
    """Console-script entry point."""
    cli(prog_name="sla-lint")
