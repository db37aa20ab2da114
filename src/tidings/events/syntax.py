"""Small, cheap questions about a token in the dependency parse.

Everything here looks at a token's children or walks a few steps up the tree; nothing
scans the sentence, so the event stage stays linear in the number of triggers.
The labels are those of spaCy's English pipelines (ClearNLP style: ``nsubj``, ``dobj``,
``nsubjpass``, ``agent``, ``prep``/``pobj``, ``xcomp``, ``ccomp``...).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Token

SUBJ = ("nsubj", "csubj", "expl")
PASS_SUBJ = ("nsubjpass", "csubjpass")
OBJ = ("dobj", "obj")
MODALS_FUTURE = frozenset({"will", "would", "shall", "'ll", "wo"})
MODALS_POSSIBLE = frozenset({"may", "might", "could", "can", "ca"})
CONDITION_MARKS = frozenset({"if", "unless", "provided", "should"})
STATIVE = frozenset({"oppose", "commit", "prepare", "determine", "resolve", "dispose", "engage",
                     "incline", "oblige", "set", "poise", "concern", "worry", "alarm",
                     "disappoint", "satisfy", "please"})
"""Participles that describe their subject's stance: "Israel is opposed to ..."."""
RELATIVE = frozenset({"who", "which", "that", "whom", "whose"})


def is_verb(tok: Token) -> bool:
    """A verb, including participles the tagger calls adjectives ("armed", "backed")."""
    return tok.pos_ == "VERB" or (tok.tag_.startswith("VB") and tok.pos_ != "AUX")


def main_verb_of_noun_root(tok: Token) -> bool:
    """"Thousands of miners protested ...": the parser made the noun the root and the verb
    a participle hanging on it; the verb is the sentence's predicate. Also one level down
    ("Doctors from two aid groups donated ...": the verb hangs on the root's of/from
    object)."""
    if tok.dep_ != "acl" or tok.tag_ not in ("VBD", "VBN"):
        return tok.dep_ == "acl" and tok.head.dep_ == "ROOT" and \
            tok.head.pos_ in ("NOUN", "PROPN")
    head = tok.head
    if head.dep_ == "ROOT":
        return head.pos_ in ("NOUN", "PROPN")
    return head.dep_ == "pobj" and head.head.dep_ == "prep" and head.head.head.dep_ == "ROOT" \
        and head.head.head.pos_ in ("NOUN", "PROPN") and not any(
            c.dep_ in ("nsubj", "nsubjpass", "auxpass", "aux") for c in tok.children)


def noun_root_subject(tok: Token) -> Token:
    """The subject of a verb that :func:`main_verb_of_noun_root` accepts: the root noun."""
    return tok.head if tok.head.dep_ == "ROOT" else tok.head.head.head


def is_passive(tok: Token) -> bool:
    return any(c.dep_ in ("auxpass", "nsubjpass", "csubjpass") for c in tok.children) or (
        tok.tag_ == "VBN" and tok.dep_ in ("acl", "amod") and not main_verb_of_noun_root(tok)
        and not any(c.dep_ in SUBJ for c in tok.children))


def is_negated(tok: Token) -> bool:
    """"did not attack", "never attacked", "no longer"; for nouns: "no talks"."""
    for c in tok.children:
        if c.dep_ == "neg":
            return True
        if c.dep_ == "det" and c.lower_ == "no":
            return True
    return False


def aux_words(tok: Token) -> set[str]:
    """Auxiliaries and modals of the verb (and of the verb its clause hangs on for xcomp)."""
    return {c.lower_ for c in tok.children if c.dep_ in ("aux", "auxpass")}


def is_future(tok: Token) -> bool:
    """"will send", "would send", "is going to send", "is to send"."""
    aux = aux_words(tok)
    if aux & MODALS_FUTURE:
        return True
    head = tok.head
    if tok.dep_ == "xcomp" and head.lemma_ == "go" and head.tag_ == "VBG":
        return True
    return tok.dep_ == "xcomp" and head.lemma_ == "be" and "to" in aux


def condition_marker(tok: Token) -> Token | None:
    """The condition the trigger is under, if any: an "if"/"unless" marker on its clause or
    a clause above it, or "case" in "in (the) case of" / "event" in "in the event of" on
    the way up the tree ("In the case of aggression ... shall provide aid")."""
    node = tok
    for _ in range(12):
        for c in node.children:
            if c.dep_ == "mark" and c.lower_ in CONDITION_MARKS:
                return c
            if c.dep_ == "advcl" and node is tok:
                for m in c.children:
                    if m.dep_ == "mark" and m.lower_ in ("unless", "if"):
                        return m
            if c.dep_ == "prep" and c.lower_ == "in":
                for p in c.children:
                    if p.dep_ == "pobj" and p.lower_ in ("case", "event") and any(
                            g.dep_ == "prep" and g.lower_ == "of" for g in p.children):
                        return p
        if node.lower_ in ("case", "event") and node.head.lower_ == "in":
            return node
        if node.head is node or node.dep_ in ("ccomp", "parataxis"):
            break  # a reported clause is not conditional on the report's conditions
        node = node.head
    return None


def children(tok: Token, *deps: str) -> list[Token]:
    return [c for c in tok.children if c.dep_ in deps]


def pobjs(prep: Token) -> list[Token]:
    """Objects of a preposition, including "according to"-style pcomp and conjuncts.

    When the parser left the preposition without an object and made the noun after it
    the subject of a following clause ("granted asylum to five officers holed up in
    ..."), that noun is the object."""
    out = [c for c in prep.children if c.dep_ in ("pobj", "pcomp")]
    if out or prep.dep_ not in ("prep", "dative") or prep.i + 1 >= len(prep.doc):
        return out
    node = prep.doc[prep.i + 1]
    for _ in range(4):
        if node.dep_ in ("nsubj", "nsubjpass"):
            if node.pos_ in ("NOUN", "PROPN") and node.left_edge.i == prep.i + 1 and \
                    node.head.i > node.i:
                return [node]
            return out
        if node.head is node or node.head.i <= prep.i:
            return out
        node = node.head
    return out


def preps(tok: Token) -> dict[str, list[Token]]:
    """Preposition lemma -> its objects, for the token's prepositional children.

    Covers the passive agent ("by"), prepositions attached to a particle ("put forward
    ... for"), and two-word prepositions ("out of", "away from": keyed by the last word).
    """
    out: dict[str, list[Token]] = {}
    for c in tok.children:
        if c.dep_ in ("prep", "agent", "dative") and c.pos_ in ("ADP", "SCONJ", "ADV"):
            objs = pobjs(c)
            if not objs:
                # "out of Iraq": prep(out) -> prep(of) -> pobj
                for cc in c.children:
                    if cc.dep_ == "prep":
                        objs = pobjs(cc)
                        if objs:
                            out.setdefault(cc.lower_, []).extend(objs)
                continue
            out.setdefault("by" if c.dep_ == "agent" else c.lower_, []).extend(objs)
    return out


def particles(tok: Token) -> set[str]:
    """Particles and bare prepositions/adverbs that complete a phrasal verb ("step down")."""
    out = set()
    for c in tok.children:
        if c.dep_ == "prt" or (c.dep_ in ("prep", "advmod") and not any(
                cc.dep_ in ("pobj", "pcomp") for cc in c.children)):
            out.add(c.lower_)
    return out


def direct_objects(tok: Token) -> list[Token]:
    """The direct object(s); in the passive, the passive subject."""
    if is_passive(tok) and tok.lemma_.lower() not in STATIVE:
        objs = children(tok, *PASS_SUBJ)
        if not objs and tok.dep_ in ("acl", "amod") and tok.head.pos_ in ("NOUN", "PROPN"):
            objs = [tok.head]  # "the villages attacked by ..."
        if not objs and tok.dep_ == "xcomp" and is_passive(tok.head):
            objs = direct_objects(tok.head)  # "a missile believed to be fired by ..."
        if not objs and tok.dep_ == "conj":
            # "the civilians imprisoned ... were released by Putin": the shared subject
            objs = children(tok.head, *SUBJ, *PASS_SUBJ)
        return objs
    return children(tok, *OBJ)


def subjects(tok: Token) -> list[Token]:
    """The subject of a verb (the agent in the passive), inherited where the syntax shares it.

    Handles coordination ("attacked and burned": the second verb's subject is the first's),
    control ("agreed to send": the subject of "send" is the subject of "agreed"; "asked X
    to send": X), relative clauses ("forces that attacked"), participles ("rebels, backed
    by ..."; "..., killing eight": the main clause's subject), and the appositive subject
    mis-attached by the parser ("Recall, President X on Monday appealed").
    """
    node = tok
    climbed = ""
    for _ in range(5):
        if is_passive(node):
            if climbed == "conj" and not is_passive(tok):
                # "X has been indicted by the court and will resign": the active conjunct
                # shares the passive subject, not the agent
                raised = children(node, *PASS_SUBJ)
                if raised:
                    return raised
            agents = [o for c in node.children if c.dep_ == "agent" for o in pobjs(c)]
            if agents:
                return agents
            if node is tok:
                if tok.lemma_.lower() in STATIVE:
                    return children(tok, *PASS_SUBJ)
                return []  # a passive without "by": no source
            raised = children(node, *PASS_SUBJ)
            if raised and climbed in ("xcomp", "pcomp", "advcl"):
                return raised  # "Obama is scheduled to attend": raising to subject
            return []
        else:
            subj = children(node, *SUBJ)
            if subj:
                s = subj[0]
                if s.lower_ in RELATIVE and node.dep_ == "relcl":
                    return [node.head]
                if s.i == s.sent.start and s.i + 1 < len(s.doc) and s.nbor(1).text == "," \
                        and s.pos_ in ("PROPN", "NOUN"):
                    # "Recall, President X appealed": the parser took the discourse word
                    # for the subject and hung the name under it
                    rest = [c for c in s.children if c.dep_ in ("npadvmod", "appos")
                            and c.ent_type_ in ("PERSON", "ORG", "GPE", "NORP")]
                    if rest:
                        return rest
                return [s]
        dep = node.dep_
        head = node.head
        climbed = dep
        if head is node:
            return []
        if dep == "conj" and is_verb(head):
            node = head
            continue
        if dep == "xcomp":
            objs = children(head, *OBJ)
            if objs and head.lemma_ not in ("promise", "vow", "pledge", "threaten", "agree"):
                return objs  # object control: "urged the EU to act"
            node = head
            continue
        if dep == "relcl" and head.pos_ in ("NOUN", "PROPN", "PRON"):
            return [head]
        if dep in ("acl", "amod") and head.pos_ in ("NOUN", "PROPN"):
            if main_verb_of_noun_root(node):
                return [noun_root_subject(node)]
            if node.tag_ == "VBG":
                return [head]  # "forces attacking the town"
            return []
        if dep == "advcl" and (node.tag_ == "VBG" or any(
                a.dep_ == "aux" and a.lower_ == "to" for a in node.children)):
            node = head  # "..., killing eight"; "sent troops to guard": the main subject
            continue
        if dep == "pcomp" and head.dep_ == "prep":
            # "by attacking", "after meeting": the subject of the clause above
            node = head.head
            continue
        if dep in ("acomp", "attr") and head.lemma_ == "be":
            node = head  # "are guilty of violating": the copula's subject
            continue
        return []
    return []


def copula_head(tok: Token) -> Token:
    """For an adjective frame ("is willing to"), the token whose subject is the subject."""
    return tok.head if tok.dep_ in ("acomp", "amod") and tok.head.lemma_ == "be" else tok
