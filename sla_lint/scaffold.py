"""``sla-lint init``: a commented starter Department file that lints clean as written.

The targets are business durations that fit every rule on any calendar (each response
before its resolution, each priority no slower than the next, within the example
policy's limits), the scope item is derived from the department's name so that it
overlaps no other department's, and every optional key is shown commented out.
"""

from __future__ import annotations

import json
import os
import re

from sla_lint.schema import SCHEMA_FILE, schema

SCHEMA_DIR = "schemas"
DEFAULT_SCHEMA_REF = f"../{SCHEMA_DIR}/{SCHEMA_FILE}"  # departments/x.yaml -> schemas/
MAX_TITLE = 120

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
  # default_calendar applies.
  # calendar: london-office

  # Who is told when a request is still open after this long, in order. Each
  # step must come before the fastest resolution you promise (P1 below).
  # escalation:
  #   - {{after: 4bh, contact: "{name}-manager@example.com"}}

  services:
    - name: general-requests
      title: General requests
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
      # One entry per priority of the policy's ladder (P1 to P4 by default);
      # the policy's priority_descriptions say what each one means.
      #   response:   first reply from a person
      #   resolution: the request is done
      # "bh" is a business hour and "bd" a business day of your calendar; "h"
      # and "d" count nights and weekends too. Promise only what you can keep.
      targets:
        P1: {{response: 1bh, resolution: 1bd}}
        P2: {{response: 4bh, resolution: 3bd}}
        P3: {{response: 1bd, resolution: 5bd}}
        P4: {{response: 2bd, resolution: 10bd}}
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
    """``it-service-desk`` -> ``It service desk``."""
    return name.replace("-", " ").capitalize()


def starter(name: str, title: str | None = None, schema_ref: str = DEFAULT_SCHEMA_REF) -> str:
    """The starter Department file for ``name``; it passes every rule as written."""
    shown = (title or default_title(name)).strip()
    return _TEMPLATE.format(
        name=name, title=shown, title_yaml=json.dumps(shown, ensure_ascii=False),
        item=f"{name.replace('-', ' ')} requests", schema_ref=schema_ref)


def schema_ref(output: str) -> str:
    """The modeline's schema path for a file written at ``output``.

    The nearest ``schemas/sla-lint-v1.schema.json`` at or above the file's folder, as a
    relative path; the default (``../schemas/...``, for ``departments/x.yaml``) otherwise.
    """
    folder = os.path.dirname(os.path.abspath(output))
    directory = folder
    while True:
        candidate = os.path.join(directory, SCHEMA_DIR, SCHEMA_FILE)
        if os.path.isfile(candidate):
            return os.path.relpath(candidate, folder).replace(os.sep, "/")
        parent = os.path.dirname(directory)
        if parent == directory:
            return DEFAULT_SCHEMA_REF
        directory = parent
