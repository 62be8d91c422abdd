"""The dependency graph: built from the model with networkx, analysed, drawn and queried."""

from __future__ import annotations

from sla_lint.graph.build import Edge, build_graph, department_graph, edges

__all__ = ["Edge", "build_graph", "department_graph", "edges"]
