"""``sla-lint init``: a commented starter Department file that lints clean as written.

The targets fit the policy repo the file is written into (:mod:`sla_lint.repo_policy`:
its ladder, its limits, on its default calendar); outside a repo they are business
durations that fit every rule on any calendar. The scope item is derived from the
department's name so that it overlaps no other department's, and every optional key is
shown commented out. The modeline points at the repo's ``schemas/`` copy of the schema,
relative to where the file is written.
"""

from __future__ import annotations

import json
import os
import re
import textwrap

import yaml

from sla_lint.repo_policy import DEFAULT, Fitted
from sla_lint.schema import SCHEMA_FILE, schema

SCHEMA_DIR = "schemas"
DEFAULT_SCHEMA_REF = f"../{SCHEMA_DIR}/{SCHEMA_FILE}"  # departments/x.yaml -> schemas/
MAX_TITLE = 120
# Words a department name abbreviates, written in capitals in its default title.
ACRONYMS = frozenset({"it", "hr", "qa", "qc", "pr", "ai", "ui", "ux", "hq", "ehs", "hse",
                      "erp", "crm", "sre", "r&d", "rnd", "ceo", "cfo", "cto", "coo", "cio",
                      "ops", "bi", "eu", "us", "uk", "emea", "apac", "noc", "soc"})
ACRONYM_SPELLING = {"ops": "Ops", "rnd": "R&D"}
SMALL_WORDS = frozenset({"and", "of", "the", "for", "to", "in", "on", "at", "a", "an", "or"})

_TEMPLATE = """\
# yaml-language-server: $schema={schema_ref}
#
# {title}
#
# A starter Department written by `sla-lint init`. Replace the placeholders
# (owner, lead, contacts, scope, targets), delete the comments you no longer
# need, and run `sla-lint check` before you commit.
apiVersion: sla-lint/v1           # always exactly this
kind: Department                  # one department per file
metadata:
  # Lower-case letters, digits and dashes, starting with a letter. Other files
  # refer to your services as "{name}/<service name>", so renaming the
  # department breaks their references.
  name: {name}
  title: {title_yaml}
  # The team that must approve changes to this file, CODEOWNERS style
  # (`sla-lint codeowners` writes the CODEOWNERS file from it). Keep the
  # quotes: YAML cannot read a plain value that starts with "@".
  owner: "@your-org/{name}-leads"
spec:
  # What you do, in a sentence for the published catalogue (`sla-lint site`).
  # description: "..."
  lead: "Your Name <your.name@example.com>"

  # How other departments reach you, one entry per channel (ticket, chat,
  # email, phone).
  contacts:
    - {{channel: email, address: "{name}@example.com"}}

  # The business hours your services work to: the name of a Calendar
  # document, or "24x7" (always open). Without it, the policy's
  # default_calendar applies: {default_calendar}.
{calendar_list}  # calendar: {calendar_example}

  # Who is told when a request is still open after this long, in order. Each
  # step must come before the fastest resolution you promise (the first
  # priority below).
  # escalation:
  #   - {{after: 4bh, contact: "{name}-manager@example.com"}}

  services:
    - name: general-requests
      title: General requests
      # Other words people type when they look for this service (optional):
      # also_known_as: [help, questions]
      # Who may ask: department names, "*" for every department, "external"
      # for customers outside the company.
      customers: ["*"]
      scope:
        # What this service does, as short noun phrases. An item may belong to
        # only one department in the whole company.
        includes:
          - {item}
        # What people ask you for that another service does, and where to send
        # them instead ("department/service"; it must include the item):
        # excludes:
        #   - item: office furniture
        #     redirect: facilities/workplace-services
      # One entry per priority of the policy's ladder ({ladder}), each within
      # the policy's limits; the policy's priority_descriptions say what each means.
      #   response:   first reply from a person
      #   resolution: the request is done
      # "bh" is a business hour and "bd" a business day of your calendar; "h"
      # and "d" count nights and weekends too. Promise only what you can keep.
      targets:
{targets}
      # The services this one waits on; the resolution of a blocking
      # dependency must always come before yours.
      # depends_on:
      #   - service: procurement/purchase-orders
      #     for: [catalogue orders]
"""


def name_problem(name: str) -> str | None:
    """Why ``name`` cannot be a department name, or None when it can."""
    definition = schema()["definitions"]["name"]
    if re.match(definition["pattern"], name):
        return None
    return f"{name!r} is not a valid name: {definition['patternErrorMessage']}"


def title_problem(title: str) -> str | None:
    """Why ``title`` cannot be a title, or None when it can."""
    if not title.strip():
        return "the title is empty"
    if len(title) > MAX_TITLE:
        return f"the title is longer than {MAX_TITLE} characters"
    if any(ord(c) < 32 or ord(c) == 127 for c in title):
        return "the title must be one line of text, without control characters"
    return None


def default_title(name: str) -> str:
    """A department's human name from its name: ``it-service-desk`` -> ``IT Service Desk``."""
    words = name.split("-")
    return " ".join(_title_word(word, first=i == 0) for i, word in enumerate(words))


def _title_word(word: str, first: bool) -> str:
    if word in ACRONYMS:
        return ACRONYM_SPELLING.get(word, word.upper())
    if word in SMALL_WORDS and not first:
        return word
    return word[:1].upper() + word[1:]


def starter(name: str, title: str | None = None, schema_ref: str = DEFAULT_SCHEMA_REF,
            fitted: Fitted = DEFAULT) -> str:
    """The starter Department file for ``name``; it passes every rule as written.

    ``fitted`` gives the ladder, targets and calendars of the repo the file goes in.
    """
    shown = (title or default_title(name)).strip()
    ladder = [p for p, _, _ in fitted.targets]
    return _TEMPLATE.format(
        name=name, title=shown, title_yaml=json.dumps(shown, ensure_ascii=False),
        item=f"{name.replace('-', ' ')} requests", schema_ref=schema_ref,
        calendar_list=_calendar_list(fitted.calendars),
        default_calendar=fitted.calendar,
        calendar_example=(fitted.calendars or ("24x7",))[0],
        ladder=", ".join(ladder),
        targets="\n".join(f"        {_key(p)}: {{response: {r}, resolution: {s}}}"
                          for p, r, s in fitted.targets))


def _calendar_list(calendars: tuple[str, ...]) -> str:
    """Comment lines naming the repo's calendars ("" when it has none)."""
    if not calendars:
        return ""
    return textwrap.fill(f"Calendars in this repo: {', '.join(calendars)}.", width=78,
                         initial_indent="  # ", subsequent_indent="  # ",
                         break_on_hyphens=False) + "\n"


def _key(priority: str) -> str:
    """A priority as a YAML key that reads back as the same text (``"no"`` quoted)."""
    try:
        plain = yaml.safe_load(f"{priority}: x") == {priority: "x"}
    except yaml.YAMLError:
        plain = False
    return priority if plain and re.fullmatch(r"[A-Za-z0-9_-]+", priority) else json.dumps(
        priority, ensure_ascii=False)


def schema_ref(output: str, root: str | None = None) -> str:
    """The modeline's schema path for a file written at ``output``.

    The nearest ``schemas/sla-lint-v1.schema.json`` at or above the file's folder, as a
    relative path; else where ``sla-lint schema`` would put it: ``schemas/`` in the
    repo's ``root`` (or the current folder), relative to the file's folder.
    """
    folder = os.path.dirname(os.path.abspath(output))
    directory = folder
    while True:
        candidate = os.path.join(directory, SCHEMA_DIR, SCHEMA_FILE)
        if os.path.isfile(candidate):
            return os.path.relpath(candidate, folder).replace(os.sep, "/")
        parent = os.path.dirname(directory)
        if parent == directory:
            break
        directory = parent
    home = os.path.join(os.path.abspath(root or os.getcwd()), SCHEMA_DIR, SCHEMA_FILE)
    try:
        return os.path.relpath(home, folder).replace(os.sep, "/")
    except ValueError:  # another drive, on Windows
        return DEFAULT_SCHEMA_REF
