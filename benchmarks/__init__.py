"""Benchmarks and accuracy measurements (run by hand; reported in issue notes)."""
