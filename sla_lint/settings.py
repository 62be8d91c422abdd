"""Configuration: find ``.sla-lint.yaml`` or ``[tool.sla-lint]``, read it safely, merge the options.

The nearest directory, walking up from the current one, that holds ``.sla-lint.yaml``,
``.sla-lint.yml`` or a ``pyproject.toml`` with a ``[tool.sla-lint]`` table wins (in that
order within one directory). Paths and globs in the file are relative to its directory.
Every problem is a :class:`ConfigError` naming the file and, where it can, the line.
"""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

import yaml
from yaml.constructor import SafeConstructor
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from sla_lint import registry
from sla_lint.config import LintConfig
from sla_lint.diagnostics import Location, Severity
from sla_lint.loader import DEFAULT_MAX_BYTES
from sla_lint.suggest import did_you_mean

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib

CONFIG_FILES = (".sla-lint.yaml", ".sla-lint.yml")
PYPROJECT = "pyproject.toml"
TOOL_TABLE = "sla-lint"
MAX_CONFIG_BYTES = 1024 * 1024
MAX_VALUES = 10_000  # bounds what aliases can expand to
MAX_DEPTH = 8
_T = "tag:yaml.org,2002:"
_CONSTRUCT = SafeConstructor()
_Loader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class ConfigError(Exception):
    """A configuration file (or the options naming one) cannot be used as it is."""

    def __init__(self, where: Location | str, message: str) -> None:
        super().__init__(f"{where}: {message}")
        self.where = where
        self.message = message


@dataclass(frozen=True)
class CommandLine:
    """What the command line said; empty means "not given"."""

    paths: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    max_file_size: int | None = None
    tickets: tuple[str, ...] = ()


@dataclass(frozen=True)
class FileSettings:
    """What a configuration file said, paths and globs already made absolute."""

    source: str
    root: str
    paths: tuple[str, ...] | None = None
    exclude: tuple[str, ...] = ()
    select: tuple[str, ...] | None = None
    ignore: tuple[str, ...] = ()
    severity: tuple[tuple[str, Severity], ...] = ()
    per_file_ignores: tuple[tuple[str, tuple[str, ...]], ...] = ()
    max_file_size: int | None = None
    tickets: tuple[str, ...] = ()


@dataclass(frozen=True)
class Settings:
    """The paths to lint and the options to lint them with, and where they came from."""

    paths: tuple[str, ...]
    config: LintConfig
    source: str | None = None
    notes: tuple[str, ...] = field(default=())
    root: str | None = None  # the configuration file's directory
    catalogue: tuple[str, ...] = ()  # the paths the configuration file names (or its root)


# ---------------------------------------------------------------- resolving


def resolve(given: CommandLine, config_file: str | None = None, isolated: bool = False,
            cwd: str | None = None) -> Settings:
    """Merge the command line with the configuration file in force (none when isolated).

    Lists: ``select`` and the paths on the command line replace the file's; ``ignore`` and
    ``exclude`` add to them. Raises :class:`ConfigError`.
    """
    here = os.path.abspath(cwd or os.getcwd())
    if isolated and config_file:
        raise ConfigError("--config", "--isolated ignores configuration files: give one or the"
                                      " other")
    notes: tuple[str, ...] = ()
    found: FileSettings | None = None
    if config_file:
        found = read_config(os.path.join(here, config_file), here)
    elif not isolated:
        path, notes = find_config(here)
        if path is None and given.paths:  # e.g. an editor checking a file of another repo
            path, notes = find_config(_common_folder(given.paths, here))
        found = read_config(path, here) if path else None
    return _merge(given, found, here, notes)


def _merge(given: CommandLine, found: FileSettings | None, here: str,
           notes: tuple[str, ...]) -> Settings:
    base = found or FileSettings(source="", root=here)
    paths = given.paths or tuple(_shown(p, here) for p in base.paths or (base.root,))
    config = LintConfig(
        exclude=(*base.exclude, *given.exclude),
        select=given.select or base.select or (),
        ignore=(*base.ignore, *given.ignore),
        severity=base.severity,
        max_file_size=given.max_file_size or base.max_file_size or DEFAULT_MAX_BYTES,
        per_file_ignores=base.per_file_ignores,
        tickets=given.tickets or tuple(_shown(p, here) for p in base.tickets),
    )
    if found is None:
        return Settings(paths, config, None, notes)
    catalogue = tuple(_shown(p, here) for p in found.paths or (found.root,))
    return Settings(paths, config, found.source, notes, found.root, catalogue)


def _common_folder(paths: Sequence[str], here: str) -> str:
    """The deepest folder holding every one of ``paths`` (relative to ``here``)."""
    folders = [os.path.dirname(p) if not os.path.isdir(p) else p
               for p in (os.path.abspath(os.path.join(here, q)) for q in paths)]
    try:
        return os.path.commonpath(folders)
    except ValueError:  # different drives, on Windows
        return here


def _shown(path: str, here: str) -> str:
    """``path`` as users see it: relative to the current directory where possible."""
    try:
        return os.path.relpath(path, here)
    except ValueError:  # another drive, on Windows
        return path


def find_config(start: str) -> tuple[str | None, tuple[str, ...]]:
    """The configuration file in force for ``start``, and notes about files passed over."""
    directory = os.path.abspath(start)
    while True:
        found = [p for p in _candidates(directory, start) if p]
        if found:
            used = _shown(found[0], start)
            notes = tuple(f"{_shown(other, start)} also configures sla-lint; {used} is used"
                          " (it comes first)" for other in found[1:])
            return found[0], notes
        parent = os.path.dirname(directory)
        if parent == directory:
            return None, ()
        directory = parent


def _candidates(directory: str, start: str) -> Iterator[str | None]:
    for name in CONFIG_FILES:
        path = os.path.join(directory, name)
        yield path if os.path.isfile(path) else None
    pyproject = os.path.join(directory, PYPROJECT)
    if os.path.isfile(pyproject) and _has_tool_table(pyproject, _shown(pyproject, start)):
        yield pyproject


def _has_tool_table(path: str, shown: str) -> bool:
    text = _read(path, shown)
    if TOOL_TABLE not in text:  # most pyproject.toml files: no need to parse them
        return False
    tool = _toml(shown, text).get("tool")
    return isinstance(tool, dict) and TOOL_TABLE in tool


# ---------------------------------------------------------------- reading


@dataclass(frozen=True)
class Raw:
    """A value read from a configuration file, and where it was written.

    ``value`` is a scalar, a tuple of :class:`Raw` (a list) or a tuple of
    (key, value) :class:`Raw` pairs (a mapping, marked by ``mapping``).
    """

    value: Any
    where: Location
    mapping: bool = False


def read_config(path: str, here: str) -> FileSettings:
    """Read and check one configuration file (YAML, or a TOML file's ``[tool.sla-lint]``)."""
    shown = _shown(path, here)
    text = _read(path, shown)
    table = _toml_table(shown, text) if path.endswith(".toml") else _yaml_table(shown, text)
    return _settings(table, shown, os.path.dirname(os.path.abspath(path)))


def _read(path: str, shown: str) -> str:
    try:
        if os.path.getsize(path) > MAX_CONFIG_BYTES:
            raise ConfigError(shown, f"larger than {MAX_CONFIG_BYTES:,} bytes; not a config file")
        with open(path, "rb") as handle:
            raw = handle.read(MAX_CONFIG_BYTES + 1)
    except OSError as exc:
        raise ConfigError(shown, f"cannot be read: {exc.strerror or exc}") from None
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ConfigError(shown, "is not UTF-8 text; save it as UTF-8") from None


def _yaml_table(shown: str, text: str) -> Raw:
    try:
        node = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        where = Location(shown, mark.line + 1, mark.column + 1) if mark else shown
        problem = ", ".join(p for p in (exc.context, exc.problem) if p)
        raise ConfigError(where, f"YAML syntax error: {problem}") from None
    except (yaml.YAMLError, RecursionError) as exc:
        raise ConfigError(shown, f"cannot be read as YAML: {exc}") from None
    if node is None:
        return Raw((), Location(shown), mapping=True)
    return _YamlReader(shown).read(node, 0)


class _YamlReader:
    """Turns composed nodes into :class:`Raw` values: plain scalars only, bounded size."""

    def __init__(self, shown: str) -> None:
        self.shown = shown
        self.count = 0

    def read(self, node: Node, depth: int) -> Raw:
        where = Location(self.shown, node.start_mark.line + 1, node.start_mark.column + 1)
        self.count += 1
        if depth > MAX_DEPTH or self.count > MAX_VALUES:
            raise ConfigError(where, "nested too deeply or too large for a configuration file")
        if isinstance(node, ScalarNode):
            return Raw(self._scalar(node, where), where)
        if node.tag not in (_T + "seq", _T + "map"):
            raise ConfigError(where, f"the YAML tag {node.tag.replace(_T, '!!')} is not"
                                     " accepted in a configuration file")
        if isinstance(node, SequenceNode):
            return Raw(tuple(self.read(item, depth + 1) for item in node.value), where)
        assert isinstance(node, MappingNode)
        return Raw(self._pairs(node, depth), where, mapping=True)

    def _pairs(self, node: MappingNode, depth: int) -> tuple[tuple[Raw, Raw], ...]:
        pairs: dict[str, tuple[Raw, Raw]] = {}
        for key_node, value_node in node.value:
            key = self.read(key_node, depth + 1)
            if not isinstance(key.value, str) or key_node.tag == _T + "merge":
                raise ConfigError(key.where, "a key must be plain text")
            if key.value in pairs:
                first = pairs[key.value][0].where.line
                raise ConfigError(key.where, f"{key.value!r} is given twice (first at line"
                                             f" {first}); keep one")
            pairs[key.value] = (key, self.read(value_node, depth + 1))
        return tuple(pairs.values())

    def _scalar(self, node: ScalarNode, where: Location) -> Any:
        kind = node.tag.removeprefix(_T)
        if kind in ("str", "timestamp") or node.tag == "!":
            return node.value
        builders: dict[str, Callable[[ScalarNode], Any]] = {
            "int": _CONSTRUCT.construct_yaml_int, "float": _CONSTRUCT.construct_yaml_float,
            "bool": _CONSTRUCT.construct_yaml_bool, "null": _CONSTRUCT.construct_yaml_null}
        if kind not in builders:
            raise ConfigError(where, f"the YAML tag {node.tag.replace(_T, '!!')} is not"
                                     " accepted in a configuration file")
        try:
            return builders[kind](node)
        except (ValueError, yaml.YAMLError):
            raise ConfigError(where, f"{node.value!r} cannot be read as {kind}") from None


def _toml(shown: str, text: str) -> dict[str, Any]:
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        message = str(exc)
        at = re.search(r"\s*\(at line (\d+), column (\d+)\)", message)
        if at is None:
            raise ConfigError(shown, f"TOML syntax error: {message}") from None
        where = Location(shown, int(at.group(1)), int(at.group(2)))
        raise ConfigError(where, f"TOML syntax error: {message[:at.start()]}") from None


def _toml_table(shown: str, text: str) -> Raw:
    data = _toml(shown, text).get("tool", {})
    if not isinstance(data, dict) or TOOL_TABLE not in data:
        raise ConfigError(shown, f"has no [tool.{TOOL_TABLE}] table")
    table = data[TOOL_TABLE]
    if not isinstance(table, dict):
        raise ConfigError(shown, f"tool.{TOOL_TABLE} should be a table, e.g. [tool.{TOOL_TABLE}]"
                                 " followed by lines such as select = [\"SLA3\"]")
    lines = _TomlLines(shown, text)
    return Raw(tuple((Raw(k, lines.key(k)), _from_toml(v, lines.key(k)))
                     for k, v in table.items()), lines.key(""), mapping=True)


def _from_toml(value: Any, where: Location) -> Raw:
    if isinstance(value, dict):
        return Raw(tuple((Raw(str(k), where), _from_toml(v, where)) for k, v in value.items()),
                   where, mapping=True)
    if isinstance(value, list):
        return Raw(tuple(_from_toml(v, where) for v in value), where)
    return Raw(value, where)


class _TomlLines:
    """Finds the line of a key of ``[tool.sla-lint]`` (TOML readers give no positions)."""

    def __init__(self, shown: str, text: str) -> None:
        self.shown = shown
        self.lines = text.splitlines()

    def key(self, key: str) -> Location:
        header = re.compile(rf"^\s*\[\s*tool\s*\.\s*\"?{re.escape(TOOL_TABLE)}\"?\s*\]")
        sub = re.compile(rf"^\s*\[\s*tool\s*\.\s*\"?{re.escape(TOOL_TABLE)}\"?\s*\.\s*\"?"
                         rf"{re.escape(key)}\"?\s*\]")
        assign = re.compile(rf"^\s*\"?{re.escape(key)}\"?\s*=")
        in_table = False
        for number, line in enumerate(self.lines, 1):
            if key and sub.match(line):
                return Location(self.shown, number, 1)
            if line.lstrip().startswith("["):
                in_table = bool(header.match(line))
                if in_table and not key:
                    return Location(self.shown, number, 1)
            elif in_table and key and assign.match(line):
                return Location(self.shown, number, line.index(line.lstrip()[0]) + 1)
        return Location(self.shown, 1, 1)


# ---------------------------------------------------------------- checking


def _settings(table: Raw, shown: str, root: str) -> FileSettings:
    if not table.mapping:
        raise ConfigError(table.where, "a configuration file is a mapping of keys such as"
                                       f" select: and exclude:; known keys: {', '.join(KEYS)}")
    values: dict[str, Any] = {}
    for key, value in table.value:
        parse = _PARSERS.get(key.value)
        if parse is None:
            hint = did_you_mean(key.value, KEYS) or f"; known keys: {', '.join(KEYS)}"
            raise ConfigError(key.where, f"unknown key {key.value!r}{hint}")
        try:
            values[key.value.replace("-", "_")] = parse(value, root)
        except ConfigError as exc:
            raise ConfigError(exc.where, f"{key.value}: {exc.message}") from None
    return replace(FileSettings(shown, root), **values)


def _list(raw: Raw, what: str) -> tuple[Raw, ...]:
    if raw.mapping or not isinstance(raw.value, tuple):
        raise ConfigError(raw.where, f"should be a list of {what}, e.g. [{_EXAMPLES[what]}]")
    return tuple(raw.value)


def _text(raw: Raw, what: str) -> str:
    if not isinstance(raw.value, str) or not raw.value.strip():
        raise ConfigError(raw.where, f"should be {what}, not {raw.value!r}")
    return raw.value.strip()


def _pairs(raw: Raw, what: str) -> tuple[tuple[Raw, Raw], ...]:
    if not raw.mapping:
        raise ConfigError(raw.where, f"should be a mapping of {what}")
    return tuple(raw.value)


_EXAMPLES = {"paths": "departments, calendars", "globs": "drafts, archive/*.yaml",
             "codes": "SLA3, SLA409"}


def _paths(raw: Raw, root: str) -> tuple[str, ...]:
    return tuple(os.path.normpath(os.path.join(root, _text(item, "a path")))
                 for item in _list(raw, "paths"))


def _tickets(raw: Raw, root: str) -> tuple[str, ...]:
    """One ticket export or a list of them, relative to the configuration file."""
    items = raw.value if isinstance(raw.value, tuple) and not raw.mapping else (raw,)
    return tuple(os.path.normpath(os.path.join(root, _text(item, "a ticket export (.csv)")))
                 for item in items)


def _exclude(raw: Raw, root: str) -> tuple[str, ...]:
    """Globs without a ``/`` match any file or folder name, as on the command line."""
    out: list[str] = []
    for item in _list(raw, "globs"):
        pattern = _text(item, "a glob")
        out.extend((pattern,) if "/" not in pattern.rstrip("/") else _globs(pattern, root))
    return tuple(out)


def _globs(pattern: str, root: str) -> tuple[str, ...]:
    """Absolute globs for a pattern: one with a ``/`` is relative to ``root``."""
    pat = pattern.rstrip("/")
    if "/" not in pat:
        return (pat, f"*/{pat}", f"*/{pat}/*")
    anchored = os.path.join(root, pat.removeprefix("./")).replace(os.sep, "/")
    return (anchored, f"{anchored}/*")


def _codes(raw: Raw, _root: str = "") -> tuple[str, ...]:
    return tuple(_code(item) for item in _list(raw, "codes"))


def _code(raw: Raw) -> str:
    code = _text(raw, "a rule code such as SLA301 or a prefix such as SLA3").upper()
    if not any(r.code.startswith(code) for r in registry.all_rules()):
        raise ConfigError(raw.where, f"{code!r} matches no rule code; `sla-lint rules` lists"
                                     " them")
    return code


def _severity(raw: Raw, _root: str) -> tuple[tuple[str, Severity], ...]:
    chosen: dict[str, Severity] = {}
    entries = sorted(((_code(key), value) for key, value in _pairs(raw, "CODE: severity")),
                     key=lambda entry: len(entry[0]))  # a full code overrides its family
    for prefix, value in entries:
        level = _level(value)
        chosen.update((r.code, level) for r in registry.all_rules() if r.code.startswith(prefix))
    return tuple(sorted(chosen.items()))


def _level(raw: Raw) -> Severity:
    names = [s.value for s in Severity]
    if raw.value not in names:
        raise ConfigError(raw.where, f"{raw.value!r} is not one of {', '.join(names)}"
                                     f"{did_you_mean(str(raw.value), names)}")
    return Severity(raw.value)


def _per_file(raw: Raw, root: str) -> tuple[tuple[str, tuple[str, ...]], ...]:
    entries: list[tuple[str, tuple[str, ...]]] = []
    for key, value in _pairs(raw, "glob: [codes]"):
        codes = _codes(value)
        entries.extend((glob, codes) for glob in _globs(_text(key, "a glob"), root))
    return tuple(entries)


def _size(raw: Raw, _root: str) -> int:
    if isinstance(raw.value, bool) or not isinstance(raw.value, int) or raw.value < 1:
        raise ConfigError(raw.where, f"should be a positive number of bytes, not {raw.value!r}")
    return raw.value


_PARSERS: dict[str, Callable[[Raw, str], Any]] = {
    "paths": _paths,
    "exclude": _exclude,
    "select": _codes,
    "ignore": _codes,
    "severity": _severity,
    "per-file-ignores": _per_file,
    "max-file-size": _size,
    "tickets": _tickets,
}
KEYS: Sequence[str] = tuple(_PARSERS)

