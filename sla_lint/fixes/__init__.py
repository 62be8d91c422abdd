"""Safe suggested values: the nearest promise that keeps every rule, and the fastest possible.

``relations`` lists what a service's resolution for one priority must keep (what it waits
on, who waits on it, the ladder, its response, the policy limit); ``search`` finds the
nearest round value of the lead's unit that keeps them all, or the pair that collides;
``fastest`` answers ``sla-lint fastest`` from the same pieces, and ``answers`` words it.
"""

# The rules first: they use this package (SLA408's advice), and it uses their time model.
import sla_lint.rules  # noqa: F401
