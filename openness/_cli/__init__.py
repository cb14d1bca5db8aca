"""The command line: commands, model inputs, the CI gate, output formats (SARIF, JUnit), progress."""
