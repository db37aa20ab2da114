"""Build the web page into ``src/tidings/web/static/`` so that ``pip install`` carries it.

Installs the front-end libraries exactly as ``web/package-lock.json`` pins them
(``npm ci``, from the npm registry, install scripts off) and runs ``web/build.mjs``
(esbuild bundles ``web/src`` with the libraries; the country shapes and Swagger UI are
copied). Needs Node.js >= 18 and npm. Nothing is fetched at run time: the page works
with no network.

    python tools/build_web.py [--skip-install]
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
WEB = ROOT / "web"
STATIC = ROOT / "src" / "tidings" / "web" / "static"


def _run(cmd: list[str]) -> None:
    print("$", " ".join(cmd), flush=True)
    subprocess.run(cmd, cwd=WEB, check=True)


def _needs_install() -> bool:
    marker = WEB / "node_modules" / ".package-lock.json"
    lock = WEB / "package-lock.json"
    return not marker.is_file() or marker.stat().st_mtime < lock.stat().st_mtime


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--skip-install", action="store_true",
                        help="Use web/node_modules as it is (no npm ci).")
    args = parser.parse_args(argv)
    npm = shutil.which("npm")
    if npm is None or shutil.which("node") is None:
        print("build_web: Node.js and npm are needed (Debian: apt-get install nodejs npm)",
              file=sys.stderr)
        return 2
    try:
        if not args.skip_install and _needs_install():
            _run([npm, "ci", "--ignore-scripts", "--no-audit", "--no-fund"])
        _run([npm, "run", "--silent", "build"])
    except subprocess.CalledProcessError as exc:
        print(f"build_web: {' '.join(map(str, exc.cmd))} failed with status {exc.returncode}",
              file=sys.stderr)
        return 1
    missing = [n for n in ("index.html", "app.js", "app.css", "docs.html",
                           "data/countries-110m.json", "vendor/swagger-ui/swagger-ui-bundle.js")
               if not (STATIC / n).is_file()]
    if missing:
        print(f"build_web: the build left out {', '.join(missing)}", file=sys.stderr)
        return 1
    print(f"build_web: page built into {STATIC.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
