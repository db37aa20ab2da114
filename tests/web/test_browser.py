"""The page in headless Chromium over the bundled sample (ingested by the pipeline)
and the hand-built records: filter, open an event, check the highlighted evidence,
the map markers and the timeline bars, and that hostile text stays inert.

Set TIDINGS_WEB_SCREENSHOTS=1 to write docs/img/web-main.png and web-event.png.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest

from tests.conftest import ROOT
from tests.web.conftest import LiveServer, need
from tests.web.records import HOSTILE_TITLE, corpus, dense_corpus
from tidings.store import EventFilter, Store
from tidings.web import static_ready

pytestmark = pytest.mark.slow
SHOTS = ROOT / "docs" / "img"


def _shot(page: Any, name: str, tmp: Path) -> None:
    keep = os.environ.get("TIDINGS_WEB_SCREENSHOTS") == "1"
    folder = SHOTS if keep else tmp
    folder.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(folder / name), full_page=True)


@pytest.fixture()
def page(browser: Any, live_server: LiveServer) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": 1300, "height": 1000})
    pg = context.new_page()
    pg.errors = []  # type: ignore[attr-defined]
    pg.remote = []  # type: ignore[attr-defined]
    pg.on("pageerror", lambda e: pg.errors.append(str(e)))  # type: ignore[attr-defined]
    # console errors include refused loads and Content-Security-Policy violations
    pg.on("console", lambda m: m.type == "error"  # type: ignore[attr-defined]
          and pg.errors.append(f"console: {m.text}"))

    def only_local(route: Any) -> None:
        if route.request.url.startswith(live_server.url):
            route.continue_()
        else:
            pg.remote.append(route.request.url)  # type: ignore[attr-defined]
            route.abort()

    pg.route("**/*", only_local)
    yield pg
    assert pg.errors == [], f"script errors in the page: {pg.errors}"  # type: ignore[attr-defined]
    assert pg.remote == [], f"the page asked for remote resources: {pg.remote}"  # type: ignore[attr-defined]
    context.close()


def ready(page: Any) -> None:
    page.wait_for_selector("body[data-ready=true]", timeout=20_000)


def query(page: Any) -> dict[str, list[str]]:
    return parse_qs(urlsplit(page.url).query)


def test_main_view(page: Any, live_server: LiveServer, tmp_path: Path) -> None:
    page.goto(f"{live_server.url}/?factuality=all")
    ready(page)
    page.wait_for_selector("#map .place-marker")
    assert page.locator("svg.timeline rect.bar").count() > 0
    total = sum(int(x) for x in page.locator("svg.timeline rect.bar").evaluate_all(
        "els => els.map(e => e.dataset.count)"))
    n_events = int(page.locator("#summary").inner_text().split()[0])
    assert total == n_events > 10
    assert int(page.locator("#map").get_attribute("data-places") or 0) >= 5
    assert page.locator("#map .place-marker").count() >= 3  # some may be clustered
    assert page.locator("#map path.leaflet-interactive, #map svg path").count() > 100
    assert page.locator("svg.network line.edge").count() >= 3
    assert page.locator("table.events tbody tr").count() == min(50, n_events)
    _shot(page, "web-main.png", tmp_path)


def test_filter_goes_to_the_url_and_back(page: Any, live_server: LiveServer) -> None:
    page.goto(live_server.url + "/")
    ready(page)
    before = page.locator("table.events tbody tr").count()
    page.select_option("#f-type", "ASSAULT")
    page.wait_for_function("new URLSearchParams(location.search).get('type') === 'ASSAULT'")
    ready(page)
    types = page.locator("table.events tbody td.type a").all_inner_texts()
    assert types and set(types) == {"ASSAULT"} and len(types) < before
    # the URL alone gives the same view
    page.goto(page.url)
    ready(page)
    assert page.input_value("#f-type") == "ASSAULT"
    assert set(page.locator("table.events tbody td.type a").all_inner_texts()) == {"ASSAULT"}
    page.fill("#f-q", "tear gas")
    page.press("#f-q", "Enter")
    page.wait_for_function("new URLSearchParams(location.search).get('q') === 'tear gas'")
    ready(page)
    assert "tear gas" in page.locator("#summary").inner_text()
    page.go_back()
    page.wait_for_function("!new URLSearchParams(location.search).has('q')")


def test_timeline_by_quad_class_and_day(page: Any, live_server: LiveServer) -> None:
    page.goto(f"{live_server.url}/?factuality=all")
    ready(page)
    page.click("[data-by-choice=quad_class]")
    page.wait_for_function("new URLSearchParams(location.search).get('by') === 'quad_class'")
    ready(page)
    keys = set(page.locator("svg.timeline rect.bar").evaluate_all(
        "els => els.map(e => e.dataset.key)"))
    assert keys <= {"1", "2", "3", "4"} and len(keys) >= 3
    assert "material conflict" in page.locator("#timeline .legend").inner_text()
    page.click("[data-bucket-choice=day]")
    page.wait_for_function("new URLSearchParams(location.search).get('bucket') === 'day'")
    ready(page)
    buckets = page.locator("svg.timeline rect.bar").evaluate_all(
        "els => els.map(e => e.dataset.bucket)")
    assert "2023-03-07" in buckets  # a Tuesday: day buckets, not weeks


def test_brushing_the_timeline_sets_the_dates(page: Any, live_server: LiveServer,
                                              sample_store: Store) -> None:
    page.goto(f"{live_server.url}/?factuality=all")
    ready(page)
    box = page.locator("svg.timeline").bounding_box()
    assert box
    y = box["y"] + box["height"] / 2
    page.mouse.move(box["x"] + box["width"] * 0.3, y)
    page.mouse.down()
    page.mouse.move(box["x"] + box["width"] * 0.7, y, steps=5)
    page.mouse.up()
    page.wait_for_function("new URLSearchParams(location.search).has('since')")
    ready(page)
    q = query(page)
    assert q["since"][0] < q["until"][0]
    assert page.input_value("#f-since") == q["since"][0]
    stored = {e.id: e for e in sample_store.events(EventFilter(all_factuality=True))}
    ids = page.locator("table.events tbody tr").evaluate_all("els => els.map(e => e.dataset.id)")
    assert ids
    for event_id in ids:
        t = stored[event_id].time
        assert t is not None and t.start is not None
        # the event's interval overlaps the brushed range
        assert t.start <= q["until"][0] + "\uffff" and (t.end or t.start) >= q["since"][0]


def test_event_view_highlights_the_evidence(page: Any, live_server: LiveServer) -> None:
    doc, (ev,) = next((d, evs) for d, evs in corpus() if d.outlet == "Pacific Wire"
                      and evs[0].type == "AID")
    page.goto(f"{live_server.url}/?type=AID")
    ready(page)
    page.locator(f"tr[data-id='{ev.id}'] td.type a").click()
    page.wait_for_function(f"new URLSearchParams(location.search).get('event') === '{ev.id}'")
    ready(page)
    view = page.locator(".event-view")
    assert view.locator("blockquote mark.hl-trigger").inner_text() == "sent"
    assert view.locator("blockquote mark.hl-source").inner_text() == "Fiji"
    assert view.locator("blockquote mark.hl-target").inner_text() == "Tonga"
    assert view.locator("blockquote mark.hl-place").inner_text() == "Suva"
    assert view.locator("blockquote mark.hl-time").inner_text() == "Monday"
    quote = view.locator("blockquote").inner_text()
    assert quote == doc.text  # one paragraph: all of it, in order, nothing added
    chain = view.locator("ol.chain li.link").all_inner_texts()
    assert "Pacific Wire" in chain[0]


def test_event_view_lists_the_other_reports(page: Any, live_server: LiveServer,
                                           tmp_path: Path) -> None:
    first = next(e for _, evs in corpus() for e in evs if e.cluster_id == "story-lapaz")
    page.goto(f"{live_server.url}/?event={first.id}")
    ready(page)
    # Linking joins the hand-built Altiplano Post report and the sample's own Andes Daily
    # article about the same clash: the view lists both other reports, never itself.
    reports = page.locator("ul.reports li")
    assert reports.count() == 2
    texts = reports.all_inner_texts()
    assert not any("a union leader said" in t for t in texts)
    altiplano = reports.filter(has_text="Altiplano Post")
    assert altiplano.count() == 1
    assert "used" in altiplano.locator("mark.hl-trigger").inner_text()
    assert page.locator("blockquote mark.hl-said-by").inner_text() == "a union leader"
    chain = page.locator("ol.chain li.link").all_inner_texts()
    assert "Andes Daily" in chain[0] and "a union leader" in chain[1]
    _shot(page, "web-event.png", tmp_path)
    altiplano.locator("a").first.click()
    page.wait_for_function(f"new URLSearchParams(location.search).get('event') !== '{first.id}'")
    ready(page)
    assert page.locator(".event-view blockquote mark.hl-trigger").inner_text() == "used"


def test_sample_event_from_the_pipeline(page: Any, live_server: LiveServer) -> None:
    page.goto(f"{live_server.url}/?outlet=Andes+Daily&type=PROTEST")
    ready(page)
    rows = page.locator("table.events tbody tr")
    assert rows.count() >= 1
    rows.first.locator("td.type a").click()
    page.wait_for_selector(".event-view")
    ready(page)
    trigger = page.locator(".event-view blockquote mark.hl-trigger").inner_text()
    sentence = page.locator(".event-view mark.hl-sentence").all_inner_texts()
    assert trigger and trigger in " ".join(sentence)
    page.locator("a.doc-link").click()
    page.wait_for_selector(".doc-view")
    ready(page)
    assert page.locator(".doc-view .doc-text mark.hl-trigger").count() >= 1


def test_map_marker_sets_the_place_filter(page: Any, live_server: LiveServer) -> None:
    page.goto(f"{live_server.url}/?country=JPN&factuality=all")
    ready(page)
    page.wait_for_selector("#map .place-marker.single")
    page.locator("#map .place-marker.single").first.click()
    page.wait_for_function("new URLSearchParams(location.search).has('place')")
    assert query(page)["place"] == ["2127202"]  # Anadyr's GeoNames id


def test_network_node_sets_the_actor_filter(page: Any, live_server: LiveServer,
                                            sample_store: Store) -> None:
    page.goto(f"{live_server.url}/?factuality=all")
    ready(page)
    page.locator("svg.network g.node[data-id='RUS']").click()
    page.wait_for_function("new URLSearchParams(location.search).get('actor') === 'RUS'")
    ready(page)
    # a network node is a country (else an actor id): its events have RUS as either
    expected = len({e.id for f in (EventFilter(actor="RUS", all_factuality=True),
                                   EventFilter(country="RUS", all_factuality=True))
                    for e in sample_store.events(f)})
    assert expected > 0
    assert page.locator("table.events tbody tr").count() == min(expected, 50)


def test_dense_markers_cluster(browser: Any, tmp_path: Path) -> None:
    need(static_ready(), "the web page is not built: run `python tools/build_web.py`")
    store = Store.open(str(tmp_path / "dense.db"))
    store.add(dense_corpus(30))
    context = browser.new_context(viewport={"width": 1300, "height": 1000})
    try:
        with LiveServer(store) as server:
            pg = context.new_page()
            pg.goto(server.url + "/")
            ready(pg)
            pg.wait_for_selector("#map .place-marker.cluster")
            counts = pg.locator("#map .place-marker").evaluate_all(
                "els => els.map(e => Number(e.textContent))")
            assert len(counts) < 30  # fewer markers than places: clustered
            assert sum(counts) == 30  # and every event counted once
            pg.locator("#map .place-marker.cluster").first.click()  # zooms in
            pg.wait_for_timeout(800)
            assert pg.locator("#map .place-marker").count() > len(counts)
    finally:
        context.close()
        store.close()


def test_hostile_text_stays_inert(page: Any, live_server: LiveServer) -> None:
    hostile, (ev,) = corpus()[-1]
    for view in ("/?q=students&factuality=all", f"/?doc={hostile.id}", f"/?event={ev.id}"):
        page.goto(live_server.url + view)
        ready(page)
        assert page.evaluate("typeof window.__pwned") == "undefined", view
        for tag in ("script", "img", "iframe"):
            assert page.locator(f"main {tag}").count() == 0, f"{view}: a <{tag}> from data"
        hrefs = page.locator("a").evaluate_all("els => els.map(e => e.getAttribute('href'))")
        assert not any(h and h.lower().startswith("javascript") for h in hrefs), hrefs
    # the document view shows the markup as text, the URL as text, the overrides as markers
    page.goto(f"{live_server.url}/?doc={hostile.id}")
    ready(page)
    assert page.locator(".doc-view h2.title").inner_text() == HOSTILE_TITLE
    text = page.locator(".doc-view .doc-text").inner_text()
    assert "<script>window.__pwned='script'</script>" in text
    assert "onerror=" in text
    assert "\u202e" not in text and "U+202E" in text
    assert page.locator(".doc-view .url-text").inner_text().startswith("javascript:")
    assert page.locator(".doc-view a.external").count() == 0
    page.wait_for_timeout(300)  # an <img onerror> would have fired by now
    assert page.evaluate("typeof window.__pwned") == "undefined"


def test_api_docs_page_works_offline(page: Any, live_server: LiveServer) -> None:
    page.goto(f"{live_server.url}/docs")
    page.wait_for_selector(".opblock", timeout=20_000)
    assert page.locator(".opblock").count() >= 10
