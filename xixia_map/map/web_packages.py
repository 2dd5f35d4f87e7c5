"""Leaflet plugins from npm, fetched at install time (installer/dev.sh) and
served locally like Leaflet itself: the page never names a CDN, and no
third-party code is copied into this tree.

The tarball comes through npm itself (`npm pack`, from whatever registry npm
is configured for), pinned by version, and is checked against the sha512
integrity the registry published for that version, so what lands on disk is
exactly the published files; only the files listed here are extracted.
`python -m xixia_map.map.web_packages` installs what is missing and returns at
once when all is there.
"""
from __future__ import annotations

import base64
import hashlib
import io
import os
import sys
import shutil
import subprocess
import tarfile
import tempfile
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class WebPackage:
    name: str  # the npm name
    version: str
    integrity: str  # sha512, as the registry publishes it
    files: dict[str, str]  # asset name under the package -> path inside the tarball

    @property
    def spec(self) -> str:
        return f"{self.name}@{self.version}"

    @property
    def folder(self) -> Path:
        return web_packages_dir() / f"{self.name.replace('/', '+')}-{self.version}"


# Leaflet-Geoman: drawing and vertex editing (drag, add, delete vertices) of the
# register's 红线 polygons, as QGIS's vertex tool. Its dist bundle carries its
# own dependencies (turf, lodash), so one file serves.
GEOMAN = WebPackage(
    name="@geoman-io/leaflet-geoman-free", version="2.20.2",
    integrity="sha512-KQpSe0VKyuVCudq/08rMjJW1vvIwFldTwBny2wZ7ABcyyUAP7/eoFo967hCu9yRqAAHb4QOxC6gY5dGqttY68g==",
    files={"leaflet-geoman.js": "package/dist/leaflet-geoman.min.js",
           "leaflet-geoman.css": "package/dist/leaflet-geoman.css",
           "LICENSE": "package/LICENSE"})

PACKAGES = (GEOMAN,)


def web_packages_dir() -> Path:
    """Beside the venv's other data (sys.prefix/share), or XIXIA_WEB_PACKAGES."""
    return Path(os.environ.get("XIXIA_WEB_PACKAGES") or Path(sys.prefix) / "share" / "xixia-map" / "web")


def installed(package: WebPackage) -> bool:
    return all((package.folder / name).is_file() for name in package.files)


def _verified(data: bytes, integrity: str) -> bool:
    algorithm, _, digest = integrity.partition("-")
    return base64.b64encode(hashlib.new(algorithm, data).digest()).decode() == digest


def _pack(package: WebPackage, timeout: float) -> bytes:
    npm = shutil.which("npm")
    if npm is None:
        raise RuntimeError("npm is not installed (Debian: apt-get install npm)")
    with tempfile.TemporaryDirectory(prefix="xixia-npm-") as folder:
        done = subprocess.run([npm, "pack", "--silent", package.spec], cwd=folder, capture_output=True,
                              text=True, timeout=timeout)
        tarballs = list(Path(folder).glob("*.tgz"))
        if done.returncode != 0 or len(tarballs) != 1:
            raise RuntimeError(f"npm pack {package.spec} failed: {done.stderr.strip()[-300:]}")
        return tarballs[0].read_bytes()


def install(package: WebPackage, timeout: float = 180) -> None:
    from ..data.atomic_write import atomic_path

    if installed(package):
        return
    data = _pack(package, timeout)
    if not _verified(data, package.integrity):
        raise RuntimeError(f"{package.spec}: the tarball does not match its pinned sha512")
    package.folder.mkdir(parents=True, exist_ok=True)
    with tarfile.open(fileobj=io.BytesIO(data), mode="r:gz") as archive:
        for name, member in package.files.items():
            source = archive.extractfile(member)
            if source is None:
                raise RuntimeError(f"{package.spec}: {member} missing from the tarball")
            with atomic_path(package.folder / name) as tmp:
                tmp.write_bytes(source.read())


def main() -> int:
    for package in PACKAGES:
        try:
            install(package)
        except (OSError, RuntimeError, subprocess.TimeoutExpired) as exc:
            print(f"[xixia-map] could not fetch {package.name} {package.version}: {exc}; "
                  "drawing 红线 polygons needs it", file=sys.stderr)
            return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
