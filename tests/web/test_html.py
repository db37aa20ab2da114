"""The page as HTML: parsed, checked for inline script, remote resources and for
front-end code that would turn data into markup."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from tests.conftest import ROOT
from tests.web.conftest import need
from tidings.web import static_ready
from tidings.web.app import STATIC

WEB_SRC = ROOT / "web" / "src"


class Page(HTMLParser):
    """Collects the tags, attributes and inline script/style of a page."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.inline: list[str] = []
        self._in: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        self._in = tag if tag in ("script", "style") else None

    def handle_endtag(self, tag: str) -> None:
        self._in = None

    def handle_data(self, data: str) -> None:
        if self._in and data.strip():
            self.inline.append(data)


def parse(html: str) -> Page:
    p = Page()
    p.feed(html)
    return p


@pytest.fixture()
def built() -> None:
    need(static_ready(), "the web page is not built: run `python tools/build_web.py`")


@pytest.mark.parametrize("path", ["/", "/docs"])
def test_pages_have_no_inline_code_and_no_remote_resources(client: TestClient, built: None,
                                                           path: str) -> None:
    r = client.get(path)
    assert r.status_code == 200
    assert r.headers["content-type"].startswith("text/html")
    page = parse(r.text)
    assert page.inline == [], "inline script or style is blocked by the CSP"
    for tag, attrs in page.tags:
        assert "style" not in attrs, f"<{tag} style=...> is blocked by the CSP"
        assert not any(k.startswith("on") for k in attrs), f"<{tag}> has an event handler"
        for key in ("src", "href"):
            value = attrs.get(key)
            if value is not None and tag in ("script", "link", "img"):
                assert value.startswith("/static/"), f"<{tag} {key}={value}> is not local"
    scripts = [a["src"] for t, a in page.tags if t == "script"]
    assert scripts
    for src in scripts:
        assert src is not None
        js = client.get(src)
        assert js.status_code == 200
        assert "javascript" in js.headers["content-type"]


def test_index_has_the_panels(client: TestClient, built: None) -> None:
    page = parse(client.get("/").text)
    ids = {a.get("id") for _, a in page.tags}
    for needed in ("filter-bar", "timeline", "map", "network", "events", "detail", "summary"):
        assert needed in ids


def test_static_assets_are_served(client: TestClient, built: None) -> None:
    for path, kind in (("/static/app.css", "text/css"),
                       ("/static/data/countries-110m.json", "application/json"),
                       ("/static/vendor/swagger-ui/swagger-ui-bundle.js", "javascript")):
        r = client.get(path)
        assert r.status_code == 200, path
        assert kind in r.headers["content-type"]
    assert client.get("/static/data/countries-110m.json").json()["type"] == "Topology"


def test_built_bundle_loads_nothing_remote(built: None) -> None:
    bundle = (STATIC / "app.js").read_text(encoding="utf-8")
    for remote in re.findall(r"""(?:fetch|import)\(\s*["'`](https?:[^"'`]+)""", bundle):
        pytest.fail(f"the bundle fetches {remote}")
    assert "tile.openstreetmap" not in bundle and "unpkg.com" not in bundle


FORBIDDEN = re.compile(r"\.innerHTML|\.outerHTML|insertAdjacentHTML|document\.write|"
                       r"\beval\(|new Function\(|\.html\(|setAttribute\(\s*['\"]on")


def test_front_end_sources_never_write_markup() -> None:
    sources = sorted(WEB_SRC.glob("*.js"))
    assert len(sources) > 5
    for path in sources:
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            assert not FORBIDDEN.search(line), f"{path.name}:{n}: {line.strip()}"


def test_pages_point_only_at_packaged_files() -> None:
    for name in ("index.html", "docs.html"):
        html = (WEB_SRC / name).read_text(encoding="utf-8")
        assert "http://" not in html and "https://" not in html, name


def test_unbuilt_page_says_how_to_build(records_store: object, tmp_path: Path) -> None:
    from tidings.web import create_app

    with TestClient(create_app(records_store, static_dir=tmp_path)) as c:  # type: ignore[arg-type]
        r = c.get("/")
        assert r.status_code == 503
        assert "tools/build_web.py" in r.text
        assert c.get("/api/health").status_code == 200
