"""Scoring: the compiled evaluator, the report texts, batch scoring and rubric diffs."""
