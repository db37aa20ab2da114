"""Which spans of the parse are an event's actors.

This module decides WHICH span is a source or target; :class:`~tidings.actors.ActorResolver`
decides what it resolves to. Rules, each cheap (children and conjuncts of one token):

- coordination: "A and B" gives two actors;
- relative pronouns stand for their antecedent ("forces that attacked");
- a role noun with several country modifiers gives one actor per country, with the
  role's sectors: "Tajik and Kyrgyz embassies", "the embassies of Armenia and Belarus";
- a noun that is not itself an actor hands over to the actor in it: "Haiti's efforts",
  "a U.S. request", "calls by Belarus's rulers", "e-mails of the embassies of ...";
- dates, times, numbers and event nouns are never actors.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from tidings.events import syntax
from tidings.lexicon import Lexicon

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

ACTOR_ENTS = frozenset({"PERSON", "NORP", "ORG", "GPE"})
PLACE_ENTS = frozenset({"LOC", "FAC"})
NOT_ACTOR_ENTS = frozenset({"DATE", "TIME", "MONEY", "PERCENT", "QUANTITY", "CARDINAL",
                            "ORDINAL", "LAW", "EVENT", "WORK_OF_ART", "LANGUAGE", "PRODUCT"})
PERSONAL = frozenset({"he", "she", "they", "we", "i", "you", "it", "him", "her", "them", "us",
                      "itself", "themselves", "himself", "herself"})
_NP_LEFT = frozenset({"compound", "amod", "nmod", "poss", "det", "nummod", "quantmod", "case",
                      "predet", "npadvmod"})
_ACTOR_MODS = ("compound", "amod", "nmod", "poss")
ANAPHORS = {"he": "person", "him": "person", "his": "person", "she": "person", "her": "person",
            "it": "thing", "its": "thing", "they": "plural", "them": "plural",
            "their": "plural", "we": "any", "our": "any", "us": "any"}
RELATIONAL = frozenset({"partner", "ally", "neighbour", "neighbor", "rival", "counterpart",
                        "enemy", "opponent", "adversary", "foe", "friend", "host", "guest"})
"""Nouns for someone else: "its partners" are not the possessor's own people."""
LOCATIVE_PREPS = frozenset({"inside", "in", "at", "near", "outside", "into", "on"})


@dataclass(slots=True)
class ArgSpan:
    """A span to resolve, and the role noun whose sectors apply when it has none.

    ``"the embassies of Armenia and Belarus"`` gives ``ArgSpan(Armenia, role=embassies)``
    and ``ArgSpan(Belarus, role=embassies)``.
    """

    span: Span
    role: Span | None = None


def noun_phrase(head: Token, actorish: Callable[[Token], bool] | None = None) -> Span:
    """The phrase headed by ``head``: its left modifiers, the head, and for role nouns an
    "of"/"in" complement naming a country or organization ("president of Armenia", "rebels
    in the Ivory Coast"; only "of" for names and for nouns that already have a country:
    "the Taliban in Oslo" are not Norwegian)."""
    doc = head.doc
    start = head.i
    for child in reversed(list(head.lefts)):
        if _sponsor(child):
            break  # "Al Qaeda-linked", "Iran-backed", "pro-Iranian": another actor, not this one
        if child.dep_ in _NP_LEFT or (child.dep_ in ("punct", "cc", "conj") and child.i > start):
            start = min(start, child.left_edge.i)
    end = head.i + 1
    has_country = head.pos_ == "PROPN" or any(
        c.dep_ in _ACTOR_MODS and (c.ent_type_ in ("GPE", "NORP") or (
            c.pos_ == "PROPN" and c.ent_type_ != "PERSON")) for c in head.lefts)
    for child in head.rights:
        preps = ("of",) if has_country else ("of", "in")
        if child.dep_ == "prep" and child.lower_ in preps and child.i == end:
            objs = [o for o in child.children if o.dep_ == "pobj"]
            if objs and (objs[0].ent_type_ in ACTOR_ENTS or objs[0].pos_ == "PROPN" or (
                    child.lower_ == "of" and actorish is not None and actorish(objs[0]))):
                end = objs[0].i + 1
        break
    while start < head.i and doc[start].dep_ in ("det", "case", "punct", "cc", "predet") and \
            doc[start].lower_ in ("the", "a", "an", "'s", "’s", ",", "(", "and", "all", "both"):
        start += 1
    return doc[start:end]


_SPONSORED = frozenset({"link", "back", "ally", "affiliate", "sponsor", "support", "fund",
                        "arm", "train", "inspire", "align", "connect", "tie", "loyal"})


def _sponsor(tok: Token) -> bool:
    """A modifier naming a sponsor or ally of the head: "Iran-backed", "pro-Russian"."""
    if tok.dep_ not in ("amod", "compound", "nmod"):
        return False
    if tok.lemma_.lower() in _SPONSORED and tok.tag_ in ("VBN", "JJ"):
        return any(c.dep_ in ("npadvmod", "compound", "nmod") for c in tok.children) or \
            (tok.i > 0 and tok.nbor(-1).text == "-")
    return tok.lower_.startswith("pro-") or (
        tok.lower_ in ("pro",) and tok.i + 1 < len(tok.doc) and tok.nbor(1).text == "-")


class ArgumentFinder:
    """Turns the heads that syntax gives for a role into spans for the resolver.

    Args:
        lexicon: for the word classes (human nouns, things, temporal words) and for
            telling event nouns apart from actors.
    """

    def __init__(self, lexicon: Lexicon) -> None:
        self.lex = lexicon
        self.human = lexicon.classes.get("HUMAN", frozenset())
        self.temporal = lexicon.classes.get("TEMPORAL", frozenset())
        self.container = lexicon.classes.get("CONTAINER", frozenset())
        self.building = lexicon.classes.get("BUILDING", frozenset())
        self.abstract = lexicon.classes.get("ABSTRACT", frozenset())
        self.collective = lexicon.classes.get("COLLECTIVE", frozenset())
        self.persons = lexicon.classes.get("PERSON_ROLE", frozenset())
        self.event_roles: Callable[[Token], tuple[list[Token], list[Token]] | None] | None = None
        """Set by the event stage: the source and target heads of a trigger token."""
        self.is_trigger: Callable[[Token], bool] | None = None
        self.sector_lookup: Callable[[Token], list[str]] | None = None
        self.names_country: Callable[[Token], bool] | None = None
        """Set by the event stage: whether a token is one of the document's triggers."""

    # -- what kind of word is it --------------------------------------------------------

    def is_event_noun(self, tok: Token) -> bool:
        """A noun that is one of this document's triggers (once the stage has them), else
        any noun the lexicon has patterns for."""
        if tok.pos_ not in ("NOUN", "PROPN"):
            return False
        if self.is_trigger is not None:
            return self.is_trigger(tok)
        pats = self.lex.nouns.get(tok.lemma_.lower())
        return bool(pats) and tok.ent_type_ not in ACTOR_ENTS

    def is_temporal(self, tok: Token) -> bool:
        return tok.ent_type_ in ("DATE", "TIME") or tok.lemma_.lower() in self.temporal

    def is_actorish(self, tok: Token) -> bool:
        """Names, demonyms, organizations, people and role nouns ("police", "rebels")."""
        if tok.ent_type_ in ACTOR_ENTS:
            return True
        if tok.ent_type_ in NOT_ACTOR_ENTS or tok.ent_type_ in PLACE_ENTS:
            return False
        if tok.pos_ == "PRON":
            return tok.lower_ in PERSONAL
        if tok.pos_ == "PROPN" or (tok.text.isupper() and tok.text.isalpha() and len(tok) > 1):
            return True  # names, and acronyms the tagger took for nouns ("the CSTO")
        lemma = tok.lemma_.lower()
        if lemma in self.collective and any(
                c.dep_ == "prep" and c.lower_ == "of" for c in tok.children):
            return False  # "a group of diplomats": the diplomats are the actor
        return lemma in self.human or tok.lower_ in self.human

    def sectors_of(self, tok: Token) -> list[str]:
        """Sectors the actor knowledge base gives a head noun ("group" in "rights group"),
        through the callback the stage sets; [] without one."""
        return self.sector_lookup(tok) if self.sector_lookup is not None else []

    def is_actor_modifier(self, tok: Token) -> bool:
        """"Israeli" in "Israeli shelling", "U.S." in "a U.S. request", "police" in "police
        crackdown"; not a common adjective ("terrorist threat")."""
        if tok.dep_ not in ("compound", "amod", "nmod") or tok.pos_ == "PRON":
            return False
        if tok.ent_type_ in ("NORP", "GPE", "ORG", "PERSON"):
            return True
        if tok.pos_ == "PROPN" and tok.ent_type_ in ("EVENT", "FAC", "LOC", "PRODUCT") and \
                self.names_country is not None:
            return self.names_country(tok)  # "the Beijing Olympics": a place inside a name
        return tok.pos_ in ("NOUN", "PROPN") and self.is_actorish(tok)

    def is_countryish(self, tok: Token) -> bool:
        return tok.ent_type_ in ("GPE", "NORP") or (
            tok.pos_ == "PROPN" and tok.ent_type_ not in NOT_ACTOR_ENTS)

    # -- heads --------------------------------------------------------------------------

    def heads(self, tok: Token, descend: bool = True, source: bool = False) -> list[Token]:
        """Actor heads for one syntactic argument head (with its conjuncts).

        A target may be a thing ("attacked a convoy"); a source must be actor-like.
        """
        out: list[Token] = []
        members = [tok, *tok.conjuncts]
        for c in tok.children:
            if c.dep_ == "appos" and c.conjuncts and c.ent_type_ in ACTOR_ENTS:
                members.extend([c, *c.conjuncts])  # "The US, Russia, and Switzerland met"
        for h in members:
            if h.lower_ in syntax.RELATIVE and h.head.dep_ == "relcl":
                h = h.head.head
            if h.pos_ == "ADP" and h.dep_ in ("nsubj", "nsubjpass", "dobj"):
                objs = [c for c in h.children if c.dep_ == "pobj"]
                if objs:  # a name the tagger took for a preposition ("Barack Obama")
                    out.extend(self.heads(objs[0], descend, source))
                continue
            if h.pos_ == "VERB" and h.dep_ in ("nsubj", "nsubjpass"):
                # "The Red Cross operating in Iraq said": the parser made the participle the
                # subject and hung the name under it
                subj = [c for c in h.children if c.dep_ in ("nsubj", "nsubjpass")]
                if subj:
                    out.extend(self.heads(subj[0], descend, source))
                continue
            if h.pos_ in ("VERB", "AUX", "ADP", "CCONJ", "PUNCT", "SCONJ", "PART", "DET"):
                continue
            if self.is_temporal(h):
                names = [c for c in h.children if c.dep_ == "compound" and (
                    c.ent_type_ in ACTOR_ENTS or c.pos_ == "PROPN")]
                if names:  # "met with President Bashar Assad Tuesday" parsed as a date
                    out.append(names[-1])
                continue
            if len(h.text) < 2 or not h.text[0].isalnum():
                continue
            if h.lower_ in ANAPHORS and h.pos_ == "PRON":
                ante = self.antecedent(h, source)
                out.extend(ante or [h])
                continue
            if self.is_actorish(h):
                out.append(h)
                continue
            if source and h.lemma_.lower() in self.container and h.dep_ == "dobj":
                # "X issued a declaration demanding ...": the declaration's author
                out.extend(a for s in syntax.subjects(h.head) for a in self.heads(s, descend,
                                                                                  source))
                continue
            if h.like_num or h.lemma_.lower() in self.collective:
                of = syntax.preps(h).get("of", [])
                if of:
                    out.extend(self.heads(of[0], descend, source))
                    continue
            if descend and self.event_roles is not None:
                roles = self.event_roles(h)
                # an event as an argument stands for its author ("condemned the attack by
                # X", "rejected the U.S. request"), else its target
                if roles is not None and (roles[0] or roles[1]):
                    out.extend(roles[0] or roles[1])
                    continue
            if descend:
                inner = self.inner_actors(h)
                if inner:
                    out.extend(inner)
                    continue
            if self.is_event_noun(h) or h.lemma_.lower() in self.abstract or (
                    h.ent_type_ in PLACE_ENTS and (source or h.pos_ != "PROPN")):
                continue
            if h.pos_ in ("NOUN", "PROPN") and not source:
                out.append(h)  # unresolved, but an argument: kept as written
        seen: set[int] = set()
        return [h for h in out if not (h.i in seen or seen.add(h.i))]  # type: ignore[func-returns-value]

    def antecedent(self, pron: Token, source: bool = False) -> list[Token]:
        """The subject of the speech or thought verb a pronoun's clause is reported by:
        "Hungary said it will support" -> Hungary; "Bosnian Serbs said their forces ..." ->
        Bosnian Serbs. Person pronouns want a person, "it" a non-person, "they" anything
        but a single person. Coreference across sentences is the resolver's business."""
        kind = ANAPHORS.get(pron.lower_)
        if kind is None:
            return []
        if pron.dep_ == "poss" and source:
            # "farmers ended their blockade": a possessive author first looks at its own
            # clause (not "the EU welcomed their release", where "their" is someone else)
            clause = pron.head
            while clause.dep_ not in ("ROOT",) and not syntax.is_verb(clause):
                clause = clause.head
            for s in syntax.subjects(clause) if syntax.is_verb(clause) else []:
                if s.pos_ != "PRON" and s.i < pron.i and self._agrees(kind, s):
                    return [s, *s.conjuncts]
        node = pron.head
        for _ in range(6):
            head = node.head
            if head is node:
                return []
            if node.dep_ in ("ccomp", "xcomp", "advcl", "conj", "parataxis") and \
                    syntax.is_verb(head):
                for s in syntax.subjects(head):
                    if s.pos_ != "PRON" and self._agrees(kind, s):
                        return [s, *s.conjuncts]
            node = head
        return []

    def _agrees(self, kind: str, tok: Token) -> bool:
        person = tok.ent_type_ == "PERSON" or (
            tok.ent_type_ == "" and tok.lemma_.lower() in self.human and tok.tag_ in ("NN", "NNP")
            and tok.lemma_.lower() in self.persons)
        plural = tok.tag_ in ("NNS", "NNPS") or bool(tok.conjuncts)
        if kind == "person":
            return person and not plural
        if kind == "thing":
            return not person and (not plural or tok.ent_type_ in ("GPE", "ORG"))
        if kind == "plural":
            return not (person and not plural)
        return True

    def inner_actors(self, noun: Token) -> list[Token]:
        """The actor inside a noun that is not one: possessor, "by"/"of"/"from" object,
        an actor modifier ("U.S. request", "Indian proposal")."""
        cands: list[Token] = []
        for c in noun.children:
            if c.dep_ == "poss" and self.is_actorish(c):
                cands.append(c)
        p = syntax.preps(noun)
        for key in ("by", "from", "of", "with", "for"):
            for o in p.get(key, []):
                hs = self.heads(o, descend=key == "of")
                cands.extend(hs)
            if cands:
                break
        if not cands:
            # "crimes committed by Croat forces", "atrocities carried out by ..."
            by_in: tuple[str, ...] = ("by", "in") if noun.lemma_.lower() in self.container \
                else ("by",)
            for c in noun.children:
                if c.dep_ == "acl" and c.tag_ == "VBN":
                    cp = syntax.preps(c)
                    for key in by_in:
                        for o in cp.get(key, []):
                            cands.extend(self.heads(o))
        if not cands:
            cands.extend(c for c in noun.children if self.is_actor_modifier(c))
        if not cands and noun.lemma_.lower() in self.container:
            for key in ("to", "for"):
                for o in p.get(key, []):
                    cands.extend(self.heads(o))
        if not cands:
            # "further action against Russia", "facilities in central Iran", "the
            # shootings in South Carolina"
            keys: tuple[str, ...] = ("in",) if self.is_event_noun(noun) else (
                "against", "on", "in")
            for key in keys:
                for o in p.get(key, []):
                    if o.ent_type_ in ("GPE", "NORP", "ORG", "PERSON"):
                        cands.extend(self.heads(o, descend=False))
                if cands:
                    break
        return cands

    def country_modifiers(self, head: Token) -> list[Token]:
        """Two or more coordinated country modifiers of a role noun: "Tajik and Kyrgyz
        embassies", "the embassies of Armenia and Belarus", "US and British activists"."""
        for c in head.children:
            if c.dep_ in _ACTOR_MODS and c.conjuncts and self.is_countryish(c):
                group = [c, *c.conjuncts]
                if all(self.is_countryish(g) for g in group):
                    return group
        for o in syntax.preps(head).get("of", []):
            group = [o, *o.conjuncts]
            if len(group) > 1 and all(self.is_countryish(g) for g in group):
                return group
        return []

    def spans(self, heads: list[Token]) -> list[ArgSpan]:
        """One span per actor, splitting coordinated country modifiers of a role noun."""
        out: list[ArgSpan] = []
        for h in heads:
            poss = [c for c in h.children if c.dep_ == "poss" and c.lower_ in ANAPHORS]
            if poss and h.pos_ == "NOUN" and (self.is_actorish(h) or h.lemma_.lower() in
                                              self.building) and \
                    h.lemma_.lower() not in RELATIONAL:
                ante = self.antecedent(poss[0])
                if ante:  # "their forces" -> the Bosnian Serbs' forces
                    role = h.doc[h.i : h.i + 1]
                    out.extend(ArgSpan(span=noun_phrase(a, self.is_actorish), role=role)
                               for a in ante)
                    continue
            if h.pos_ == "NOUN" and not self.is_countryish(h):
                mods = self.country_modifiers(h)
                if mods:
                    role = h.doc[h.i : h.i + 1]
                    out.extend(ArgSpan(span=noun_phrase(m), role=role) for m in mods)
                    continue
            out.append(ArgSpan(span=noun_phrase(h, self.is_actorish)))
        return out

    def deep(self, tok: Token, prep: str) -> list[Token]:
        """Objects of preposition ``prep`` anywhere in the trigger's object or own phrase,
        at most three levels down ("provide 70 million dollars of aid for Romania")."""
        frontier = [tok]
        for _ in range(3):
            nxt: list[Token] = []
            for node in frontier:
                for c in node.children:
                    if c.dep_ == "prep" and c.lower_ == prep and node is not tok:
                        objs = syntax.pobjs(c)
                        if objs:
                            return objs
                    if c.dep_ in ("dobj", "pobj", "prep", "nsubjpass", "attr"):
                        nxt.append(c)
            frontier = nxt
        return []

    def located(self, tok: Token) -> list[Token]:
        """The building or actor where something was put: "mines inside Tajik and Kyrgyz
        embassies" (searched in the trigger's phrase, at most three levels down)."""
        frontier = [tok]
        for _ in range(3):
            nxt: list[Token] = []
            for node in frontier:
                for c in node.children:
                    if c.dep_ == "prep" and c.lower_ in LOCATIVE_PREPS:
                        for o in syntax.pobjs(c):
                            if self.is_actorish(o) or o.lemma_.lower() in self.building:
                                return [o]
                    if c.dep_ in ("dobj", "pobj", "prep", "nsubjpass"):
                        nxt.append(c)
            frontier = nxt
        return []

    def appositive(self, head: Token) -> Span | None:
        """The apposition of a head ("Tokayev, the Kazakh president"), as a fallback span."""
        for c in head.children:
            if c.dep_ == "appos":
                return noun_phrase(c)
        if head.dep_ == "appos":
            return noun_phrase(head.head)
        return None
