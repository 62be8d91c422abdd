"""Named column layouts of the ticket exports of common service-desk tools.

Each preset says which column of the tool's standard CSV export holds each field, how the
tool writes times, and how its priority names map onto the policy's ladder. Times these
tools write without a UTC offset are read in the zone given with ``--timezone``.

* ``jira``: Jira Service Management's "Export CSV (all fields)" of an issue search.
  Times look like ``09/Mar/27 3:05 PM``. It has no first-response time column.
* ``zendesk``: Zendesk Support's CSV data export. Times look like ``2027-03-09 15:05:00``;
  the first response is given as ``First reply time in minutes`` after creation.
* ``servicenow``: a ServiceNow incident list exported as CSV with field names
  (``incident.do?CSV``). Times look like ``2027-03-09 15:05:10``; priorities like
  ``1 - Critical``. It has no first-response time column.
* ``freshdesk``: Freshdesk's ticket export. Times look like ``2027-03-09 15:05:10``;
  ``Initial response time`` is the first response.
"""

from __future__ import annotations

from dataclasses import dataclass

FIELDS = ("id", "service", "priority", "created", "first_response", "resolved")
ISO = "iso"


@dataclass(frozen=True)
class Preset:
    """The standard export of one tool."""

    name: str
    title: str
    columns: tuple[tuple[str, str], ...]  # (field, column header)
    time_formats: tuple[str, ...]  # strptime formats, or ISO
    priorities: tuple[tuple[str, str], ...]  # (the tool's name, casefolded, ladder name)

    def column(self, field: str) -> str | None:
        """The header of the column holding ``field``, if the export has one."""
        return dict(self.columns).get(field)


_FOUR = (("urgent", "P1"), ("high", "P2"), ("normal", "P3"), ("medium", "P3"), ("low", "P4"))

PRESETS: dict[str, Preset] = {
    "plain": Preset("plain", "sla-lint's own columns (docs/attainment.md)",
                    tuple((f, f) for f in FIELDS), (ISO,), ()),
    "jira": Preset(
        "jira", "Jira Service Management, Export CSV (all fields)",
        (("id", "Issue key"), ("service", "Component/s"), ("priority", "Priority"),
         ("created", "Created"), ("resolved", "Resolved")),
        ("%d/%b/%y %I:%M %p", "%d/%b/%y %H:%M", ISO),
        (("highest", "P1"), ("high", "P2"), ("medium", "P3"), ("low", "P4"),
         ("lowest", "P4"))),
    "zendesk": Preset(
        "zendesk", "Zendesk Support, CSV data export",
        (("id", "Id"), ("service", "Group"), ("priority", "Priority"),
         ("created", "Created at"), ("first_response_minutes", "First reply time in minutes"),
         ("resolved", "Solved at")),
        ("%Y-%m-%d %H:%M:%S %z", "%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M", ISO), _FOUR),
    "servicenow": Preset(
        "servicenow", "ServiceNow incident list, Export CSV (field names)",
        (("id", "number"), ("service", "business_service"), ("priority", "priority"),
         ("created", "opened_at"), ("resolved", "resolved_at")),
        ("%Y-%m-%d %H:%M:%S", "%d-%m-%Y %H:%M:%S", ISO),
        (("1 - critical", "P1"), ("2 - high", "P2"), ("3 - moderate", "P3"),
         ("4 - low", "P4"), ("5 - planning", "P4"))),
    "freshdesk": Preset(
        "freshdesk", "Freshdesk, ticket export",
        (("id", "Ticket ID"), ("service", "Group"), ("priority", "Priority"),
         ("created", "Created time"), ("first_response", "Initial response time"),
         ("resolved", "Resolved time")),
        ("%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M", ISO), _FOUR),
}
