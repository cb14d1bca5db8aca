"""The rubric language at work: conditions compiled into checks, and the rubric linter."""
