"""Document events -> incidents: type, relevance, date and stage of one act of violence.

A news story reports one attack several times (the lead, the police's account, the
victims' names), and it mentions other violence as background: last year's massacre,
the war, army-guerrilla combat, threats. Analysts who count terrorist incidents (the
MUC-4 templates, GTD-style datasets) want the first grouped and the second left out;
this module does both for the events of one document.

- :func:`incident_type`: ATTACK, BOMBING, KIDNAPPING, ARSON or ROBBERY from the CAMEO
  code, the ACLED sub-type and the words of the sentence, or None.
- :func:`group`: events of one type and a compatible place become one
  :class:`Incident` unless their targets clearly differ; negated or hypothetical
  reports, acts of war (a :func:`state` among the actors, or armed forces against armed
  forces) and attacks naming no one are left out.
- :func:`relevance`: how likely an incident is a reportable terrorist incident, not
  background. A logistic model over the incident's features (:func:`features`: type,
  CAMEO code, factuality, who did it to whom by sector, whether its time is stated and
  how far before the dateline, where the story tells it, how often, and a few cue words
  such as "terrorists", "clash", "last year"), fit on the MUC-4 training documents by
  ``tools/train_incident_relevance.py`` and shipped as ``data/incident_relevance.json``.
- :func:`incident_date`: the day the incident happened: a time its reports state, else
  the nearest day named before its first report in the same sentence or the lead, else
  the dateline's.
- :func:`stage`: ACCOMPLISHED / ATTEMPTED / THREATENED from factuality and cue words.
"""

from __future__ import annotations

import json
import math
import re
import string
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from tidings.records import Actor, Event, TimeValue

TYPES = ("ATTACK", "BOMBING", "KIDNAPPING", "ARSON", "ROBBERY")

FIRE = re.compile(r"\b(?:burn\w*|set fire|set on fire|torch\w*|arson\w*|fire-?bomb\w*|"
                  r"incendiar\w*|blaze|flames)\b", re.IGNORECASE)
ROB = re.compile(r"\b(?:rob\w*|stole|steal\w*|stolen|loot\w*|hold-?up|heist|thie\w*)\b",
                 re.IGNORECASE)
BOMB = re.compile(r"\b(?:bomb\w*|dynamit\w*|explos\w*|explod\w*|blast\w*|detonat\w*|"
                  r"car-bomb|grenades?|mines?|petards?|bl(?:ew|own|ow|owing|ows) up)\b",
                  re.IGNORECASE)
KIDNAP = re.compile(r"\b(?:kidnap\w*|abduct\w*|hostages?|seized)\b", re.IGNORECASE)
ATTEMPT = re.compile(r"\b(?:attempt\w*|tried|try|trying|failed|foiled|thwarted|defused|"
                     r"deactivated|frustrated)\b", re.IGNORECASE)
THREAT = re.compile(r"\b(?:threat\w*|warn\w*|ultimatum)\b", re.IGNORECASE)

ARMED = frozenset({"MIL", "REB", "INS"})
STATE = frozenset({"MIL", "COP"})
REBEL = frozenset({"REB", "INS", "UAF", "SEP"})
ELITE = frozenset({"GOV", "LEG", "JUD", "ELI", "OPP", "PTY"})
_PRONOUN_WORDS = """i me we us you he him she her it they them this that these those
who whom which what one ones someone somebody anyone everyone"""
PRONOUNS = frozenset(_PRONOUN_WORDS.split())


def incident_type(event: Event) -> str | None:
    """The incident type of an event, or None when it is not violence of these kinds."""
    code = event.cameo.code
    sentence = event.evidence.text
    sub = (event.acled or {}).get("sub_event_type", "")
    if code.startswith("181") or (code.startswith("18") and KIDNAP.search(sentence)
                                  and not BOMB.search(sentence)):
        return "KIDNAPPING"
    if code.startswith("1712") or (code.startswith("17") and FIRE.search(sentence)):
        if FIRE.search(sentence):
            return "ARSON"
        return "BOMBING" if BOMB.search(sentence) else "ATTACK"
    if code.startswith("1711") or (code.startswith("171") and ROB.search(sentence)):
        return "ROBBERY"
    if code.startswith("183") or sub in ("Remote explosive/landmine/IED", "Suicide bomb",
                                         "Grenade"):
        return "BOMBING"
    if code.startswith(("191", "192", "196")):
        return None  # blockades, occupation, a broken truce: no incident of their own
    if code.startswith(("18", "19", "20")):
        if code[:2] != "19" and BOMB.search(sentence):
            return "BOMBING"
        # "a dynamite attack", "the bomb attack on the embassy": the weapon names the kind
        return "BOMBING" if BOMB.search(window(event, 25, 25)) else "ATTACK"
    return None


STATE_WORDS = frozenset({"government", "governments", "army", "armies", "troops", "forces",
                         "military", "regime", "navy", "authorities", "administration"})
"""Words that make a mention with a country's adjective the state itself ("the Honduran
army"), not its people ("the Spanish Jesuits") or things ("a Colombian airliner")."""


def state(actor: Actor) -> bool:
    """An actor that is a state: a country named as such ("Colombia", "the United
    States", "U.S."), its government or forces, or a pronoun resolved to one. A city
    resolved to its country ("Medellin", "Washington") or a nationality adjective with
    people or things ("the Spanish Jesuits", "a Honduran fishing boat") is not."""
    if actor.kind != "country":
        return False
    if (actor.method or "").startswith("coref"):
        return True
    words = set(_words(actor.text)) - {"the", "text"}
    if words & STATE_WORDS:
        return True
    name = set(_words(actor.name or "")) - {"the"}
    if actor.method == "location":
        return bool(words) and words <= name
    return bool(words) and (words <= name or len(words) == 1)


def named(actor: Actor) -> bool:
    """An actor that names someone or something (not a pronoun, not a state)."""
    words = actor.text.lower().split()
    return bool(words) and not (len(words) == 1 and words[0].strip(".,\"'") in PRONOUNS) \
        and not state(actor)


def war(event: Event, usable: Any = named) -> bool:
    """Acts of war, which terrorism counts leave out: a state attacking a country, or
    armed forces fighting armed forces (a clash, not a terrorist act)."""
    if any(state(a) for a in [*event.sources, *event.targets]):
        return True
    if event.cameo.code.startswith("19") and not any(
            usable(a) and not set(a.sectors) & ARMED for a in event.targets):
        return True  # fighting, with no civilian or thing named as its target
    # soldiers and police as the only targets: combat
    return bool(event.targets) and all(set(a.sectors) & ARMED for a in event.targets) \
        and not event.cameo.code.startswith(("181", "183", "186"))


OLD_NEWS_DAYS = 60
"""Incidents reported as older than about two months are background, not news."""


def days_before(event: Event, dct: date | None) -> int | None:
    """How many days before the dateline the event's stated time lies (None: unknown)."""
    if dct is None or event.time is None or event.time.assumed or not event.time.value:
        return None
    try:
        when = date.fromisoformat(event.time.value[:10])
    except ValueError:
        return None  # a month or a year: too coarse to tell
    return (dct - when).days


def old(event: Event, dct: date | None) -> bool:
    """The event's stated time lies more than :data:`OLD_NEWS_DAYS` before the dateline."""
    days = days_before(event, dct)
    return days is not None and days > OLD_NEWS_DAYS


@dataclass(slots=True)
class Incident:
    """One act of violence: its type, the events that report it, and how likely it is a
    reportable incident rather than background (:func:`relevance`)."""

    type: str
    events: list[Event]
    relevance: float = 1.0
    features: dict[str, float] = field(default_factory=dict)

    def words(self) -> set[str]:
        return {w for e in self.events for a in e.targets for w in _words(a.text)
                if len(w) > 3}

    def places(self) -> set[str]:
        return {e.place.name or e.place.text for e in self.events if e.place}


def _words(text: str) -> list[str]:
    """Lower-case words without punctuation ("U.S." -> "us"), as role fillers are."""
    return "".join(ch for ch in text.lower() if ch not in string.punctuation).split()


SPLIT = True
"""Two reports of one type whose targets share no word and whose sentences differ are
two incidents ("a bomb damaged the bank ... another destroyed a power pylon")."""


def group(events: Iterable[Event], dct: date | None = None,
          usable: Any = named, strict: bool = True) -> list[Incident]:
    """Same-document clustering: an event of an incident type joins the incident of
    that type whose place does not differ from its own (same place, or one of the two
    has none) and whose targets share a word with its own or that has its sentence;
    failing the second, the first such incident whose place agrees and which has no
    targets of its own, or the event none (:data:`SPLIT`). Negated and
    hypothetical reports are left out; so are acts of war, old news and attacks naming
    no one when ``strict`` (otherwise the relevance model weighs them)."""
    out: list[Incident] = []
    for e in sorted(events, key=lambda e: e.evidence.trigger[0]):
        kind = incident_type(e)
        if kind is None or e.factuality.label in ("negated", "refuted", "hypothetical"):
            continue
        if strict and (war(e, usable) or old(e, dct) or (kind == "ATTACK" and not any(
                usable(a) for a in [*e.sources, *e.targets]))):
            continue  # "the attack", "fighting": no one named
        words = {w for a in e.targets for w in _words(a.text) if len(w) > 3}
        place = e.place.name or e.place.text if e.place else None
        same = [inc for inc in out if inc.type == kind
                and (place is None or not inc.places() or place in inc.places())]
        close = [inc for inc in same if words & inc.words() or any(
            x.evidence.sentence == e.evidence.sentence for x in inc.events)]
        if SPLIT:
            # a target of its own, in a sentence of its own: another bombing of the story
            same = [inc for inc in same if not (words and inc.words())]
        if close or same:
            (close or same)[0].events.append(e)
        else:
            out.append(Incident(kind, [e]))
    return out


# ------------------------------------------------------------------ relevance
CUES: dict[str, re.Pattern[str]] = {
    "terror": re.compile(r"\bterroris\w*", re.IGNORECASE),
    "guerrilla": re.compile(r"\b(?:guerrill\w*|rebels?|insurgent\w*|subversive\w*)\b",
                            re.IGNORECASE),
    "troops": re.compile(r"\b(?:army|soldiers?|troops|battalions?|armed forces|"
                         r"military)\b", re.IGNORECASE),
    "combat": re.compile(r"\b(?:clash\w*|combat\w*|fighting|offensive|skirmish\w*|"
                         r"battle\w*|bombard\w*|shelling)\b", re.IGNORECASE),
    "claim": re.compile(r"\bresponsib\w*|\bclaimed\b", re.IGNORECASE),
    "murder": re.compile(r"\b(?:murder\w*|assassinat\w*|massacre\w*|slain|gunned)\b",
                         re.IGNORECASE),
    "recent": re.compile(r"\b(?:yesterday|today|tonight|last night|this morning|"
                         r"early (?:today|this))\b", re.IGNORECASE),
    "past": re.compile(r"\b(?:last year|years? ago|months ago|in 19\d\d|since 19\d\d|"
                       r"anniversary|so far this year|during the past)\b", re.IGNORECASE),
    "quote": re.compile(r"[\"«»]|\b(?:we|our|us)\b", re.IGNORECASE),
    "general": re.compile(r"\b(?:wave|campaign|violence|repression|terror|atrocities|"
                          r"crimes|human rights)\b", re.IGNORECASE),
}
"""Cue words of the incident's sentences: who it is about, when, and whether it is a
general description rather than one act."""


REPORTS = 2
"""How many of an incident's first reports its cue and word features come from."""


def _bucket(value: int, bounds: Sequence[int]) -> str:
    for b in bounds:
        if value < b:
            return f"<{b}"
    return f">={bounds[-1]}"


_TOKEN = re.compile(r"[a-z]{3,}")


def tokens(text: str) -> set[str]:
    """The lower-case words (three letters or more) of a text, once each."""
    return set(_TOKEN.findall(text.lower()))


def features(inc: Incident, incs: Sequence[Incident], dct: date | None = None,
             text: str = "", doc_p: float | None = None) -> dict[str, float]:
    """The relevance features of one incident among the document's incidents ``incs``;
    ``text`` (the document) adds how the whole story speaks of terrorism and combat,
    ``doc_p`` the document model's probability that the story reports an incident at
    all. The words of its first reports' sentences come as ``w=word``."""
    first = inc.events[0]
    f: dict[str, float] = {f"type={inc.type}": 1.0, f"code={first.cameo.code[:3]}": 1.0,
                           f"fact={first.factuality.label}": 1.0}
    labels = {e.factuality.label for e in inc.events}
    f["any_asserted"] = float(bool(labels & {"asserted", "reported"}))
    f["reports"] = math.log1p(len(inc.events))
    f["reports>1"] = float(len(inc.events) > 1)
    f[f"pos{_bucket(first.evidence.sentence[0], (200, 600, 1500, 3000))}"] = 1.0
    f["lead"] = float(first.evidence.sentence[0] < 600)
    rank = incs.index(inc) if inc in incs else 0
    f[f"rank={min(rank, 3)}"] = 1.0
    same = [i for i in incs if i.type == inc.type]
    f[f"typerank={min(same.index(inc) if inc in same else 0, 2)}"] = 1.0
    f["doc_incidents"] = math.log1p(len(incs))
    days = [d for d in (days_before(e, dct) for e in inc.events) if d is not None]
    if days:
        f["time_stated"] = 1.0
        f[f"days{_bucket(min(days), (2, 8, 31))}"] = 1.0
    else:
        f["time_assumed"] = 1.0
    _actor_features(f, inc)
    f["war"] = sum(war(e) for e in inc.events) / len(inc.events)
    f["old"] = float(any(old(e, dct) for e in inc.events))
    f["no_one"] = float(not any(named(a) for e in inc.events
                                for a in [*e.sources, *e.targets]))
    sentences = " ".join(dict.fromkeys(e.evidence.text for e in inc.events[:REPORTS]))
    for name, rx in CUES.items():
        if rx.search(sentences):
            f[f"cue_{name}"] = 1.0
    for word in tokens(sentences):
        f[f"w={word}"] = 1.0
    if doc_p is not None:
        f["doc_p"] = doc_p
    if text:
        for name in ("terror", "combat", "past", "general"):
            n = len(CUES[name].findall(text))
            f[f"doc_{name}"] = math.log1p(n)
        f["doc_length"] = math.log1p(len(text)) / 10
    return f


def _actor_features(f: dict[str, float], inc: Incident) -> None:
    targets = [a for e in inc.events for a in e.targets if named(a)]
    sources = [a for e in inc.events for a in e.sources if named(a)]
    t_sec = {s for a in targets for s in a.sectors}
    s_sec = {s for a in sources for s in a.sectors}
    f["tgt_none"] = float(not targets)
    f["tgt_civilian"] = float("CVL" in t_sec)
    f["tgt_armed"] = float(bool(t_sec & ARMED))
    f["tgt_elite"] = float(bool(t_sec & ELITE))
    f["tgt_person"] = float(any(a.kind == "person" for a in targets))
    f["tgt_thing"] = float(any(not a.sectors and a.kind == "unknown" for a in targets))
    f["src_none"] = float(not sources)
    f["src_rebel"] = float(bool(s_sec & REBEL))
    f["src_state"] = float(bool(s_sec & STATE))
    f["src_org"] = float(any(a.kind in ("organization", "group") for a in sources))
    f["place"] = float(any(e.place for e in inc.events))


def _sigmoid(z: float) -> float:
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


@dataclass(slots=True)
class RelevanceModel:
    """Two logistic regressions: one over a story's words (does it report a terrorist
    incident at all?) and one over an incident's features, which include the first's
    probability; ``threshold`` cuts the second's."""

    weights: dict[str, float]
    bias: float
    threshold: float = 0.5
    doc_weights: dict[str, float] = field(default_factory=dict)
    doc_bias: float = 0.0
    meta: dict[str, Any] = field(default_factory=dict)

    def score(self, feats: dict[str, float]) -> float:
        return _sigmoid(self.bias + sum(self.weights.get(k, 0.0) * v
                                        for k, v in feats.items()))

    def doc_score(self, text: str) -> float | None:
        """The probability that the story reports an incident (None: no story model)."""
        if not self.doc_weights:
            return None
        return _sigmoid(self.doc_bias + sum(self.doc_weights.get(w, 0.0)
                                            for w in tokens(text)))

    def to_dict(self) -> dict[str, Any]:
        return {"bias": self.bias, "threshold": self.threshold, "meta": self.meta,
                "weights": dict(sorted(self.weights.items())),
                "doc_bias": self.doc_bias, "doc_weights": dict(sorted(self.doc_weights.items()))}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> RelevanceModel:
        return cls(weights={str(k): float(v) for k, v in data["weights"].items()},
                   bias=float(data["bias"]), threshold=float(data["threshold"]),
                   doc_weights={str(k): float(v)
                                for k, v in data.get("doc_weights", {}).items()},
                   doc_bias=float(data.get("doc_bias", 0.0)),
                   meta=dict(data.get("meta", {})))


MODEL_FILE = "incident_relevance.json"


@lru_cache(maxsize=4)
def load_model(path: Path | None = None) -> RelevanceModel | None:
    """The shipped relevance model (None when the data file is absent)."""
    try:
        if path is None:
            raw = resources.files("tidings.events").joinpath("data", MODEL_FILE).read_text(
                encoding="utf-8")
        else:
            raw = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return None
    return RelevanceModel.from_dict(json.loads(raw))


def relevance(incs: list[Incident], dct: date | None = None, text: str = "",
              model: RelevanceModel | None = None) -> list[Incident]:
    """Score every incident (``Incident.relevance``) and keep those at or above the
    model's threshold; without a model every incident is kept."""
    model = model or load_model()
    doc_p = model.doc_score(text) if model and text else None
    for inc in incs:
        inc.features = features(inc, incs, dct, text, doc_p)
        inc.relevance = model.score(inc.features) if model else 1.0
    if model is None:
        return incs
    return [inc for inc in incs if inc.relevance >= model.threshold]


# ------------------------------------------------------------------ date and stage
_DAY_VALUE = re.compile(r"^\d{4}-\d{2}-\d{2}")
LEAD_CHARS = 600
"""How far into a report its lead runs: the day it names there is the incident's day."""


def _day(value: str | None) -> str | None:
    """The day of a time value ("1989-12-08TMO" -> "1989-12-08"), None for coarser ones."""
    return value[:10] if value and _DAY_VALUE.match(value) else None


def incident_date(inc: Incident, timexes: Sequence[TimeValue] = (),
                  body_start: int = 0) -> str | None:
    """The incident's day: a day its events state; else the day named nearest to the
    trigger in the sentence of one of its reports, first report first ("killed nine
    peasants on 17 August"); else the first day named in the story's lead ("yesterday
    morning at 0730 ..."); else the one assumed (the dateline's). A day other than the
    dateline's goes first: "reported today" names when the news came, not the act.
    Time expressions before ``body_start`` (the dateline itself) are not looked at."""
    stated = [d for e in inc.events if e.time and not e.time.assumed
              for d in [_day(e.time.value)] if d]
    if stated:
        return stated[0]
    days = [(t.start_char, d) for t in timexes for d in [_day(t.value)]
            if d and t.start_char is not None and t.start_char >= body_start]
    assumed = [e.time.value for e in inc.events if e.time and e.time.value]
    today = assumed[0] if assumed else None
    for e in inc.events:
        s0, s1 = e.evidence.sentence
        t0, t1 = e.evidence.trigger
        near = sorted((d == today, max(t0 - at, at - t1, 0), d) for at, d in days
                      if s0 <= at < s1)
        if near:
            return near[0][2]
    lead = sorted((d == today, at, d) for at, d in days if at < body_start + LEAD_CHARS)
    if lead:
        return lead[0][2]
    return today


def window(e: Event, before: int, after: int) -> str:
    """The sentence text from ``before`` characters before the trigger to ``after``
    after it."""
    t0 = e.evidence.trigger[0] - e.evidence.sentence[0]
    t1 = e.evidence.trigger[1] - e.evidence.sentence[0]
    return e.evidence.text[max(0, t0 - before):t1 + after]


def stage(events: Sequence[Event]) -> str:
    """ACCOMPLISHED / ATTEMPTED / THREATENED from the events' factuality and code, and
    attempt or threat words next to the trigger ("tried to kill", "threatened to kill")."""
    labels = [e.factuality.label for e in events]
    if all(THREAT.search(window(e, 40, 0)) for e in events):
        return "THREATENED"
    if any(lab in ("asserted", "reported") for lab in labels):
        if any(e.cameo.code.startswith("185") or ATTEMPT.search(window(e, 40, 40))
               for e in events):
            return "ATTEMPTED"
        return "ACCOMPLISHED"
    if any(lab in ("planned", "hypothetical") or e.cameo.code.startswith("13")
           for lab, e in zip(labels, events, strict=True)):
        return "THREATENED"
    return "ACCOMPLISHED"
