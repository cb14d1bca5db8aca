"""The rubric language at work: conditions compiled into checks, the rubric linter, the "more open" licence order.

The order ranks licences by the answers to what a rubric can ask about a licence.
"""
