"""Copy the licence files of every installed distribution the bundle ships."""
import sys
from importlib import metadata
from pathlib import Path

BUNDLED = ["PySide6", "PySide6_Essentials", "PySide6_Addons", "shiboken6", "folium", "branca", "XStatic-Leaflet",
           "geopandas", "shapely", "pyogrio", "pyproj", "pandas", "numpy", "pypinyin", "pmtiles", "mercantile",
           "pillow", "openpyxl", "jinja2", "MarkupSafe", "requests", "python-dateutil", "pytz", "tzdata", "certifi"]


def main(out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    lines = []
    for name in BUNDLED:
        try:
            dist = metadata.distribution(name)
        except metadata.PackageNotFoundError:
            continue
        licence = dist.metadata.get("License-Expression") or dist.metadata.get("License") or "see files"
        lines.append(f"{dist.metadata['Name']} {dist.version}: {licence.splitlines()[0][:80]}")
        for file in dist.files or []:
            if any(key in file.name.upper() for key in ("LICENSE", "LICENCE", "COPYING", "NOTICE")):
                target = out / f"{dist.metadata['Name']}-{file.name}"
                target.write_bytes(Path(dist.locate_file(file)).read_bytes())
    (out / "SUMMARY.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"licences: {len(lines)} packages -> {out}")


if __name__ == "__main__":
    main(Path(sys.argv[1]))
