"""Match a token against the lexicon's patterns for its lemma."""

from __future__ import annotations

from typing import TYPE_CHECKING

from tidings.events import syntax
from tidings.lexicon import Constraint, Lexicon, Pattern
from tidings.lexicon.patterns import ACTOR_MARK

if TYPE_CHECKING:
    from spacy.tokens import Token

_NOUN_POS = ("NOUN", "PROPN")
_MOD_DEPS = ("compound", "amod", "nmod", "npadvmod", "poss")


_QUANTITY = frozenset({"kg", "kilogram", "kilograms", "deployment", "contingent", "patch",
                       "element", "mission", "team", "delegation", "group", "program",
                       "programme", "day", "days", "week", "weeks", "month", "months",
                       "round", "rounds",
                       "series", "kind", "form", "set", "type", "part", "wave", "number",
                       "lot", "batch", "shipment", "consignment", "ton", "tons", "tonne",
                       "tonnes", "worth", "amount", "package", "dozen", "dozens", "hundreds",
                       "thousands", "million", "millions", "truck", "trucks", "truckload",
                       "truckloads", "plane", "planes", "planeload", "ship", "ships", "convoy",
                       "load", "loads", "crate", "crates", "sack", "sacks", "bag", "bags",
                       "box", "boxes", "cargo", "consignments"})
_CARRYING = frozenset({"carry", "bring", "load", "bear", "transport", "contain", "haul"})


def _lemmas(tokens: list[Token]) -> set[str]:
    out = set()
    for t in tokens:
        out.add(t.lemma_.lower())
        out.add(t.lower_)
        if t.lemma_.lower() in _QUANTITY or t.like_num:
            # "10 days of war games", "5,000 tons of food": what is counted counts
            for p in t.children:
                if p.dep_ == "prep" and p.lower_ == "of":
                    out |= _lemmas([o for o in p.children if o.dep_ == "pobj"])
                elif p.dep_ == "acl" and p.lemma_.lower() in _CARRYING:
                    # "two planes carrying food and medicine"
                    out |= _lemmas([o for o in p.children if o.dep_ == "dobj"])
        for c in t.conjuncts:
            out.add(c.lemma_.lower())
        # "explosive devices": the compound or adjective may carry the meaning
        for c in t.children:
            if c.dep_ in ("compound", "amod") and c.i == t.i - 1:
                out.add(f"{c.lemma_.lower()} {t.lemma_.lower()}")
    return out


_ACTOR_ENTS = ("PERSON", "ORG", "GPE", "NORP")


def _has(values: frozenset[str], tokens: list[Token]) -> bool:
    if values & _lemmas(tokens):
        return True
    return ACTOR_MARK in values and any(
        t.ent_type_ in _ACTOR_ENTS or t.pos_ == "PROPN" for t in tokens)


def _ok(c: Constraint, tok: Token, view: _View) -> bool:
    kind = c.kind
    if kind == "flag":
        if c.key == "neg":
            return syntax.is_negated(tok) == c.positive
        if c.key == "pass":
            return syntax.is_passive(tok) == c.positive
        if c.key == "coord":
            subj = syntax.subjects(tok)
            coord = any(s.conjuncts for s in subj) or any(
                m.conjuncts for s in subj for m in s.children if m.dep_ in _MOD_DEPS)
            return coord == c.positive
        return bool(syntax.direct_objects(tok)) == c.positive  # obj
    if kind == "prt":
        return bool(c.values and c.values & view.particles)
    if kind == "prep":
        objs = view.preps.get(c.key)
        if objs is None:
            return False
        return c.values is None or _has(c.values, objs)
    if kind == "obj":
        objs = view.objs
        if not objs and tok.pos_ in _NOUN_POS:
            objs = view.preps.get("of", [])
        if not objs:
            return False
        return c.values is None or _has(c.values, objs)
    if kind in ("xcomp", "ccomp"):
        comps = syntax.children(tok, kind)
        return bool(comps) and (c.values is None or _has(c.values, comps))
    if kind == "mod":
        mods = [m for m in tok.children if m.dep_ in _MOD_DEPS]
        return bool(mods) and (c.values is None or _has(c.values, mods))
    if kind == "objmod":
        objs = view.objs
        objs = [*objs, *(p for o in objs if o.lemma_.lower() in _QUANTITY
                         for c in o.children if c.dep_ == "prep" and c.lower_ == "of"
                         for p in c.children if p.dep_ == "pobj")]
        mods = [m for o in objs for m in o.children if m.dep_ in _MOD_DEPS]
        return bool(mods) and (c.values is None or _has(c.values, mods))
    if kind == "subj":
        subj = syntax.children(tok, *syntax.SUBJ, *syntax.PASS_SUBJ)
        return bool(subj) and (c.values is None or _has(c.values, subj))
    return False


def matches(pattern: Pattern, tok: Token) -> bool:
    """True when every constraint of ``pattern`` holds on ``tok``."""
    view = _View(tok)
    return all(_ok(c, tok, view) for c in pattern.constraints)


class _View:
    """What the constraints ask about one token, computed at most once."""

    __slots__ = ("_objs", "_preps", "_prt", "tok")

    def __init__(self, tok: Token) -> None:
        self.tok = tok
        self._preps: dict[str, list[Token]] | None = None
        self._objs: list[Token] | None = None
        self._prt: set[str] | None = None

    @property
    def preps(self) -> dict[str, list[Token]]:
        if self._preps is None:
            self._preps = syntax.preps(self.tok)
        return self._preps

    @property
    def objs(self) -> list[Token]:
        if self._objs is None:
            self._objs = syntax.direct_objects(self.tok)
        return self._objs

    @property
    def particles(self) -> set[str]:
        if self._prt is None:
            self._prt = syntax.particles(self.tok)
        return self._prt


def candidates(lexicon: Lexicon, tok: Token) -> list[Pattern] | None:
    """The patterns filed under the token's lemma (or its lower-cased form) for its part of
    speech; None when the word is not a trigger at all (the common, cheap case)."""
    pos = tok.pos_
    lemma = tok.lemma_.lower()
    if pos in _NOUN_POS:
        table = lexicon.nouns
        if lemma in lexicon.verbs and tok.dep_ in ("relcl", "ccomp", "ROOT", "conj") and any(
                c.dep_ == "nsubj" for c in tok.children):
            # a noun with a subject is a verb the tagger missed ("those it fires at Israel")
            table = lexicon.verbs
    elif syntax.is_verb(tok):
        table = lexicon.verbs
    elif pos == "ADJ":
        table = lexicon.adjectives
    else:
        return None
    pats = table.get(lemma)
    if pats is None:
        low = tok.lower_
        if low != lemma:
            pats = table.get(low)
            if pats is None and table is lexicon.verbs:
                for form in _base_forms(low):
                    pats = table.get(form)
                    if pats is not None:
                        break
    return pats


def _base_forms(word: str) -> list[str]:
    """Guesses at the base form when the lemmatizer got it wrong ("staged" -> "stag")."""
    out = []
    if word.endswith("ied"):
        out.append(word[:-3] + "y")
    if word.endswith("ed"):
        out += [word[:-1], word[:-2]]
    if word.endswith("ing"):
        out += [word[:-3], word[:-3] + "e"]
    if word.endswith("es"):
        out.append(word[:-2])
    if word.endswith("s"):
        out.append(word[:-1])
    return out


def best(lexicon: Lexicon, tok: Token) -> Pattern | None:
    """The most specific pattern that matches ``tok``, if any."""
    pats = candidates(lexicon, tok)
    if not pats:
        return None
    view = _View(tok)
    for p in pats:
        if all(_ok(c, tok, view) for c in p.constraints):
            return p
    return None
