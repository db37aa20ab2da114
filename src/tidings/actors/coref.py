"""Within-document coreference of actor mentions: a small deterministic rule set.

A later mention is linked to an earlier one (its antecedent), and takes its
resolution, when it is:

- a personal pronoun: *he/she* -> the nearest person in this or the two sentences
  before; *they* -> the nearest plural group, organization or country; *it* -> the
  nearest organization or country;
- a definite description with no name or country of its own: *the president* ->
  the nearest person holding that office (or mentioned with that title), *the
  embassy* -> the nearest resolved mention with the same head noun, *the
  organization / alliance / bloc* -> the nearest international organization, *the
  group / movement* -> the nearest other organization, *the country* -> the nearest
  country (all within six sentences);
- a surname alone ("Smith") -> the nearest person whose name ends with it;
- an acronym alone ("FBF") -> the nearest mention whose capitalized words it
  abbreviates ("Free Birds Front").

Each rule is a scan back over at most the mentions of a few sentences.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from tidings.actors.resolve import tokens
from tidings.records import Actor

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

    from tidings.actors.resolve import ActorResolver


PERSON_PRONOUNS = frozenset({"he", "him", "his", "she", "her", "hers", "himself", "herself"})
PLURAL_PRONOUNS = frozenset({"they", "them", "their", "theirs", "themselves"})
IT_PRONOUNS = frozenset({"it", "its", "itself"})
ORG_NOUNS = frozenset({"organization", "organisation", "alliance", "bloc", "body",
                       "grouping", "union", "pact"})
GROUP_NOUNS = frozenset({"group", "movement", "outfit", "faction"})
COUNTRY_NOUNS = frozenset({"country", "nation", "republic", "kingdom"})
_DEFINITE = frozenset({"the", "this", "that", "these", "those"})
_NAME_STOP = frozenset({"of", "the", "and", "for", "in", "on", "de", "&"})
PRONOUN_SENTENCES = 2
DEFINITE_SENTENCES = 6
MAX_BACK = 60


@dataclass(slots=True, kw_only=True)
class Mention:
    """An actor mention already seen in the document.

    Attributes:
        actor: its resolution.
        head: index of its head token.
        sent: index of its sentence (0-based).
        lemma: lemma of its head.
        plural: its head is a plural noun.
        titles: office titles its person holds (or the title it was named with).
    """

    actor: Actor
    head: int
    sent: int
    lemma: str
    plural: bool = False
    titles: frozenset[str] = frozenset()


def sentence_index(tok: Token) -> int:
    """The sentence number of ``tok``, from a per-document cache on the Doc's user data."""
    doc = tok.doc
    starts = doc.user_data.get("tidings.sent_starts")
    if starts is None:
        starts = [s.start for s in doc.sents] if doc.has_annotation("SENT_START") else [0]
        doc.user_data["tidings.sent_starts"] = starts
    lo, hi = 0, len(starts) - 1
    while lo < hi:  # binary search: last start <= tok.i
        mid = (lo + hi + 1) // 2
        if starts[mid] <= tok.i:
            lo = mid
        else:
            hi = mid - 1
    return lo


def link(resolver: ActorResolver, span: Span, head: Token, i0: int, i1: int,
         day: str | None, history: list[Mention]) -> Actor | None:
    """The antecedent's resolution for ``span``, or None when no rule applies."""
    if not history:
        return None
    doc = span.doc
    sent = sentence_index(head)
    lower = head.lower_
    if head.pos_ == "PRON" or lower in PERSON_PRONOUNS | PLURAL_PRONOUNS | IT_PRONOUNS:
        if lower in PERSON_PRONOUNS:
            found = _back(history, head.i, sent, PRONOUN_SENTENCES,
                          lambda m: (m.actor.kind == "person" and m.actor.id is not None)
                          or (m.actor.kind == "person" and bool(m.actor.name)))
        elif lower in PLURAL_PRONOUNS:
            # a plural group first ("the protesters ... they"), else an organization or
            # country ("The US claimed that they ...")
            found = _back(history, head.i, sent, PRONOUN_SENTENCES,
                          lambda m: _resolved(m) and m.actor.kind != "person" and m.plural)
            if found is None:
                found = _back(history, head.i, sent, PRONOUN_SENTENCES,
                              lambda m: _resolved(m) and m.actor.kind in ("organization",
                                                                           "country"))
        elif lower in IT_PRONOUNS:
            found = _back(history, head.i, sent, PRONOUN_SENTENCES,
                          lambda m: _resolved(m) and m.actor.kind in ("organization",
                                                                       "country"))
        else:
            return None
        return _copy(found, span, "coref-pronoun") if found else None

    toks = tokens(doc)
    words = [k for k in range(i0, i1) if not toks.punct[k]]
    if len(words) == 1 and head.pos_ == "PROPN":
        text = head.text
        if resolver.kb.lookup(text):
            return None
        if text.isupper() and len(text) >= 2:
            found = _back(history, head.i, sent, 10_000,
                          lambda m: _initials(m.actor) == text)
            return _copy(found, span, "coref-acronym") if found else None
        found = _back(history, head.i, sent, 10_000,
                      lambda m: m.actor.kind == "person"
                      and _last_word(m.actor) == text and (m.actor.name or "") != text)
        return _copy(found, span, "coref-surname") if found else None

    if toks.lower[span.start] not in _DEFINITE or head.pos_ == "PROPN":
        return None
    if any(toks.pos[k] in ("PROPN", "NUM") or toks.ent_type[k] for k in words):
        return None
    if len(words) > 2 or (len(words) == 2 and toks.pos[words[0]] != "ADJ"):
        return None
    if _named_complement(head):
        return None  # "the president of Armenia" names its own country
    lemma = head.lemma_.lower()
    if lemma in ORG_NOUNS:
        found = _back(history, head.i, sent, DEFINITE_SENTENCES,
                      lambda m: m.actor.kind == "organization" and "IGO" in m.actor.sectors)
        return _copy(found, span, "coref-definite") if found else None
    if lemma in GROUP_NOUNS:
        found = _back(history, head.i, sent, DEFINITE_SENTENCES,
                      lambda m: m.actor.kind == "organization" and "IGO" not in m.actor.sectors)
        return _copy(found, span, "coref-definite") if found else None
    if lemma in COUNTRY_NOUNS:
        found = _back(history, head.i, sent, DEFINITE_SENTENCES,
                      lambda m: m.actor.kind == "country")
        return _copy(found, span, "coref-definite") if found else None
    title = resolver.kb.roles.get(lemma)
    if title is not None:
        found = _back(history, head.i, sent, DEFINITE_SENTENCES,
                      lambda m: m.actor.kind == "person" and title in m.titles)
        if found is None:
            found = _back(history, head.i, sent, DEFINITE_SENTENCES,
                          lambda m: m.lemma == lemma and m.actor.country is not None)
        return _copy(found, span, "coref-definite") if found else None
    if lemma in resolver.kb.sectors:
        found = _back(history, head.i, sent, DEFINITE_SENTENCES,
                      lambda m: m.lemma == lemma and (m.actor.country is not None
                                                      or m.actor.id is not None))
        return _copy(found, span, "coref-definite") if found else None
    return None


def _named_complement(head: Token) -> bool:
    """The noun has an of/from-phrase with a name: "the president of Armenia"."""
    for c in head.rights:
        if c.dep_ == "prep" and c.lower_ in ("of", "from"):
            for o in c.children:
                if o.dep_ == "pobj" and (o.pos_ == "PROPN" or o.ent_type_ in (
                        "GPE", "NORP", "ORG", "PERSON")):
                    return True
    return False


def _resolved(m: Mention) -> bool:
    return m.actor.id is not None or m.actor.country is not None


def _back(history: list[Mention], before: int, sent: int, window: int,
          ok: object) -> Mention | None:
    """The nearest earlier mention (before token ``before``) within ``window``
    sentences that satisfies ``ok``."""
    assert callable(ok)
    seen = 0
    for m in reversed(history):
        if m.head >= before:
            continue
        if sent - m.sent > window or seen >= MAX_BACK:
            break
        seen += 1
        if ok(m):
            return m
    return None


def _initials(actor: Actor) -> str:
    words = [w for w in (actor.text or "").replace("-", " ").split()
             if w.lower() not in _NAME_STOP]
    return "".join(w[0] for w in words if w[:1].isupper())


def _last_word(actor: Actor) -> str:
    name = actor.name or actor.text or ""
    words = name.split()
    return words[-1] if words else ""


def _copy(m: Mention, span: Span, method: str) -> Actor:
    a = m.actor
    return Actor(text=span.text, id=a.id, name=a.name or a.text, country=a.country,
                 sectors=list(a.sectors), kind=a.kind, start=span.start_char,
                 end=span.end_char, role_start=a.role_start, role_end=a.role_end,
                 method=method)
