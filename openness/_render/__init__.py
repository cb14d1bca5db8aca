"""Views of many reports: comparisons, leaderboards and DataFrames."""
