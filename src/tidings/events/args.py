"""Noun phrases and their conjuncts, for actor arguments."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

_NP_LEFT = {"compound", "amod", "nmod", "poss", "det", "nummod", "quantmod", "case"}


def noun_phrase(head: Token) -> Span:
    """The phrase headed by ``head``: its left modifiers and the head itself."""
    start = head.i
    for child in head.lefts:
        if child.dep_ in _NP_LEFT or (child.dep_ == "punct" and child.i > start):
            start = min(start, child.left_edge.i)
    doc = head.doc
    while start < head.i and doc[start].dep_ in ("det", "case") and doc[start].lower_ in (
        "the", "a", "an", "'s"):
        start += 1
    return doc[start : head.i + 1]


def with_conjuncts(head: Token) -> list[Token]:
    """``head`` and the heads coordinated with it ("A and B")."""
    return [head, *head.conjuncts]
