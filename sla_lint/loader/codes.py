"""Codes of the loading family (0xx): problems found before a file is understood."""

from __future__ import annotations

from sla_lint.diagnostics import Severity
from sla_lint.registry import declare

YAML_SYNTAX = declare("SLA001", "yaml-syntax", Severity.ERROR, """
    The file is not valid YAML.

    Why: nothing in a file that does not parse can be checked, and the tools that read
    the policy repo would fail on it too. For the common mistakes (a value starting with
    ``@``, ``*`` or ``&``, a tab, ``#`` inside brackets, indentation off by a step, an
    unclosed bracket or quote, no space after a colon) the message says in plain words
    what happened and what to write instead, at the mistake itself, then the parser's
    own words in brackets.

    Bad:
        services:
          - name: payroll
           title: Payroll        # indented one space too far

    Good:
        services:
          - name: payroll
            title: Payroll
    """)

DUPLICATE_KEY = declare("SLA002", "duplicate-key", Severity.ERROR, """
    The same key appears twice in one mapping.

    Why: YAML readers silently keep only the last value, so the first one (often the
    one a reviewer read) has no effect. The message points at the first occurrence.

    Bad:
        P1: {response: 30m, resolution: 4h}
        P1: {response: 1h, resolution: 8h}

    Good:
        P1: {response: 30m, resolution: 4h}
        P2: {response: 1h, resolution: 8h}
    """)

NOT_UTF8 = declare("SLA003", "not-utf8", Severity.ERROR, """
    The file contains bytes that are not UTF-8 text.

    Why: policy files are read by people and tools on every platform; a file saved in a
    legacy encoding (Windows-1252, Latin-1) shows the wrong characters or fails to load.
    A UTF-8 byte-order mark is accepted.

    Bad:
        title: Caf\\xe9 services       # saved as Latin-1

    Good:
        title: Café services          # saved as UTF-8
    """)

FILE_TOO_LARGE = declare("SLA004", "file-too-large", Severity.ERROR, """
    The file is larger than the size cap (5 MB unless configured), so it was not read.

    Why: no real policy file comes near the cap; a file that large is generated or
    hostile, and reading it would make every commit slow. Split it, or raise the cap
    with ``--max-file-size``. A file that holds more than 100,000 YAML values (each
    document counting as ten more) is not read further either, whatever its size: a
    large department is a few thousand.

    Bad:
        a 40 MB departments.yaml

    Good:
        one department per file, each a few kilobytes
    """)

ALIAS_EXPANSION = declare("SLA005", "alias-expansion", Severity.ERROR, """
    YAML aliases expand to far more data than the file holds (or refer to themselves).

    Why: anchors and aliases (``&a`` / ``*a``) that nest each other grow exponentially
    (the "billion laughs" attack); a file that does this is rejected before it can
    exhaust memory. Plain reuse of an anchor is fine.

    Bad:
        a: &a [x, x, x, x, x, x, x, x, x]
        b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]
        c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]   # ... and so on

    Good:
        defaults: &office {response: 2bh, resolution: 2bd}
        P3: *office
    """)

UNSAFE_TAG = declare("SLA006", "unknown-tag", Severity.ERROR, """
    A YAML tag that sla-lint does not accept (for example ``!!python/object``).

    Why: tags can ask a YAML reader to build arbitrary objects or run code. sla-lint
    never does; it accepts only plain text, numbers, booleans, lists and mappings.

    Bad:
        title: !!python/object/apply:os.system ["echo hi"]

    Good:
        title: Payroll
    """)

UNREADABLE = declare("SLA007", "unreadable-file", Severity.ERROR, """
    A path that looks like a YAML file cannot be read as one.

    Why: a file the linter cannot open (permission denied, a broken symbolic link, a
    directory or a pipe named ``x.yaml``) would otherwise be skipped silently, and its
    promises never checked.

    Bad:
        departments/hr.yaml -> ../old/hr.yaml   (the link target was deleted)

    Good:
        departments/hr.yaml                     (a readable regular file)
    """)

IMPLICIT_TYPE = declare("SLA008", "yaml-implicit-type", Severity.ERROR, """
    YAML read an unquoted value as a number, boolean or null where text was meant.

    Why: YAML 1.1, which most tools use, silently changes the meaning of some plain
    values: ``1:30`` is the base-60 number 90, ``no``/``off``/``yes`` are booleans,
    ``0123`` is a number. The message shows what YAML read; quote the value to keep
    it as text.

    Bad:
        customers: [no]          # read as false
        after: 1:30              # read as the number 90

    Good:
        customers: ["no"]
        after: 90m
    """)

TOO_DEEP = declare("SLA009", "too-deeply-nested", Severity.ERROR, """
    The YAML is nested deeper than any policy file needs.

    Why: a policy document is at most a few levels deep; hundreds of nested lists or
    mappings are a mistake or an attack, and are rejected before they exhaust memory.

    Bad:
        spec: [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[ ... ]]]]]]]]]]]]]]]]]]]]]]]]]]

    Good:
        spec:
          services: [...]
    """)

COMPLEX_KEY = declare("SLA010", "complex-key", Severity.ERROR, """
    A mapping key is a list or a mapping instead of plain text.

    Why: every key in the format is a word such as ``name`` or ``P1``; a complex key is
    always a mistake, usually a misplaced ``?`` or bracket.

    Bad:
        ? [P1, P2]
        : {response: 1h}

    Good:
        P1: {response: 1h}
        P2: {response: 1h}
    """)

LINK_OUTSIDE = declare("SLA011", "link-outside-tree", Severity.WARNING, """
    A symbolic link points outside the paths being checked; it was not followed.

    Why: the linter checks only the tree it is given, so a link elsewhere (or a loop of
    links) cannot smuggle other files into the check or make it read forever.

    Bad:
        departments/hr.yaml -> /etc/hr.yaml

    Good:
        departments/hr.yaml      (a file inside the policy repo)
    """)
