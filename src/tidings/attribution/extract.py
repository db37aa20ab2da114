"""Attribution relations from the parse: who (source) says (cue) what (content).

Rules, in the order they claim cue words:

1. passive quoting, "X was quoted as saying by Y": two relations, Y citing X;
2. reporting verbs (lexicon lemmas and forms learned from PolNeAR train) with a
   complement clause, an adjacent direct quote, an object (for verbs that take one), a
   colon, or a main clause before them ("..., the minister said");
3. "according to X" adjuncts and hedging adverbs ("reportedly": no source);
4. a parse-free fallback for sentence-final ", NP says/report(s) ..." tails the parser
   got wrong;
5. "citing X" / "referring to X" / "quoting X" after a cue: X is cited by the cue's source;
6. quotes without a cue of their own continue the previous quote's speaker when they
   open a paragraph or follow it in the same paragraph.

Each relation's ``parent`` is the relation whose content holds its cue (nesting), or the
relation it is cited through.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from spacy.tokens import Doc, Span, Token

from tidings.annotations import AttributionRelation
from tidings.attribution.frames import CueModel, features, load_model, noun_features
from tidings.attribution.lexicon import CueLexicon, load_lexicon
from tidings.attribution.quotes import Quote, find_quotes, paragraphs


def doc_text(doc: Doc) -> str:
    """``doc.text``, read once per document: spaCy rebuilds the string from every token
    at each read, which made the rules quadratic in the document's length."""
    text = doc.user_data.get("tidings.text")
    if text is None:
        text = doc.user_data["tidings.text"] = doc.text
    return str(text)


_SUBJ = ("nsubj", "csubj")
_CUT = ("relcl", "acl")
_QUOTE_MARKS = "“”\"«»„'‘’"
_TRAIL = ",;:.—–-"
_TAIL_FORMS = frozenset({"report", "reports", "reported", "says", "said", "say", "told",
                         "tells", "added", "adds", "writes", "wrote", "claimed", "claims",
                         "stated", "states", "noted", "notes", "announced", "confirmed",
                         "explained", "insisted", "warned", "argued", "suggested",
                         "reminded", "reminds"})
_XCOMP = frozenset({"ask", "urge", "call", "want", "expect", "promise", "vow", "pledge",
                    "tell", "agree", "refuse", "decline", "seek", "hope", "threaten",
                    "plan", "intend", "demand", "appear", "seem", "warn"})
_IMPERSONAL = frozenset({"report", "say", "believe", "expect", "think", "allege", "rumor",
                         "rumour", "understand", "know", "estimate"})
_GAP_TOKENS = 14
_PREP_CONTENT = frozenset({"about", "for", "on", "of", "against", "to", "at", "with"})
THRESHOLD = 0.4
_INVERTED_TAIL = 8
NOUN_THRESHOLD = 0.5
_HEARER_OBJECT = frozenset({"tell", "inform", "remind", "notify", "assure", "warn", "ask"})
Char = tuple[int, int]
_ANONYMITY = re.compile(r"(not )?to be (named|identified|quoted)\b", re.IGNORECASE)
_CLOSING = re.compile(r"[.,!?;:…]{0,3}[”\"]")


class Extractor:
    """Finds the attribution relations of one parsed document."""

    def __init__(self, lexicon: CueLexicon | None = None, model: CueModel | None = None,
                 threshold: float = THRESHOLD) -> None:
        self.lex = lexicon or load_lexicon()
        self.model = model if model is not None else load_model()
        self.threshold = threshold
        self.noun_threshold = NOUN_THRESHOLD
        self._through: dict[int, AttributionRelation] = {}

    # ------------------------------------------------------------------ public
    def relations(self, doc: Doc) -> list[AttributionRelation]:
        text = doc_text(doc)
        if not doc.has_annotation("DEP"):
            return []  # the rules walk the parse; a pipeline without a parser finds nothing
        self._through = {}
        quotes = find_quotes(text)
        used: set[int] = set()
        rels: list[AttributionRelation] = []
        for sent in doc.sents:
            rels.extend(self._sentence(sent, quotes, used))
        rels = [r for r in (_clip(text, r, quotes) for r in rels) if r is not None]
        rels.extend(self._continued_quotes(text, quotes, rels))
        rels.sort(key=lambda r: (r.cue[0], r.parent is not None))
        nest(rels, self._through)
        return rels

    # ------------------------------------------------------------- sentences
    def _sentence(self, sent: Span, quotes: list[Quote],
                  used: set[int]) -> list[AttributionRelation]:
        out: list[AttributionRelation] = []
        for tok in sent:
            if tok.i in used or _quote_at(quotes, tok.idx) is not None:
                continue  # reporting inside a direct quote is the speaker's, not news
            if tok.lower_ == "according" and tok.i + 1 < len(tok.doc) \
                    and tok.doc[tok.i + 1].lower_ == "to":
                out.extend(self._according(tok, sent, used))
            elif tok.lower_ in self.lex.adverbs:
                out.extend(self._adverb(tok, used))
            elif tok.lemma_.lower() == "quote" and tok.pos_ == "VERB" and _agent(tok):
                out.extend(self._quoted_by(tok, sent, quotes, used))
            elif tok.tag_ == "VBG" and tok.lemma_.lower() in self.lex.citing:
                continue  # "citing X", "referring to X": taken with the cue they follow
            elif tok.pos_ == "VERB" and self._is_cue(tok, sent, quotes):
                out.extend(self._verb(tok, sent, quotes, used))
            elif tok.pos_ == "NOUN" and self._is_noun_cue(tok, sent, quotes):
                out.extend(self._noun(tok, sent, quotes, used))
        if not any(sent.start_char <= r.cue[0] < sent.end_char for r in out):
            out.extend(self._tail(sent, used))
        if not out:
            out.extend(self._headline_colon(sent, used))
        return out

    def _headline_colon(self, sent: Span, used: set[int]) -> list[AttributionRelation]:
        """"Name: claim" (headlines, captions): the name before the colon says the rest."""
        doc = sent.doc
        for tok in sent[:7]:
            if tok.text != ":":
                continue
            before = doc[sent.start:tok.i]
            after = doc[tok.i + 1:sent.end]
            if not before or len(after) < 3 or any(t.pos_ in ("VERB", "AUX") for t in before):
                return []
            if not all(t.pos_ in ("PROPN", "DET", "PUNCT", "ADJ", "NOUN") for t in before) \
                    or not any(t.ent_type_ in ("PERSON", "ORG", "NORP", "GPE") for t in before):
                return []
            used.add(tok.i)
            return [_relation(doc, _tokens_span(doc, sent.start, tok.i), (tok.idx, tok.idx + 1),
                              _tokens_span(doc, tok.i + 1, sent.end))]
        return []

    def _is_cue(self, v: Token, sent: Span, quotes: list[Quote]) -> bool:
        """A verb is a cue when the learned model says so, or, for lemmas the model has
        not seen, when the lexicon lists it."""
        lemma = v.lemma_.lower()
        adj = any(q.start < sent.end_char and q.end > sent.start_char
                  and _adjacent(v.doc, q, v) for q in quotes)
        if not self.model.known(lemma):
            return self.lex.is_verb_cue(lemma, v.lower_)
        return self.model.probability(features(v, adj)) >= self.threshold

    def _is_noun_cue(self, n: Token, sent: Span, quotes: list[Quote]) -> bool:
        """Nominal cues ("a statement", "her support for") only as the model learned them."""
        if not self.model.known_noun(n.lemma_.lower()):
            return False
        if n.dep_ == "pobj" and n.head.head.lemma_.lower() in self.lex.verbs:
            return False  # "said in a statement": the verb is the cue
        adj = any(q.start < sent.end_char and q.end > sent.start_char
                  and _adjacent(n.doc, q, n) for q in quotes)
        return self.model.probability(noun_features(n, adj)) >= self.noun_threshold

    def _noun(self, n: Token, sent: Span, quotes: list[Quote],
              used: set[int]) -> list[AttributionRelation]:
        """A nominal cue: its clause or prepositional object (or an adjacent quote) is the
        content; the possessor, a name before it, or the subject of the verb it is the
        object of ("X issued a statement") is the source."""
        doc = n.doc
        content: Char | None = None
        cue_end = n.i
        for c in n.children:
            if c.i < n.i:
                continue
            if c.dep_ in ("acl", "ccomp") and any(k.dep_ == "mark" for k in c.children):
                content = _tokens_span(doc, c.left_edge.i, c.right_edge.i + 1)
                break
            if c.dep_ == "prep" and c.lower_ in _PREP_CONTENT | {"from"}:
                pobjs = [k for k in c.children if k.dep_ in ("pobj", "pcomp")]
                if pobjs:
                    content = _tokens_span(doc, pobjs[0].left_edge.i,
                                           _cut_right(pobjs[0]) + 1)
                    cue_end = c.i
                break
        if content is None:
            near = [q for q in quotes if q.start < sent.end_char and q.end > sent.start_char
                    and _adjacent(doc, q, n)]
            if not near:
                return []
            content = (near[0].start, near[0].end)
        source: Char | None = None
        poss = [c for c in n.children if c.dep_ == "poss"]
        names = [c for c in n.children if c.dep_ == "compound" and c.pos_ == "PROPN"]
        if poss:
            source = _np_span(doc, poss[0])
        elif names:
            source = _tokens_span(doc, names[0].left_edge.i, names[-1].i + 1)
        elif n.dep_ in ("dobj", "attr") and n.head.pos_ in ("VERB", "AUX"):
            source = self._source(n.head)
        left = n.i
        while left - 1 >= 0 and doc[left - 1].head.i == n.i and doc[left - 1].dep_ in (
                "det", "amod", "advmod"):
            left -= 1
        used.add(n.i)
        return [_relation(doc, source, (doc[left].idx, doc[cue_end].idx + len(doc[cue_end])),
                          content)]

    def _verb(self, v: Token, sent: Span, quotes: list[Quote],
              used: set[int]) -> list[AttributionRelation]:
        content = self._content(v, sent, quotes)
        if content is None or _ANONYMITY.match(doc_text(v.doc)[content[0]:content[1]]):
            return []  # "who asked not to be named" is about the source, not a claim
        source = self._source(v)
        if source is None and any(c.dep_ in ("auxpass", "nsubjpass") for c in v.children) \
                and v.lemma_.lower() not in _IMPERSONAL:
            return []  # "explosives were found": a passive with nobody finding
        used.add(v.i)
        cue = _cue_span(v, content)
        rel = _relation(v.doc, source, cue, content)
        rels = [rel]
        for q in quotes:  # "“A,” she said, “B.”": the other half of a split quote
            if (q.start, q.end) != content and q.start < sent.end_char \
                    and q.end > sent.start_char and _quote_at(quotes, v.idx) is not q \
                    and _adjacent(v.doc, q, v) and _is_quote(content, quotes):
                rels.append(_relation(v.doc, source, cue, (q.start, q.end)))
        return [*rels, *self._citing(v, rel, used)]

    def _content(self, v: Token, sent: Span, quotes: list[Quote]) -> Char | None:
        """What the verb reports: its clause, an adjacent quote, its object, or the
        main clause before an inverted ", X said"."""
        doc = v.doc
        inside = _quote_at(quotes, v.idx)
        near = [q for q in quotes if q.start < sent.end_char and q.end > sent.start_char
                and q is not inside and not (q.start <= v.idx < q.end)
                and _adjacent(doc, q, v)]
        comps = [c for c in v.children if c.dep_ == "ccomp" or (
            c.dep_ == "advcl" and c.i > v.i
            and any(k.dep_ == "mark" and k.lower_ == "that" for k in c.children))]
        if not comps and v.lemma_.lower() in _XCOMP:
            comps = [c for c in v.children if c.dep_ in ("xcomp", "advcl")
                     and c.i > v.i and c.pos_ in ("VERB", "AUX")]
        if comps:
            c = comps[0]
            left = c.left_edge.i
            for k in c.children:  # "reports, citing officials, that ...": not the citing
                if k.i < c.i and k.tag_ == "VBG" and k.lemma_.lower() in self.lex.citing:
                    left = max(left, k.right_edge.i + 1)
            span = _tokens_span(doc, left, c.right_edge.i + 1)
            for q in near:
                if q.start < span[1] and q.end > span[0]:
                    return (min(q.start, span[0]), max(q.end, span[1]))
            return span
        objs = [c for c in v.children if c.dep_ in ("dobj", "attr")]
        if objs and v.lemma_.lower() not in _HEARER_OBJECT:
            o = objs[0]
            holding = [q for q in near if q.start <= o.idx < q.end]
            if holding:
                return (holding[0].start, holding[0].end)
            if not any(q.end <= v.idx for q in near):
                right = _cut_right(o)
                for c in v.children:  # "wants you to know", "accused him of lying"
                    if c.i > o.i and (c.dep_ in ("xcomp", "oprd") or (
                            c.dep_ == "prep" and c.lower_ in _PREP_CONTENT
                            and c.i == right + 1)):
                        right = max(right, c.right_edge.i)
                return _tokens_span(doc, o.left_edge.i, right + 1)
        if near:
            q = min(near, key=lambda q: min(abs(q.start - v.idx), abs(q.end - v.idx)))
            return (q.start, q.end)
        colon = _colon_after(v, sent)
        if colon is not None:
            return self._after_colon(doc, colon, sent, quotes)
        subj = [c for c in v.children if c.dep_ in _SUBJ]
        after = [t for t in doc[v.i + 1: sent.end] if not t.is_punct]
        if subj and v.i > sent.start + 2 and len(after) <= _INVERTED_TAIL:
            left = subj[0].left_edge.i
            before = doc[sent.start: max(sent.start, left - 1)]
            if left > sent.start + 1 and doc[left - 1].text in ",—–" \
                    and any(t.pos_ in ("VERB", "AUX") for t in before):
                return _tokens_span(doc, sent.start, left - 1)
        preps = [c for c in v.children if c.dep_ == "prep" and c.i > v.i
                 and c.lower_ in _PREP_CONTENT | {"as"}
                 and v.lemma_.lower() not in ("say", "tell")]
        if preps:
            pobjs = [c for c in preps[0].children if c.dep_ in ("pobj", "pcomp")]
            if pobjs:
                return _tokens_span(doc, pobjs[0].left_edge.i, _cut_right(pobjs[0]) + 1)
        so = [c for c in v.children if c.lower_ in ("so", "yes", "no") and c.i > v.i
              and c.dep_ in ("advmod", "intj", "dobj")]
        if so:
            return (so[0].idx, so[0].idx + len(so[0]))  # "55 percent said so"
        passive = [c for c in v.children if c.dep_ == "nsubjpass"]
        if passive and _agent(v) is not None:  # "the meeting was first reported by X"
            return _np_span(doc, passive[0])
        return None

    @staticmethod
    def _after_colon(doc: Doc, colon: int, sent: Span, quotes: list[Quote]) -> Char | None:
        """What follows "X said:": the rest of the sentence, or, when the colon ends it,
        the quote (or sentence) that comes next."""
        if colon + 1 < sent.end and any(not t.is_punct for t in doc[colon + 1: sent.end]):
            return _tokens_span(doc, colon + 1, sent.end)
        end = doc[colon].idx + 1
        for q in quotes:
            if end <= q.start <= end + 4:
                return (q.start, q.end)
        if sent.end < len(doc):
            nxt = doc[sent.end].sent
            return _tokens_span(doc, nxt.start, nxt.end)
        return None

    def _source(self, v: Token) -> Char | None:
        """The verb's subject (or the agent of a passive), climbing through participles
        ("..., adding that") and coordination to the verb that has one."""
        doc = v.doc
        tok: Token | None = v
        for _ in range(4):
            if tok is None:
                break
            agent = _agent(tok)
            if agent is not None:
                return _np_span(doc, agent)
            subj = [c for c in tok.children if c.dep_ in _SUBJ]
            if subj:
                s = subj[0]
                if s.tag_ == "WDT" and tok.dep_ == "relcl":
                    return _np_span(doc, tok.head)  # "the group that said": the group
                return _np_span(doc, s)  # PolNeAR takes "who" itself as the source
            if tok.dep_ in ("relcl", "acl"):
                return _np_span(doc, tok.head)
            if tok.dep_ in ("xcomp", "advcl", "conj", "pcomp", "prep", "acomp") \
                    and tok.head.i != tok.i:
                tok = tok.head
                continue
            break
        return None

    def _citing(self, v: Token, outer: AttributionRelation,
                used: set[int]) -> list[AttributionRelation]:
        """Sources the cue's source relies on: "citing X", "referring to X", "quoting X"."""
        out = []
        cands = [t for t in v.subtree if t.dep_ in ("advcl", "xcomp", "conj", "prep", "acl")
                 and (t.head.i == v.i or (t.head.head.i == v.i and t.tag_ == "VBG"))]
        for c in cands:
            rel = self._cited(c, outer, used)
            if rel is not None:
                out.append(rel)
        return out

    def _cited(self, c: Token, outer: AttributionRelation,
               used: set[int]) -> AttributionRelation | None:
        if c.lemma_.lower() not in self.lex.citing or c.i in used:
            return None
        doc = c.doc
        target: Token | None = None
        cue_end = c.idx + len(c)
        for k in c.children:
            if k.dep_ == "dobj":
                target = k
            elif k.dep_ == "prep" and k.lower_ == "to":
                objs = [p for p in k.children if p.dep_ == "pobj"]
                if objs:
                    target = objs[0]
                    cue_end = k.idx + len(k)
        if target is None:
            return None
        used.add(c.i)
        rel = _relation(doc, _np_span(doc, target), (c.idx, cue_end), outer.content)
        self._through[id(rel)] = outer
        return rel

    def _quoted_by(self, v: Token, sent: Span, quotes: list[Quote],
                   used: set[int]) -> list[AttributionRelation]:
        """"X was quoted as saying by Y": Y reports, citing X."""
        agent = _agent(v)
        assert agent is not None
        doc = v.doc
        content = self._content(v, sent, quotes)
        if content is None:
            near = [q for q in quotes if q.start < sent.end_char and q.end > sent.start_char]
            if not near:
                return []
            content = (near[0].start, near[-1].end)
        first = min([v.i, *[c.i for c in v.children if c.dep_ == "auxpass"]])
        by = agent.head
        inner_end = by.i - 1 if by.i > v.i else v.i
        for t in doc[v.i: by.i]:
            used.add(t.i)
        outer = _relation(doc, _np_span(doc, agent),
                          (doc[first].idx, by.idx + len(by)), content)
        subj = [c for c in v.children if c.dep_ in ("nsubjpass", "nsubj")]
        rels = [outer]
        if subj:
            inner = _relation(doc, _np_span(doc, subj[0]),
                              (doc[first].idx, doc[inner_end].idx + len(doc[inner_end])),
                              content)
            self._through[id(inner)] = outer
            rels.append(inner)
        return rels

    def _according(self, tok: Token, sent: Span,
                   used: set[int]) -> list[AttributionRelation]:
        doc = tok.doc
        to = doc[tok.i + 1]
        objs = [c for c in to.children if c.dep_ == "pobj"] or \
            [c for c in tok.children if c.dep_ == "pobj"]
        if not objs:
            return []
        used.update((tok.i, to.i))
        src = _np_span(doc, objs[0])
        p0 = tok.i
        p1 = max(objs[0].right_edge.i, to.i) + 1
        if p0 <= sent.start + 1:
            k = p1
            while k < sent.end and doc[k].is_punct and doc[k].text not in _QUOTE_MARKS:
                k += 1
            content = _tokens_span(doc, k, sent.end)
        elif p1 >= sent.end - 1 or (p1 < sent.end and doc[p1].is_punct
                                     and p1 + 1 >= sent.end - 1):
            content = _tokens_span(doc, sent.start, p0)
        else:
            content = _tokens_span(doc, sent.start, sent.end)
        return [_relation(doc, src, (tok.idx, to.idx + len(to)), content)]

    def _adverb(self, tok: Token, used: set[int]) -> list[AttributionRelation]:
        head = tok.head
        if head.i == tok.i:
            return []
        used.add(tok.i)
        content = _tokens_span(tok.doc, head.left_edge.i, head.right_edge.i + 1)
        return [_relation(tok.doc, None, (tok.idx, tok.idx + len(tok)), content)]

    def _tail(self, sent: Span, used: set[int]) -> list[AttributionRelation]:
        """Sentence-final ", NP says ..." read off the words when the parse missed it."""
        doc = sent.doc
        toks = list(sent)
        for ci, comma in enumerate(toks):
            if comma.text != "," or ci < 3:
                continue
            k = ci + 1
            while k < len(toks) and toks[k].pos_ in ("DET", "PROPN", "NOUN", "ADJ", "CCONJ",
                                                     "PRON", "NUM", "PART") \
                    and toks[k].lower_ not in _TAIL_FORMS:
                k += 1
            if k == ci + 1 or k >= len(toks) or toks[k].lower_ not in _TAIL_FORMS:
                continue
            if toks[k].i in used or not any(t.pos_ in ("PROPN", "NOUN", "PRON")
                                            for t in toks[ci + 1:k]):
                continue
            if not any(t.pos_ in ("VERB", "AUX") for t in toks[:ci]):
                continue
            cue = toks[k]
            used.add(cue.i)
            content = _tokens_span(doc, sent.start, comma.i)
            outer = _relation(doc, _tokens_span(doc, toks[ci + 1].i, cue.i),
                              (cue.idx, cue.idx + len(cue)), content)
            rels = [outer]
            for t in toks[k + 1:]:
                if t.lemma_.lower() in self.lex.citing and t.pos_ == "VERB":
                    rel = self._cited(t, outer, used)
                    if rel is not None:
                        rels.append(rel)
                    break
            return rels
        return []

    # ---------------------------------------------------------- continued quotes
    def _continued_quotes(self, text: str, quotes: list[Quote],
                          rels: list[AttributionRelation]) -> list[AttributionRelation]:
        """Quotes without a cue that go on with the previous quote's speaker."""
        paras = paragraphs(text)
        out: list[AttributionRelation] = []
        owner: dict[int, AttributionRelation] = {}
        for r in rels:
            for qi, q in enumerate(quotes):
                if r.content[0] <= q.start and q.end <= r.content[1] + 1 \
                        and id(r) not in self._through:
                    owner.setdefault(qi, r)
        cue_starts = [r.cue[0] for r in rels]
        for qi, q in enumerate(quotes):
            if qi in owner or qi == 0 or (qi - 1) not in owner:
                continue
            if any(q.start <= c < q.end for c in cue_starts):
                continue  # the quote holds reporting of its own
            prev = quotes[qi - 1]
            same_para = _para_of(paras, prev.start) == _para_of(paras, q.start)
            next_para = _para_of(paras, q.start) == _para_of(paras, prev.start) + 1
            if not (same_para or (q.para_start and next_para)):
                continue
            base = owner[qi - 1]
            if _cue_between([c for c in cue_starts if c != base.cue[0]], prev.end, q.start):
                continue
            rel = AttributionRelation(source=base.source, cue=base.cue,
                                      content=(q.start, q.end), source_text=base.source_text,
                                      cue_text=base.cue_text, kind=base.kind)
            out.append(rel)
            owner[qi] = base
        return out


# ---------------------------------------------------------------- helpers
def nest(rels: list[AttributionRelation],
         through: dict[int, AttributionRelation] | None = None) -> None:
    """Set ``parent``: the relation a citing relation goes through, else the innermost
    relation whose content holds this relation's cue."""
    index = {id(r): i for i, r in enumerate(rels)}
    for i, r in enumerate(rels):
        outer = (through or {}).get(id(r))
        if outer is not None and id(outer) in index:
            r.parent = index[id(outer)]
            continue
        best: int | None = None
        for j, o in enumerate(rels):
            if j == i or o.cue == r.cue:
                continue
            holds = o.content[0] <= r.cue[0] and r.cue[1] <= o.content[1]
            if holds and (best is None or o.content[1] - o.content[0]
                          < rels[best].content[1] - rels[best].content[0]):
                best = j
        r.parent = best
    _break_cycles(rels)


def _break_cycles(rels: list[AttributionRelation]) -> None:
    for r in rels:
        seen: set[int] = set()
        cur = r
        while cur.parent is not None:
            if cur.parent in seen:
                cur.parent = None
                break
            seen.add(cur.parent)
            cur = rels[cur.parent]


def _close_quotes(text: str, span: Char) -> Char:
    """Take in the quote marks a content leaves open: "“We won" -> "“We won.”", and
    "We won" between marks -> "“We won.”" (the corpus keeps marks and the punctuation
    inside them)."""
    a, b = span
    body = text[a:b]
    opened = body.count("“") - body.count("”")
    if body.count('"') % 2 == 1:
        opened += 1
    if opened <= 0 and a > 0 and text[a - 1] in "“\"":
        m = _CLOSING.match(text, b)
        if m:
            return a - 1, m.end()
    if opened > 0:
        m = _CLOSING.match(text, b)
        if m:
            return a, m.end()
    return a, b


def _relation(doc: Doc, source: Char | None, cue: Char,
              content: Char) -> AttributionRelation:
    text = doc_text(doc)
    content = _close_quotes(text, content)
    return AttributionRelation(source=source, cue=cue, content=content,
                               source_text=text[source[0]:source[1]] if source else "",
                               cue_text=text[cue[0]:cue[1]])


def _agent(v: Token) -> Token | None:
    """The object of a passive's "by" (directly, or after "as saying")."""
    for c in v.children:
        if c.dep_ == "agent" or (c.dep_ == "prep" and c.lower_ == "by"
                                 and any(k.dep_ == "auxpass" for k in v.children)):
            objs = [p for p in c.children if p.dep_ == "pobj"]
            if objs:
                return objs[0]
        if c.dep_ == "prep" and c.lower_ == "as":
            for p in c.children:
                if p.dep_ == "pcomp":
                    found = _agent_of_as(p)
                    if found is not None:
                        return found
    return None


def _agent_of_as(p: Token) -> Token | None:
    for k in p.children:
        if k.dep_ in ("prep", "agent") and k.lower_ == "by":
            objs = [o for o in k.children if o.dep_ == "pobj"]
            if objs:
                return objs[0]
    return None


def _np_span(doc: Doc, head: Token) -> Char:
    """A source phrase's span: its subtree without relative clauses on the right, with an
    appositive and its closing comma ("Smith, a former envoy,"), without a dateline or
    an earlier paragraph glued on by the parser."""
    left = head.left_edge.i
    right = _cut_right(head)
    appos = [c for c in head.children if c.dep_ == "appos" and c.i > head.i]
    if appos and all(c.dep_ not in _CUT for c in head.children if head.i < c.i < appos[0].i):
        right = max(right, appos[0].right_edge.i)
        if right + 1 < len(doc) and doc[right + 1].text == "," and right + 2 < len(doc):
            right += 1
    for k in range(head.i - 1, left - 1, -1):  # "9:05 p.m.\n\nSanders", "MACAU (Reuters) –"
        if "\n" in doc[k].text or doc[k].text in ("–", "—") or "\n" in doc[k].whitespace_:
            left = k + 1
            break
    while left < head.i and doc[left].text in _QUOTE_MARKS:
        left += 1
    a, b = _tokens_span(doc, left, right + 1)
    if doc_text(doc)[b - 1:b] != "," and right < len(doc) and doc[right].text == ",":
        b = doc[right].idx + 1
    return a, b


def _cut_right(head: Token) -> int:
    right = head.i
    for c in head.children:
        if c.i > head.i and c.dep_ not in _CUT and not (c.dep_ == "punct" and c.text == ","):
            right = max(right, c.right_edge.i)
        elif c.i > head.i:
            break
    return right


def _tokens_span(doc: Doc, i0: int, i1: int) -> Char:
    """Character span of tokens [i0, i1), without dangling punctuation at either end
    (quote marks stay)."""
    while i0 < i1 - 1 and doc[i0].is_punct and doc[i0].text not in _QUOTE_MARKS:
        i0 += 1
    while i1 - 1 > i0 and (doc[i1 - 1].is_space or (
            doc[i1 - 1].text in _TRAIL and doc[i1 - 1].text not in _QUOTE_MARKS)):
        i1 -= 1
    return doc[i0].idx, doc[i1 - 1].idx + len(doc[i1 - 1])


def _colon_after(v: Token, sent: Span) -> int | None:
    """Index of a colon right after the verb (or after its short object/complement)."""
    for k in range(v.i + 1, min(v.i + 6, sent.end - 1)):
        t = v.doc[k]
        if t.text == ":":
            return k
        if t.pos_ == "VERB" or t.text in ".;":
            return None
    return None


def _is_quote(content: Char, quotes: list[Quote]) -> bool:
    return any((q.start, q.end) == content for q in quotes)


_MEDIUM = frozenset({"statement", "interview", "email", "e-mail", "tweet", "post", "letter",
                     "release", "speech", "op-ed", "message", "memo", "video"})
_CUE_ADVERBS = frozenset({"also", "just", "previously", "repeatedly", "publicly", "later",
                          "recently", "first", "then", "once", "often", "still", "again"})
_CUE_LEFT = ("aux", "auxpass", "neg", "advmod")


def _cue_span(v: Token, content: Char) -> Char:
    """The cue: the verb with the auxiliaries, negation and adverbs right before it
    ("has also said"), its particle, and the preposition that introduces the content
    ("called for")."""
    doc = v.doc
    left = v.i
    kids = {c.i: c for c in v.children}
    while left - 1 >= 0 and (left - 1) in kids and kids[left - 1].dep_ in _CUE_LEFT \
            and kids[left - 1].lower_ not in ("reportedly", "allegedly", "when", "then"):
        left -= 1
    if left < v.i and doc[left].dep_ == "advmod" and not any(
            doc[k].dep_ in ("aux", "auxpass", "neg") for k in range(left, v.i)) \
            and doc[left].lower_ not in _CUE_ADVERBS:
        left = v.i  # a lone adverb ("recently said") stays out, as in most gold cues
    right = v.i
    for c in v.children:
        if c.dep_ == "prt" and c.i == right + 1:
            right = c.i
    nxt = right + 1
    if nxt + 2 < len(doc) and doc[nxt].lower_ == "in" and doc[nxt].head.i == v.i \
            and doc[nxt + 2].lemma_.lower() in _MEDIUM and doc[nxt + 2].head.i == nxt:
        right = nxt + 2  # "said in a statement"
        nxt = right + 1
    if nxt < len(doc) and doc[nxt].text == ":":
        return doc[left].idx, doc[nxt].idx + 1
    if nxt < len(doc) and doc[nxt].dep_ == "prep" and doc[nxt].head.i == v.i \
            and doc[nxt].idx < content[0] <= doc[nxt].idx + len(doc[nxt]) + 1 + 40 \
            and content[0] > v.idx and any(t.idx == content[0] for t in doc[nxt].subtree):
        right = nxt
    return doc[left].idx, doc[right].idx + len(doc[right])


def _adjacent(doc: Doc, q: Quote, v: Token) -> bool:
    """The quote sits next to the verb. Before it, only the verb's own subject,
    auxiliaries and punctuation may come between ("“...,” the minister said"); after
    it, a few tokens with no other verb ("said on Friday: “...”")."""
    if q.end <= v.idx:
        sp = doc.char_span(q.end, v.idx, alignment_mode="contract")
        gap = list(sp) if sp is not None else []
        if len(gap) > _GAP_TOKENS:
            return False
        allowed: set[int] = set()
        for c in v.children:
            if c.dep_ in _SUBJ or c.dep_ in ("nsubjpass", *_CUE_LEFT):
                allowed.update(t.i for t in c.subtree)
        return all(t.is_punct or t.is_space or t.i in allowed for t in gap)
    sp = doc.char_span(v.idx + len(v), q.start, alignment_mode="contract")
    gap = list(sp) if sp is not None else []
    if len(gap) > _GAP_TOKENS:
        return False
    return not any(t.pos_ == "VERB" for t in gap)


def _clip(text: str, rel: AttributionRelation,
          quotes: list[Quote]) -> AttributionRelation | None:
    """Keep a content that is not a quote inside the cue's paragraph (the parser
    sometimes runs a sentence across a paragraph break)."""
    a, b = rel.content
    if any(q.start == a or q.end == b for q in quotes):
        return rel
    for pa, pb in paragraphs(text):
        if pa <= rel.cue[0] < pb:
            a, b = max(a, pa), min(b, pb)
            while b > a and (text[b - 1].isspace() or text[b - 1] in _TRAIL):
                b -= 1
            while a < b and text[a].isspace():
                a += 1
            if b <= a:
                return None
            rel.content = (a, b)
            return rel
    return rel


def _quote_at(quotes: Iterable[Quote], i: int) -> Quote | None:
    for q in quotes:
        if q.start <= i < q.end:
            return q
    return None


def _para_of(paras: list[tuple[int, int]], i: int) -> int:
    for k, (a, b) in enumerate(paras):
        if a <= i < b:
            return k
    return -1


def _cue_between(cues: list[int], a: int, b: int) -> bool:
    return any(a <= c < b for c in cues)
