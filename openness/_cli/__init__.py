"""The command line: commands, model inputs, the CI gate, output formats (SARIF, JUnit), progress.

Also what ``openness licence TEXT`` prints about a licence string.
"""
