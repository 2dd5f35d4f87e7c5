"""What every test shares: its own cache, log and settings, no database
credentials from the developer's environment, the bundled catalog, and a real
PostGIS server for the tests that ask. Qt's setup is tests/gui/conftest.py's;
tests/unit runs without Qt.

Helpers (tests/helpers) are on the path through pyproject's `pythonpath`.
"""
import os
import tempfile

import pytest

# The page skeleton cache (map/page_skeleton.py) goes to a fresh folder, not the user's.
os.environ["XIXIA_MAP_CACHE"] = tempfile.mkdtemp(prefix="xixia-cache-")
# The log (data/log.py) too, for the CLI run in-process and in child processes.
os.environ["XIXIA_MAP_LOG_DIR"] = tempfile.mkdtemp(prefix="xixia-log-")

# log_errors: a test fails on an error the app logs that it did not expect.
pytest_plugins = ("log_errors", "pytester")

_PG_ENVIRONMENT = ("PGPASSWORD", "PGHOST", "PGPORT", "PGUSER", "PGDATABASE", "PGSERVICE", "PGSERVICEFILE")


@pytest.fixture(autouse=True)
def isolated_settings(tmp_path, monkeypatch):
    """Each test's own settings file (never the developer's QSettings) and no
    PostgreSQL credentials but those a test gives: a project's connection must
    not reach a server through the environment."""
    path = tmp_path / "settings.ini"
    monkeypatch.setenv("XIXIA_SETTINGS", str(path))
    for name in _PG_ENVIRONMENT:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("PGPASSFILE", str(tmp_path / "no-pgpass"))
    return path


@pytest.fixture(scope="session")
def catalog():
    from xixia_map.data.catalog import load_catalog
    from xixia_map.paths import CATALOG_PATH

    return load_catalog(CATALOG_PATH)


@pytest.fixture
def bundled_layers(catalog):
    from xixia_map.data.layers import LayerList

    return LayerList.from_catalog(catalog)


@pytest.fixture
def memory_keyring():
    """The desktop's secret store, in memory for the test (there is none headless)."""
    import keyring
    from keyring.backend import KeyringBackend

    class MemoryKeyring(KeyringBackend):  # the desktop's secret store stands in: there is none headless
        priority = 1

        def __init__(self):
            super().__init__()
            self.saved = {}

        def get_password(self, service_name, username):
            return self.saved.get((service_name, username))

        def set_password(self, service_name, username, password):
            self.saved[(service_name, username)] = password

        def delete_password(self, service_name, username):
            self.saved.pop((service_name, username), None)

    previous = keyring.get_keyring()
    store = MemoryKeyring()
    keyring.set_keyring(store)
    yield store
    keyring.set_keyring(previous)


@pytest.fixture(scope="session")
def postgis():
    """A real PostgreSQL + PostGIS server on loopback (tests/helpers/postgis_server.py),
    started for the first test that asks and stopped at the end of the session."""
    import postgis_server

    if postgis_server.bin_dir() is None and os.environ.get("CI"):
        pytest.fail("PostgreSQL is not installed: bash installer/dev.sh test installs it")
    if postgis_server.bin_dir() is None:
        pytest.skip("PostgreSQL is not installed here (bash installer/dev.sh test installs it)")
    server = postgis_server.start()
    yield server
    server.stop()


def pytest_sessionfinish(session, exitstatus):
    import shutil

    shutil.rmtree(os.environ["XIXIA_MAP_CACHE"], ignore_errors=True)
    shutil.rmtree(os.environ["XIXIA_MAP_LOG_DIR"], ignore_errors=True)
