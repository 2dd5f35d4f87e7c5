"""A test fails when the app logs an error it did not expect (as qutebrowser's
tests fail on an unexpected log message).

Every record at ERROR or above under the "xixia_map" logger counts: the app's
own (data/log.py), Qt's critical messages and the map page's JavaScript errors
(map/qt_log.py routes both there). A test that provokes one on purpose says so:

    @pytest.mark.expected_log_errors(r"request xixia://app/data/.* failed")

each argument a regular expression searched for in the message; with none,
any error is expected. Warnings (Qt's offscreen chatter, an absent keyring)
never fail a test. Errors logged while a test's fixtures are set up or torn
down count against it too (those logged after the previous test ended, by a
worker thread, land in the next one's setup).

A plugin of its own (tests/conftest.py loads it) so that a test can run it in
a pytest of its own (tests/test_log.py).
"""
from __future__ import annotations

import logging
import re

import pytest

MARKER = "expected_log_errors"
LOGGER = "xixia_map"
_HANDLER = pytest.StashKey["ErrorRecords"]()
_FORMAT = logging.Formatter("%(levelname)s %(name)s [%(threadName)s]: %(message)s")


class ErrorRecords(logging.Handler):
    """Every record at ERROR or above, kept until the test's report takes them."""

    def __init__(self):
        super().__init__(logging.ERROR)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:  # called under the handler's lock
        self.records.append(record)

    def take(self) -> list[logging.LogRecord]:
        self.acquire()
        try:
            taken, self.records = self.records, []
        finally:
            self.release()
        return taken


def pytest_configure(config):
    config.addinivalue_line("markers", f"{MARKER}(*patterns): the test provokes errors the app logs, each "
                                       "matching one of the regular expressions if any are given; any other "
                                       "error logged fails the test (tests/log_errors.py)")
    handler = ErrorRecords()
    logging.getLogger(LOGGER).addHandler(handler)
    config.stash[_HANDLER] = handler


def pytest_unconfigure(config):
    handler = config.stash.get(_HANDLER, None)
    if handler is not None:
        logging.getLogger(LOGGER).removeHandler(handler)


def expected(item, record: logging.LogRecord) -> bool:
    marker = item.get_closest_marker(MARKER)
    if marker is None:
        return False
    message = record.getMessage()
    return not marker.args or any(re.search(pattern, message) for pattern in marker.args)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    report = yield
    handler = item.config.stash.get(_HANDLER, None)
    if handler is None:
        return report
    unexpected = [record for record in handler.take() if not expected(item, record)]
    if not unexpected:
        return report
    text = "\n".join(_FORMAT.format(record) for record in unexpected)
    if report.passed:
        report.outcome = "failed"
        report.longrepr = (f"{len(unexpected)} unexpected error(s) logged during {call.when} (a test that "
                           f"provokes them on purpose: @pytest.mark.{MARKER}(pattern, …)):\n{text}")
    else:
        report.sections.append((f"Unexpected errors logged ({call.when})", text))
    return report
