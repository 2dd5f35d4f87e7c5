"""Export: map snapshots (PNG, PDF report, offline HTML) and data files."""
