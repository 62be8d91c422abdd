"""Benchmarks of sla-lint: a synthetic policy-repo generator and the budget runner."""
