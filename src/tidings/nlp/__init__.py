"""The spaCy side: loading the configured pipeline, and the ``tidings_events`` component."""

from tidings.nlp.model import load_nlp

__all__ = ["load_nlp"]
