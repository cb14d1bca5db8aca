"""The data classes: descriptors, rubrics and their condition syntax, reports, and how each one shows itself."""
