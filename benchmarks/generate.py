"""A deterministic generator of synthetic policy repos for the benchmark.

``generate(root, services)`` writes a repo of ``services`` services (10 per department,
one department per file) that looks like a real company's: offices in several time zones
with their 2027 holidays, a 24x7 platform tier, services in tiers where each tier waits
on the faster tiers below it (blocking dependencies with realistic fan-out, some
non-blocking ones, some priority mappings), scope exclusions that redirect to the
service that handles the item, escalation steps, a comment line per service and per
dependency (the example repo's files carry more: 860 to 1,800 bytes per service, where
these have about 880), and a policy with limits, ``min_slack``,
``max_dependency_depth`` and a ``horizon``. The same arguments always give byte-identical
files. The repo lints clean, so the benchmark measures the normal path; every rule family
(2xx to 5xx, feasibility included) still has work to do on it.

Run ``python -m benchmarks.generate DIR SERVICES`` to write one.
"""

from __future__ import annotations

import random
import sys
from dataclasses import dataclass, field
from pathlib import Path

from benchmarks.workloads import calendar_yaml

SERVICES_PER_DEPARTMENT = 10
PRIORITIES = ("P1", "P2", "P3", "P4")

# name, time zone, working hours (mon..sun), 2027 holidays
CALENDARS: tuple[tuple[str, str, tuple[tuple[str, ...], ...], tuple[str, ...]], ...] = (
    ("london-office", "Europe/London",
     (("09:00-17:30",),) * 4 + (("09:00-13:00", "14:00-17:00"), (), ()),
     ("2027-01-01", "2027-03-26", "2027-03-29", "2027-05-03", "2027-05-31", "2027-08-30",
      "2027-12-27", "2027-12-28")),
    ("new-york-office", "America/New_York", (("08:30-17:00",),) * 5 + ((), ()),
     ("2027-01-01", "2027-01-18", "2027-02-15", "2027-05-31", "2027-06-18", "2027-07-05",
      "2027-09-06", "2027-11-25", "2027-12-24", "2027-12-31")),
    ("pune-office", "Asia/Kolkata", (("09:30-18:00",),) * 5 + (("10:00-14:00",), ()),
     ("2027-01-26", "2027-03-26", "2027-04-14", "2027-10-29", "2027-11-01")),
    ("sydney-office", "Australia/Sydney", (("08:30-17:00",),) * 5 + ((), ()),
     ("2027-01-01", "2027-01-26", "2027-03-26", "2027-03-29", "2027-04-26", "2027-06-14",
      "2027-10-04", "2027-12-27", "2027-12-28")),
    ("berlin-office", "Europe/Berlin", (("08:00-12:00", "12:30-16:30"),) * 5 + ((), ()),
     ("2027-01-01", "2027-03-26", "2027-03-29", "2027-05-06", "2027-05-17", "2027-10-03",
      "2027-12-24", "2027-12-31")),
    ("sheffield-plant", "Europe/London", (("06:00-14:00", "14:00-22:00"),) * 6 + ((),),
     ("2027-01-01", "2027-12-27", "2027-12-28")),
)
WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
ALWAYS_OPEN = "24x7"

# Each tier waits only on lower tiers; each priority's resolution grows about three-fold
# per tier, so that every promise can be kept across time zones and holidays with slack.
# A variant is (response, resolution) for P1..P4; variants mix compact and long forms.
Variant = tuple[tuple[str, str], ...]
TIERS: tuple[tuple[Variant, ...], ...] = (
    (  # 0: platform and on-call teams, elapsed time
        (("15m", "2h"), ("30m", "4h"), ("2h", "8h"), ("4h", "1d")),
        (("10m", "1h"), ("30m", "6h"), ("1h", "12h"), ("8h", "2d")),
        (("15 minutes", "3 hours"), ("1h", "8h"), ("4h", "1d"), ("1d", "2d")),
        (("PT10M", "PT2H"), ("30m", "4h"), ("2h", "12h"), ("4h", "36h")),
    ),
    (  # 1: shared services
        (("30m", "8h"), ("1bh", "2bd"), ("2bh", "3bd"), ("4bh", "5bd")),
        (("1h", "12h"), ("2bh", "2bd"), ("4bh", "4bd"), ("1bd", "6bd")),
        (("30m", "1d"), ("1bh", "3bd"), ("1bd", "5 business days"), ("2bd", "8bd")),
        (("1h", "16h"), ("2bh", "16bh"), ("4bh", "4bd"), ("1bd", "7bd")),
    ),
    (  # 2: departments serving the business
        (("1bh", "3bd"), ("2bh", "10bd"), ("4bh", "15bd"), ("1bd", "20bd")),
        (("1bh", "4bd"), ("4bh", "12bd"), ("1bd", "16bd"), ("2bd", "25bd")),
        (("2bh", "3bd"), ("4bh", "10bd"), ("1bd", "14bd"), ("2bd", "22bd")),
    ),
    (  # 3: front office and projects
        (("2bh", "12bd"), ("1bd", "30bd"), ("2bd", "45bd"), ("3bd", "60bd")),
        (("4bh", "10bd"), ("1bd", "35bd"), ("2bd", "50bd"), ("5bd", "65bd")),
    ),
)
# A tier-2 service that waits on a colleague of the same department (same calendar) with
# only about 1.5 times its time: close enough that the bounds cannot settle the pair and
# the exact comparison runs, as it does for the tight spots of a real repo.
TIGHT = (("1bh", "5bd"), ("2bh", "15bd"), ("4bh", "22bd"), ("1bd", "30bd"))
TIER_SHARES = (0.15, 0.35, 0.3, 0.2)
FAN_OUT = (0, 1, 1, 2, 2, 2, 3, 4)

AREAS = ("finance", "people", "it", "facilities", "legal", "logistics", "sales", "marketing",
         "research", "quality", "plant", "customer-care", "security", "data", "travel")
SERVICE_NAMES = ("requests", "approvals", "reports", "access", "orders", "changes",
                 "incidents", "reviews", "onboarding", "planning")
NOUNS = ("badge", "invoice", "laptop", "contract", "pallet", "payslip", "license", "desk",
         "audit", "shipment", "dashboard", "visa", "campaign", "sample", "vendor")
ACTIONS = ("renewals", "requests", "corrections", "exports", "approvals", "reviews")


@dataclass
class Svc:
    """A generated service, before it is written."""

    dept: int
    index: int
    name: str
    tier: int
    variant: Variant
    calendar: str
    includes: list[str]
    excludes: list[tuple[str, Svc]] = field(default_factory=list)
    depends: list[tuple[Svc, list[str], bool, str]] = field(default_factory=list)
    customers: list[str] = field(default_factory=list)

    def ref(self, names: list[str]) -> str:
        """``department/service``."""
        return f"{names[self.dept]}/{self.name}"


def department_names(count: int) -> list[str]:
    """Unique, stable department names: ``<area>-<number>``."""
    return [f"{AREAS[i % len(AREAS)]}-{i // len(AREAS) + 1:03d}" for i in range(count)]


def _tier_of(rng: random.Random) -> int:
    pick, total = rng.random(), 0.0
    for tier, share in enumerate(TIER_SHARES):
        total += share
        if pick < total:
            return tier
    return len(TIER_SHARES) - 1


def _calendar_for(rng: random.Random, tier: int) -> str:
    if tier == 0 and rng.random() < 0.6:
        return ALWAYS_OPEN
    return CALENDARS[rng.randrange(len(CALENDARS))][0]


def _make_services(rng: random.Random, departments: int) -> list[list[Svc]]:
    result = []
    for d in range(departments):
        tier = 0 if d == 0 else _tier_of(rng)
        calendar = _calendar_for(rng, tier)
        variants = TIERS[tier]
        services = []
        for k in range(SERVICES_PER_DEPARTMENT):
            items = [f"{NOUNS[(d + k + j) % len(NOUNS)]} {ACTIONS[j % len(ACTIONS)]} d{d}s{k}"
                     for j in range(rng.randint(3, 5))]
            services.append(Svc(d, k, SERVICE_NAMES[k], tier,
                                variants[rng.randrange(len(variants))], calendar, items))
        if tier == 2 and services[8].variant is variants[0]:
            services[9].variant = TIGHT
            services[9].depends.append((services[8], services[8].includes[:1], True, ""))
        result.append(services)
    return result


def _pick_providers(rng: random.Random, svc: Svc, by_tier: list[list[Svc]]) -> list[Svc]:
    lower = [s for t in range(svc.tier) for s in by_tier[t]] if svc.tier else []
    if not lower:
        return []
    wanted = min(FAN_OUT[rng.randrange(len(FAN_OUT))], len(lower))
    picked: dict[int, Svc] = {}
    for _ in range(wanted * 3):
        near = by_tier[svc.tier - 1] if by_tier[svc.tier - 1] and rng.random() < 0.7 else lower
        cand = near[rng.randrange(len(near))]
        if (cand.dept != svc.dept and cand.variant is not TIGHT
                and all(cand is not p for p, *_ in svc.depends)):
            picked.setdefault(id(cand), cand)
        if len(picked) == wanted:
            break
    return list(picked.values())


def _mapping(rng: random.Random, svc: Svc, provider: Svc) -> str:
    roll = rng.random()
    if roll < 0.08:
        return "{P4: P3}"
    if roll < 0.14 and svc.tier - provider.tier >= 2:
        return "{P1: P2}"
    return ""


def _wire(rng: random.Random, depts: list[list[Svc]]) -> None:
    """Dependencies (blocking down the tiers, a few non-blocking anywhere) and exclusions."""
    by_tier: list[list[Svc]] = [[] for _ in TIERS]
    for services in depts:
        for svc in services:
            by_tier[svc.tier].append(svc)
    everyone = [s for services in depts for s in services]
    for svc in everyone:
        for provider in _pick_providers(rng, svc, by_tier):
            wanted = provider.includes[: rng.randint(1, 2)]
            svc.depends.append((provider, wanted, True, _mapping(rng, svc, provider)))
        if rng.random() < 0.1:
            other = everyone[rng.randrange(len(everyone))]
            if (other.dept != svc.dept and other.variant is not TIGHT
                    and all(p is not other for p, *_ in svc.depends)):
                svc.depends.append((other, other.includes[-1:], False, ""))
        if rng.random() < 0.3:
            other = everyone[rng.randrange(len(everyone))]
            if other.dept != svc.dept:
                svc.excludes.append((other.includes[0], other))


def _customers(rng: random.Random, depts: list[list[Svc]], names: list[str]) -> None:
    askers: dict[int, set[str]] = {}
    for services in depts:
        for svc in services:
            for provider, *_ in svc.depends:
                askers.setdefault(id(provider), set()).add(names[svc.dept])
    for services in depts:
        for svc in services:
            if rng.random() < 0.2:
                own = {names[svc.dept], *askers.get(id(svc), set())}
                svc.customers = sorted(own) + (["external"] if rng.random() < 0.3 else [])
            else:
                svc.customers = ["*"]


def _q(text: str) -> str:
    return f'"{text}"' if text[:1].isdigit() or text == "*" else text


def _service_yaml(svc: Svc, names: list[str]) -> list[str]:
    lines = [f"    # {svc.name.title()}: {svc.includes[0]} and related requests from"
             f" {'anyone' if svc.customers == ['*'] else 'the listed departments'}.",
             f"    - name: {svc.name}",
             f"      title: {names[svc.dept].replace('-', ' ').title()} {svc.name}",
             f"      customers: [{', '.join(_q(c) for c in svc.customers)}]",
             "      scope:",
             f"        includes: [{', '.join(svc.includes)}]"]
    if svc.excludes:
        lines.append("        excludes:")
        for item, target in svc.excludes:
            lines += [f"          - item: {item}",
                      f"            redirect: {target.ref(names)}"]
    lines.append("      targets:")
    for priority, (response, resolution) in zip(PRIORITIES, svc.variant, strict=True):
        lines.append(f"        {priority}: {{response: {response}, resolution: {resolution}}}")
    if svc.depends:
        lines.append("      depends_on:")
    for provider, wanted, blocking, mapping in svc.depends:
        lines += [f"        # We need {wanted[0]} from {names[provider.dept]} to finish.",
                  f"        - service: {provider.ref(names)}",
                  f"          for: [{', '.join(wanted)}]"]
        if not blocking:
            lines.append("          blocking: false   # we can resolve without them")
        if mapping:
            lines.append(f"          priority: {mapping}")
    return lines


def _department_yaml(services: list[Svc], names: list[str], rng: random.Random) -> str:
    first = services[0]
    name = names[first.dept]
    steps = (("1h", "2h") if first.tier == 0 else ("2bh", "4bh") if first.tier < 3
             else ("1bd", "2bd"))
    lines = [
        "# yaml-language-server: $schema=../../schemas/sla-lint-v1.schema.json",
        f"# Generated department {first.dept} (tier {first.tier}).",
        "apiVersion: sla-lint/v1",
        "kind: Department",
        "metadata:",
        f"  name: {name}",
        f"  title: {name.replace('-', ' ').title()}",
        f'  owner: "@acme/{name}-leads"',
        "spec:",
        f'  lead: "Lead {first.dept} <lead{first.dept}@acme.example>"',
        "  contacts:",
        f'    - {{channel: ticket, address: "https://help.acme.example/{name}"}}',
        f'    - {{channel: chat, address: "#{name}"}}',
        f"  calendar: {_q(first.calendar)}",
        "  escalation:",
        f'    - {{after: {steps[0]}, contact: "duty-{name}@acme.example"}}',
        f'    - {{after: {steps[1]}, contact: "head-{name}@acme.example"}}',
        "  services:",
    ]
    for svc in services:
        lines += _service_yaml(svc, names)
    del rng
    return "\n".join(lines) + "\n"


POLICY = """\
# The company policy: the ladder, the slowest promises allowed, and the thresholds.
apiVersion: sla-lint/v1
kind: Policy
metadata:
  name: acme
spec:
  priorities: [P1, P2, P3, P4]
  default_calendar: london-office
  limits:
    P1: {response: 4bh, resolution: 15bd}
    P2: {response: 1bd, resolution: 40bd}
    P4: {resolution: 70bd}
  min_slack: 10%
  max_dependency_depth: 4
  horizon: 2027
"""

PRE_COMMIT = """\
# Not an sla-lint document: skipped silently.
repos:
  - repo: local
    hooks:
      - {id: sla-lint, name: sla-lint, entry: sla-lint check, language: system}
"""


WORKLOAD = "benchmark"  # this module's own shape; the others are in benchmarks.workloads


def workloads() -> tuple[str, ...]:
    """The names of every repo shape :func:`build` can write, this module's first."""
    from benchmarks.workloads import WORKLOADS

    return (WORKLOAD, *WORKLOADS)


def build(services: int, seed: int = 7, workload: str = WORKLOAD) -> dict[str, str]:
    """The repo's files, relative path -> text, for ``services`` services of a workload."""
    if workload != WORKLOAD:
        from benchmarks.workloads import WORKLOADS

        return WORKLOADS[workload](services, seed)
    rng = random.Random(seed)
    count = max(1, -(-services // SERVICES_PER_DEPARTMENT))
    names = department_names(count)
    depts = _make_services(rng, count)
    _wire(rng, depts)
    _customers(rng, depts, names)
    files = {"policy.yaml": POLICY, ".pre-commit-config.yaml": PRE_COMMIT}
    for name, zone, hours, holidays in CALENDARS:
        files[f"calendars/{name}.yaml"] = calendar_yaml(name, zone, hours, holidays)
    for services_of in depts:
        name = names[services_of[0].dept]
        area = name.rsplit("-", 1)[0]
        files[f"departments/{area}/{name}.yaml"] = _department_yaml(services_of, names, rng)
    return files


def generate(root: Path, services: int, seed: int = 7, workload: str = WORKLOAD) -> int:
    """Write the repo under ``root`` (created if needed); return the number of files."""
    files = build(services, seed, workload)
    for rel, text in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return len(files)


def main(argv: list[str]) -> int:
    """``python -m benchmarks.generate DIR SERVICES [SEED] [--workload NAME]``."""
    workload = WORKLOAD
    if len(argv) >= 2 and argv[-2] == "--workload":
        workload, argv = argv[-1], argv[:-2]
    if len(argv) not in (2, 3) or workload not in workloads():
        print("usage: python -m benchmarks.generate DIR SERVICES [SEED] [--workload NAME]"
              f"\nworkloads: {', '.join(workloads())}", file=sys.stderr)
        return 2
    seed = int(argv[2]) if len(argv) == 3 else 7
    written = generate(Path(argv[0]), int(argv[1]), seed, workload)
    print(f"wrote {written} files for {argv[1]} services under {argv[0]}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
