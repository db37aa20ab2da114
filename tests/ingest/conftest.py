"""Fixtures for ingest tests: a local HTTP server and hand-written articles."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from .server import LocalServer


@pytest.fixture()
def server() -> Iterator[LocalServer]:
    srv = LocalServer().start()
    yield srv
    srv.stop()


ARTICLE_1 = (
    "Police in the northern city of Karvan detained at least forty protesters on Tuesday "
    "after a march against rising fuel prices turned violent, the regional interior "
    "ministry said.\n\nWitnesses said officers fired tear gas to disperse several hundred "
    "people who had gathered outside the governor's office. The ministry said an "
    "inquiry had been opened into the clashes."
)
ARTICLE_2 = (
    "The foreign ministers of Veloria and Astrea met in Geneva on Friday and agreed to "
    "resume talks on their disputed river border, a joint statement said.\n\nThe two "
    "governments promised to exchange prisoners detained during last year's skirmishes "
    "and to reopen two border crossings to traders next month."
)
ARTICLE_3 = (
    "Rebels attacked an army convoy near the town of Marsel on Sunday, killing three "
    "soldiers, a military spokesman told reporters. He said the attackers fled into the "
    "hills after a gun battle that lasted almost an hour, and that troops were searching "
    "nearby villages."
)
FRENCH = (
    "La police a interpellé une quarantaine de manifestants mardi soir après des heurts "
    "devant la préfecture, a indiqué le ministère de l'Intérieur dans un communiqué. "
    "Une enquête a été ouverte pour déterminer les circonstances des affrontements."
)


def page(title: str, body: str, *, published: str | None = None,
         site: str | None = "Karvan Courier") -> str:
    """An article page with navigation and footer boilerplate around the text."""
    meta = []
    if site:
        meta.append(f'<meta property="og:site_name" content="{site}">')
    if published:
        meta.append(f'<meta property="article:published_time" content="{published}">')
    paras = "".join(f"<p>{p}</p>" for p in body.split("\n\n"))
    return (f"<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>{title}</title>"
            f"{''.join(meta)}</head><body><nav><a href='/'>Home</a> | <a href='/w'>World</a>"
            f"</nav><article><h1>{title}</h1>{paras}</article>"
            "<footer>All rights reserved. Subscribe to our newsletter.</footer></body></html>")
