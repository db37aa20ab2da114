"""The page's pure functions (highlight segments, URL state, antimeridian fix), run
with Node's test runner over web/test/."""

from __future__ import annotations

import shutil
import subprocess

from tests.conftest import ROOT
from tests.web.conftest import need


def test_node_unit_tests() -> None:
    node = shutil.which("node")
    need(node is not None, "the front-end unit tests need Node.js")
    need((ROOT / "web" / "node_modules" / "topojson-client").is_dir(),
         "web/node_modules is missing: run `python tools/build_web.py`")
    assert node
    r = subprocess.run([node, "--test", "test/"], cwd=ROOT / "web", capture_output=True,
                       text=True, timeout=120)
    summary = [line for line in r.stdout.splitlines() if line.startswith("# ")]
    assert r.returncode == 0, r.stdout[-3000:] + r.stderr[-2000:]
    assert "# fail 0" in summary and any(s.startswith("# pass ") and s != "# pass 0"
                                         for s in summary), summary
