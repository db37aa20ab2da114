"""Who did it, to whom, with what: document-level role fillers of violent incidents.

MUC-4 style incident templates name, for a story's attacks, bombings, kidnappings,
arson and robberies, the perpetrators (individuals and organizations), the physical
targets, the human targets (victims) and the weapons. Event records already carry
sources and targets sentence by sentence; this module reads the whole story instead,
because fillers are often named a sentence or two away from the act ("the FMLN
claimed responsibility", "the bomb was placed at the door").

How. Every noun phrase and named entity of the parse is a candidate mention; each
gives a few span variants (the phrase without leading determiners, quantities or wire
tags, its head, its compound-and-head, a name inside it, the run of nouns and adjectives
holding its head, the phrase with its "of" complement, a bracketed acronym after it).
A multinomial logistic regression scores each phrase for none / the five roles from
sparse features: words, head, lemma, named-entity label, dependency relation and
governing verb, preposition ("by", "against"), the verbs of its sentence, whether the
sentence states a violent event of tidings' (CAMEO root 17-20, its factuality) and
whether the phrase is that event's source or target (and its sectors), the sentence's
place in the story, how often the phrase recurs, and small lexicons (organization
words, person nouns, weapons). With the shipped model a phrase is judged on the
features of all its mentions together (:func:`phrases`). Phrases above the role's
threshold are grouped into entities (variants of one mention, same head word, one
phrase holding the other's words, an acronym of the other) and each entity is reported
by its best-scoring phrase, at most the role's limit of them.

The weights, thresholds and limits are fitted on the MUC-4 training documents only
(GRIT's ``train.json``, texts of ``raw/dev``) by ``tools/train_incident_roles.py``; they
ship in ``data/incident_roles.json.gz``. The model knows 1989-1991 Latin American
terrorism reports: other news gets weaker fillers.
"""

from __future__ import annotations

import gzip
import json
import math
import re
import string
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from spacy.tokens import Doc, Span, Token

from tidings.records import Event

ROLES = ("PerpInd", "PerpOrg", "Target", "Victim", "Weapon")
LABELS = ("none", *ROLES)
MODEL_PATH = Path(__file__).with_name("data") / "incident_roles.json.gz"

VIOLENT_ROOTS = frozenset({"17", "18", "19", "20"})
"""CAMEO roots of coercion, assault, fighting and mass violence: the incidents' events."""

_PUNCT = set(string.punctuation)
_ARTICLES = re.compile(r"\b(a|an|the)\b")


def normalize(text: str) -> str:
    """A filler's comparison form: lower case, no punctuation, no articles (as GRIT
    and MUC-4 scorers compare strings)."""
    text = "".join(ch for ch in text.lower() if ch not in _PUNCT)
    return " ".join(_ARTICLES.sub(" ", text).split())


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


PERSON_NOUNS = _words("""
people person man men woman women child children boy girl civilian peasant farmer worker
student priest jesuit nun bishop archbishop soldier officer policeman policemen guard
agent member leader mayor judge official minister president candidate journalist
reporter businessman businessmen diplomat ambassador citizen resident inhabitant family
wife son daughter brother father mother victim hostage passenger driver employee
executive director teacher politician deputy congressman senator colonel general captain
lieutenant sergeant commander troops patrol technician engineer doctor nurse secretary
attorney lawyer magistrate governor councilman adviser activist unionist leftist
sympathizer individual youth bodyguard escort gunman gunmen guerrilla terrorist rebel
subversive assassin attacker kidnapper commando militant hitman hitmen assailant
""")
"""Nouns that name people (human targets and individual perpetrators)."""
ORG_NOUNS = _words("""front army movement command party union cartel organization forces
council alliance group commando brigade battalion squad government ministry police
guard directorate federation association coordinator network
""")
"""Nouns that head organization names ("Farabundo Marti National Liberation Front")."""
WEAPON_NOUNS = _words("""bomb bombs dynamite explosive explosives device devices grenade
grenades rifle rifles machinegun machineguns gun guns mortar mortars rocket rockets
missile missiles firearm firearms pistol pistols revolver submachinegun submachineguns
mine mines landmine landmines petard petards knife knives machete machetes bazooka
bazookas artillery howitzer tnt bullet bullets weapon weapons shotgun shotguns uzi
charge charges cocktail cocktails car-bomb m-16 ak-47 fal
""")
"""Instrument nouns."""
PLACE_NOUNS = _words("""department province city town country region municipality village
area outskirts zone sector capital district neighborhood
""")
_LEADING = re.compile(r"^(?:the|a|an|some|several|all|many|more|other|both|these|those|"
                      r"this|that|his|her|its|their|our|at least|about|approximately|"
                      r"nearly|almost|over|another|one|two|three|four|five|six|seven|"
                      r"eight|nine|ten|eleven|twelve|dozens of|hundreds of|[\d,]+)\s+",
                      re.IGNORECASE)


@dataclass(slots=True)
class Candidate:
    """One span variant of a candidate mention, with its features.

    Attributes:
        text: the span's text in the document.
        start, end: its character offsets.
        key: its comparison form (:func:`normalize`).
        features: sparse binary features.
        mention: index of the mention (noun phrase or entity) it comes from.
    """

    text: str
    start: int
    end: int
    key: str
    features: list[str]
    mention: int


@dataclass(frozen=True, slots=True)
class RoleFiller:
    """An entity filling a role: its best phrase, where it is, and the model's score."""

    text: str
    start: int
    end: int
    score: float


# ------------------------------------------------------------------ candidates
def _mentions(doc: Doc) -> list[Span]:
    """Noun phrases and named entities (dates, numbers and money left out)."""
    seen: set[tuple[int, int]] = set()
    out: list[Span] = []
    skip = {"DATE", "TIME", "CARDINAL", "ORDINAL", "MONEY", "PERCENT", "QUANTITY"}
    for span in [*doc.noun_chunks, *(e for e in doc.ents if e.label_ not in skip)]:
        if (span.start, span.end) not in seen:
            seen.add((span.start, span.end))
            out.append(span)
    out.sort(key=lambda s: (s.start, s.end))
    return out


def _strip_leading(doc: Doc, start: int, end: int) -> int:
    """The first token after leading determiners, quantities and possessives."""
    while start < end - 1:
        tok = doc[start]
        tagged = 0 < start < len(doc) - 1 and doc[start - 1].text in "[(" \
            and doc[start + 1].text in "])"  # a wire tag: "[TEXT]", "(EFE)"
        if tagged or tok.pos_ in ("DET", "NUM", "PRON", "PUNCT") or tok.dep_ in ("det", "nummod",
                                                                        "poss", "predet") \
                or _LEADING.match(tok.lower_ + " "):
            start += 1
        else:
            break
    return start


def _variants(doc: Doc, span: Span) -> list[tuple[str, int, int]]:
    """Span variants (kind, first token, end token) of one mention."""
    root = span.root
    s0 = _strip_leading(doc, span.start, span.end)
    out = [("full", s0, span.end), ("head", root.i, root.i + 1)]
    # compound + head: drop adjectives ("urban guerrillas" kept whole by "full")
    c0 = root.i
    while c0 - 1 >= s0 and doc[c0 - 1].dep_ in ("compound", "flat") and doc[c0 - 1].pos_ in (
            "NOUN", "PROPN"):
        c0 -= 1
    out.append(("comp", c0, root.i + 1))
    for ent in span.ents:
        if ent.label_ in ("PERSON", "ORG", "NORP", "GPE", "FAC", "PRODUCT"):
            out.append(("ent", ent.start, ent.end))
    # the phrase with its "of" complement ("members of the FMLN")
    for child in root.rights:
        if child.dep_ == "prep" and child.lower_ == "of":
            objs = [c for c in child.children if c.dep_ == "pobj"]
            if objs:
                last = max(t.i for t in objs[0].subtree)
                if last - s0 < 12:
                    out.append(("of", s0, last + 1))
    # the run of nouns and adjectives holding the head, as truecased names can split
    # badly ("Farabundo Marti national liberation front")
    r0 = r1 = root.i
    while r0 - 1 >= max(s0, root.i - 7) and _namelike(doc[r0 - 1]):
        r0 -= 1
    while r1 + 1 < min(len(doc), root.i + 7) and _namelike(doc[r1 + 1]):
        r1 += 1
    out.append(("run", r0, r1 + 1))
    # a bracketed acronym right after the phrase ("... front [FMLN]")
    if span.end + 2 < len(doc) and doc[span.end].text in ("[", "(") \
            and doc[span.end + 2].text in ("]", ")"):
        out.append(("acro", span.end + 1, span.end + 2))
    return out


def _namelike(tok: Token) -> bool:
    return tok.pos_ in ("PROPN", "NOUN", "ADJ") and tok.is_alpha


def _governor(tok: Token) -> tuple[str, str, str]:
    """(relation, preposition, governing verb lemma) of a phrase's head."""
    dep, prep = tok.dep_, ""
    head = tok.head
    if dep == "pobj":
        prep = head.lower_
        dep = "pobj"
        head = head.head
    elif dep in ("conj", "appos"):
        dep2, prep2, verb2 = _governor(head) if head is not tok else (dep, "", "")
        return dep + ">" + dep2, prep2, verb2
    for _ in range(3):
        if head.pos_ in ("VERB", "AUX", "NOUN") or head.head is head:
            break
        head = head.head
    return dep, prep, head.lemma_.lower()


def _bucket(n: int, cuts: Sequence[int]) -> str:
    for c in cuts:
        if n <= c:
            return str(c)
    return f">{cuts[-1]}"


def _shape(doc: Doc, t0: int, t1: int) -> str:
    toks = doc[t0:t1]
    if all(t.is_upper for t in toks if t.is_alpha) and any(t.is_alpha for t in toks):
        return "upper"
    if all(t.is_title for t in toks if t.is_alpha) and any(t.is_alpha for t in toks):
        return "title"
    if any(t.is_title for t in toks):
        return "mixed"
    return "lower"


@dataclass(slots=True)
class _EventIndex:
    """Violent events of the document by sentence, with their source and target spans."""

    by_sentence: dict[int, list[Event]]
    n_violent: int

    @classmethod
    def build(cls, events: Iterable[Event]) -> _EventIndex:
        by_sentence: dict[int, list[Event]] = {}
        n = 0
        for e in events:
            if e.cameo.root in VIOLENT_ROOTS or e.cameo.code[:2] in VIOLENT_ROOTS:
                by_sentence.setdefault(e.evidence.sentence[0], []).append(e)
                if e.factuality.label in ("asserted", "reported"):
                    n += 1
        return cls(by_sentence, n)


def _event_features(index: _EventIndex, sent_start: int, c0: int, c1: int) -> list[str]:
    feats: list[str] = []
    for e in index.by_sentence.get(sent_start, []):
        root = e.cameo.code[:2]
        fact = e.factuality.label
        feats += [f"ev={root}", f"evc={e.cameo.code[:3]}", f"evf={fact}"]
        for role, actors in (("src", e.sources), ("tgt", e.targets)):
            for a in actors:
                if a.start is not None and a.end is not None and a.start < c1 \
                        and c0 < a.end:
                    feats += [f"{role}", f"{role}={root}", f"{role}={root}|{fact}",
                              f"{role}k={a.kind}"]
                    feats += [f"{role}s={s}" for s in a.sectors[:3]]
    return sorted(set(feats)) or ["noev"]


def candidates(doc: Doc, events: Sequence[Event]) -> list[Candidate]:
    """Every span variant of every mention in ``doc``, with its features."""
    index = _EventIndex.build(events)
    sents = list(doc.sents)
    sent_of = {}
    for k, s in enumerate(sents):
        for t in range(s.start, s.end):
            sent_of[t] = k
    text_start = doc.text.lower().find("[text]")
    lead = next((k for k, s in enumerate(sents) if s.end_char > text_start), 0) \
        if text_start >= 0 else 0
    verbs = [sorted({f"sv={t.lemma_.lower()}" for t in s if t.pos_ == "VERB"}) for s in sents]
    doc_feats = [f"docev={_bucket(index.n_violent, (0, 1, 2, 4, 8))}"]
    out: list[Candidate] = []
    for m, span in enumerate(_mentions(doc)):
        root = span.root
        k = sent_of.get(root.i, 0)
        sent = sents[k]
        dep, prep, verb = _governor(root)
        ev = _event_features(index, sent.start_char, span.start_char, span.end_char)
        ev_flag = "ev" if ev != ["noev"] else "noev"
        bracket = any(t.text == "[" for t in doc[max(sent.start, span.start - 12):span.start]) \
            and not any(t.text == "]" for t in doc[max(sent.start, span.start - 12):span.start])
        ctx = [f"dep={dep}", f"verb={verb}", f"dv={dep}|{verb}", f"prep={prep}",
               f"pv={prep}|{verb}", f"sent={_bucket(k, (0, 1, 2, 4, 8, 16))}",
               f"lead={_bucket(k - lead, (-1, 0, 1, 2, 4, 8))}", *verbs[k],
               f"ner={root.ent_type_}",
               f"{ev_flag}|dv={dep}|{verb}", f"{ev_flag}|prep={prep}",
               f"{ev_flag}|dep={dep}", *ev, *doc_feats]
        if bracket or span.start_char < text_start:
            ctx.append("header")
        kinds: dict[tuple[int, int], list[str]] = {}
        for kind, t0, t1 in _variants(doc, span):
            if t1 > t0:
                kinds.setdefault((t0, t1), []).append(kind)
        for (t0, t1), kl in kinds.items():
            piece = doc[t0:t1]
            key = normalize(piece.text)
            if not key or all(t.is_stop or t.is_punct or t.like_num for t in piece):
                continue
            head = root if root.i < t1 and root.i >= t0 else doc[t1 - 1]
            hw = head.lower_
            words = key.split()
            f = [*(f"vt={k}" for k in kl), f"hw={hw}", f"hl={head.lemma_.lower()}",
                 f"len={_bucket(len(words), (1, 2, 3, 5))}", f"shape={_shape(doc, t0, t1)}",
                 f"{ev_flag}|hl={head.lemma_.lower()}"]
            for kind in kl:
                f += [f"{kind}|ner={root.ent_type_}", f"{kind}|{ev_flag}", f"{kind}|dep={dep}"]
            f += [f"w={w}" for w in words]
            singular = hw[:-1] if hw.endswith("s") else hw
            if hw in PERSON_NOUNS or singular in PERSON_NOUNS:
                f += ["person", f"person|{ev_flag}|{dep}"]
            if hw in ORG_NOUNS or singular in ORG_NOUNS:
                f += ["org", f"org|{ev_flag}"]
            if hw in WEAPON_NOUNS or any(w in WEAPON_NOUNS for w in words):
                f += ["weapon", f"weapon|{ev_flag}"]
            if hw in PLACE_NOUNS or root.ent_type_ in ("GPE", "LOC"):
                f.append("place")
            if len(words) == 1 and len(hw) <= 7 and piece.text.isupper():
                f.append("acronym")
            out.append(Candidate(piece.text, piece.start_char, piece.end_char, key,
                                 f + ctx, m))
    _frequency_features(out, sent_of, doc)
    return out


def phrases(cands: Sequence[Candidate]) -> list[Candidate]:
    """One candidate per phrase of the story, with the features of all its mentions:
    the roles are the story's, so a phrase is judged by everything said of it (the
    source of an attack in one sentence, named again in the next)."""
    out: dict[str, tuple[Candidate, set[str]]] = {}
    for c in cands:
        if c.key not in out:
            out[c.key] = (Candidate(c.text, c.start, c.end, c.key, [], c.mention), set())
        out[c.key][1].update(c.features)
    for c, feats in out.values():
        c.features = sorted(feats)
    return [c for c, _ in out.values()]


def _frequency_features(cands: list[Candidate], sent_of: dict[int, int], doc: Doc) -> None:
    """How often a phrase recurs in the story and where it is first named."""
    count: dict[str, set[int]] = {}
    first: dict[str, int] = {}
    heads: dict[str, int] = {}
    for c in cands:
        count.setdefault(c.key, set()).add(c.mention)
        tok = doc.char_span(c.start, c.end, alignment_mode="expand")
        k = sent_of.get(tok.start, 0) if tok is not None else 0
        first[c.key] = min(first.get(c.key, k), k)
        last = c.key.split()[-1]
        heads[last] = heads.get(last, 0) + 1
    for c in cands:
        c.features += [f"freq={_bucket(len(count[c.key]), (1, 2, 3, 5))}",
                       f"first={_bucket(first[c.key], (0, 1, 2, 4, 8))}",
                       f"hfreq={_bucket(heads[c.key.split()[-1]], (1, 2, 4, 8))}"]


# ------------------------------------------------------------------ model
@dataclass(slots=True)
class RoleModel:
    """Multinomial logistic regression over sparse binary features.

    Attributes:
        weights: feature -> one weight per label of :data:`LABELS`.
        bias: one per label.
        thresholds: role -> the least probability for a phrase to fill it.
        limits: role -> the most entities a story gets (0: no limit).
        unit: "phrase" when fitted on phrases (:func:`phrases`), "mention" when on
            mentions (a phrase then scores its best mention).
    """

    weights: dict[str, list[float]]
    bias: list[float]
    thresholds: dict[str, float]
    limits: dict[str, int] = field(default_factory=dict)
    unit: str = "mention"

    def probabilities(self, features: Sequence[str]) -> list[float]:
        z = list(self.bias)
        for f in features:
            w = self.weights.get(f)
            if w is not None:
                z = [a + b for a, b in zip(z, w, strict=True)]
        top = max(z)
        ex = [math.exp(v - top) for v in z]
        total = sum(ex)
        return [v / total for v in ex]

    def to_json(self) -> dict[str, Any]:
        return {"labels": list(LABELS), "bias": self.bias, "thresholds": self.thresholds,
                "limits": self.limits, "unit": self.unit, "weights": self.weights}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> RoleModel:
        if list(data.get("labels", [])) != list(LABELS):
            raise ValueError("incident role model: labels differ from " + ", ".join(LABELS))
        return cls({str(k): [float(x) for x in v] for k, v in data["weights"].items()},
                   [float(x) for x in data["bias"]],
                   {str(k): float(v) for k, v in data["thresholds"].items()},
                   {str(k): int(v) for k, v in data.get("limits", {}).items()},
                   str(data.get("unit", "mention")))

    def save(self, path: Path) -> None:
        data = json.dumps(self.to_json(), sort_keys=True, separators=(",", ":"))
        with path.open("wb") as raw, gzip.GzipFile(filename="", fileobj=raw, mode="wb",
                                                   mtime=0) as fh:
            fh.write(data.encode("utf-8"))  # no name, no time: same model, same bytes


@lru_cache(maxsize=2)
def load_model(path: Path = MODEL_PATH) -> RoleModel:
    """The shipped model (read once)."""
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        return RoleModel.from_json(json.load(fh))


def score_candidates(cands: Sequence[Candidate], model: RoleModel
                     ) -> dict[str, dict[str, tuple[float, Candidate]]]:
    """Role -> phrase key -> (best probability over its variants, that variant)."""
    best: dict[str, dict[str, tuple[float, Candidate]]] = {r: {} for r in ROLES}
    for c in cands:
        probs = model.probabilities(c.features)
        for j, role in enumerate(ROLES, 1):
            old = best[role].get(c.key)
            if old is None or probs[j] > old[0]:
                best[role][c.key] = (probs[j], c)
    return best


def _acronym(short: str, long: str) -> bool:
    """``short`` is the acronym of ``long``, in either word order ("das" for
    "administrative department of security", "fmln" for "farabundo marti national
    liberation front", from the Spanish): its letters are the initials but one at most."""
    words = [w for w in long.split() if w not in ("of", "and", "for", "de", "la", "del",
                                                   "y", "the")]
    if " " in short or len(short) < 2 or len(words) < 2 or not short.isalpha():
        return False
    initials = Counter(w[0] for w in words)
    letters = Counter(short)
    return not (letters - initials) and len(short) >= max(2, len(words) - 1)


def same_entity(a: str, b: str) -> bool:
    """Two phrases naming one entity: same head word, one holding the other's words, or
    one the acronym of the other."""
    wa, wb = a.split(), b.split()
    if not wa or not wb:
        return False
    if wa[-1] == wb[-1] or set(wa) <= set(wb) or set(wb) <= set(wa):
        return True
    return _acronym(a, b) or _acronym(b, a)


def aliases(cands: Sequence[Candidate]) -> dict[str, set[str]]:
    """Phrases that are variants of one mention ("members of the FMLN", "members"; a
    name and its bracketed acronym) name one entity."""
    by_mention: dict[int, set[str]] = {}
    for c in cands:
        if any(f.startswith("vt=") and f != "vt=ent" for f in c.features):
            by_mention.setdefault(c.mention, set()).add(c.key)  # not a name inside
    out: dict[str, set[str]] = {}
    for keys in by_mention.values():
        for k in keys:
            out.setdefault(k, set()).update(keys)
    return out


def group(scored: dict[str, tuple[float, Candidate]], threshold: float,
          alias: Mapping[str, set[str]] | None = None, limit: int = 0) -> list[RoleFiller]:
    """Phrases above ``threshold`` grouped into entities, best phrase first, at most
    ``limit`` entities (0: all)."""
    out: list[RoleFiller] = []
    keys: list[str] = []
    alias = alias or {}
    for key, (p, c) in sorted(scored.items(), key=lambda kv: (-kv[1][0], kv[0])):
        if p < threshold or (limit and len(out) >= limit):
            break
        same = alias.get(key, set())
        if any(k in same or same_entity(key, k) for k in keys):
            continue
        keys.append(key)
        out.append(RoleFiller(c.text, c.start, c.end, round(p, 4)))
    return out


def incident_roles(doc: Doc, events: Sequence[Event],
                   model: RoleModel | None = None) -> dict[str, list[RoleFiller]]:
    """The story's role fillers: role (:data:`ROLES`) -> entities, best first.

    Args:
        doc: the document's parse (the pipeline's, case restored).
        events: tidings' events of the document.
        model: a fitted model; the shipped one by default.
    """
    model = model or load_model()
    cands = candidates(doc, events)
    alias = aliases(cands)
    scored = score_candidates(phrases(cands) if model.unit == "phrase" else cands, model)
    return {r: group(scored[r], model.thresholds.get(r, 0.5), alias, model.limits.get(r, 0))
            for r in ROLES}
