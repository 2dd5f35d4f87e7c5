"""Qt widgets, kept thin: they adapt the data model and the map view."""
