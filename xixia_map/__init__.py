"""Xixia Map (西峡项目地图): an offline project map viewer for Xixia County planners."""

import logging

__version__ = "0.1.0"

# The package logs under "xixia_map" (data/log.py gives it its file at start);
# imported as a library, it stays quiet rather than print through logging's
# last-resort handler.
logging.getLogger(__name__).addHandler(logging.NullHandler())
