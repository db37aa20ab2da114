"""Queries the web layer needs that ``tidings.store`` does not offer (yet).

TO BE REPLACED by ``Store`` methods of the same purpose when the store offers them
(a facets summary and a document list); then this module goes. It only reads, with
SQLAlchemy Core and bound parameters, against the tables of
:mod:`tidings.store.schema`. Everything else the API serves comes from ``Store``.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, select

from tidings.store import Page, Store
from tidings.store.query import after_cursor, encode_cursor, fts5_query
from tidings.store.schema import documents, events


def facets(store: Store) -> dict[str, Any]:
    """What the filter menus offer: outlets, types, labels and the date range."""
    c = events.c
    with store.engine.connect() as conn:
        outlets = [r[0] for r in conn.execute(
            select(documents.c.outlet).where(documents.c.outlet.is_not(None))
            .group_by(documents.c.outlet).order_by(documents.c.outlet))]
        types = {r[0]: int(r[1]) for r in conn.execute(
            select(c.type, func.count()).group_by(c.type))}
        labels = {r[0]: int(r[1]) for r in conn.execute(
            select(c.factuality, func.count()).group_by(c.factuality))}
        first, last = conn.execute(select(func.min(c.sort_key), func.max(c.sort_key))).one()
        n_docs = int(conn.execute(select(func.count()).select_from(documents)).scalar() or 0)
    return {"outlets": outlets, "types": types, "factuality": labels,
            "first": first[:10] if first else None, "last": last[:10] if last else None,
            "documents": n_docs, "events": sum(types.values())}


def _words(column: Any, q: str) -> list[Any]:
    out = []
    for w in fts5_query(q).split(" "):  # also refuses a query without words
        word = w.strip('"').lower().replace("\\", "\\\\").replace("%", "\\%")
        out.append(func.lower(column).like("%" + word.replace("_", "\\_") + "%", escape="\\"))
    return out


def documents_page(store: Store, *, outlet: str | None = None, text: str | None = None,
                   cursor: str | None = None, limit: int = 50) -> Page[dict[str, Any]]:
    """Document summaries (no text), newest first, with their event counts."""
    d = documents.c
    sort = func.coalesce(d.published_at, "")
    n_events = (select(func.count()).where(events.c.document_id == d.id)
                .scalar_subquery().label("n_events"))
    where: list[Any] = []
    if outlet:
        where.append(d.outlet == outlet)
    if text:
        where.extend(_words(func.coalesce(d.title, "") + " " + d.text, text))
    q = (select(d.id, d.url, d.outlet, d.title, d.published_at, n_events, sort.label("k"))
         .where(*where, *after_cursor(sort, d.id, cursor, True))
         .order_by(sort.desc(), d.id.desc()).limit(limit + 1))
    with store.engine.connect() as conn:
        rows = conn.execute(q).all()
    nxt = encode_cursor(rows[limit - 1].k, rows[limit - 1].id) if len(rows) > limit else None
    return Page([{"id": r.id, "url": r.url, "outlet": r.outlet, "title": r.title,
                  "published_at": r.published_at, "n_events": int(r.n_events or 0)}
                 for r in rows[:limit]], nxt)
