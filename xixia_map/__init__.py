"""Xixia Map (西峡项目地图): an offline project map viewer for Xixia County planners."""

__version__ = "0.1.0"
