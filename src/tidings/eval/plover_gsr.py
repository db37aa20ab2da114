"""``tidings eval plover-gsr``: PLOVER gold-standard records (CAMEO manual examples).

The data (``PLOVER_GSR_CAMEO.txt``, a JSON list) has one English sentence per record with a
PLOVER event type of an older revision of PLOVER (0.5/0.6) and source/target actors
(country code + sector). No CAMEO codes. How it is scored:

- **Types** are mapped to PLOVER 2.0 (:data:`OLD_TO_NEW`): DEMAND -> REQUEST, DISAPPROVE and
  INVESTIGATE -> ACCUSE, FIGHT -> ASSAULT; two mode-level moves follow the PLOVER 2.0
  CAMEO crosswalk: COERCE/destroy -> ASSAULT (destroying property, CAMEO 1712) and
  FIGHT/deport -> COERCE (deportation, CAMEO 174).
- Records with the same sentence are one document; each gold event is **found** when an
  extracted event of its sentence matches it (per metric: type, source, target).
- ``type_macro_f1``: each gold event gets the gold type when an extracted event of its
  sentence has it, else the type of the sentence's most confident event, else NONE;
  macro-F1 over the 16 PLOVER types present in the gold.
- **Actors** (:func:`actor_matches`): every gold actor must be matched by an extracted
  actor: same country (ISO alpha-3, with the GSR's few legacy codes mapped), or the same
  international kind (IGO/NGO/IMG); when the gold names a sector, it must fall in the same
  family as one of the extracted actor's sectors (a bare country, as CAMEO codes state
  actors, matches any sector). Reciprocal events: "A and B met" (several sources, no
  target) counts each source as the others' target; a gold record listing several
  sources and no target ("A and B agreed", "A shared X with B") is compared with the
  event's sources and targets together; so is a symmetric event (meet, negotiate, sign an
  agreement, cooperate: :data:`SYMMETRIC`), whose gold lists it once each way. Gold
  events without a source (target) are left
  out of ``source_accuracy`` (``target_accuracy``). ``*_span_accuracy`` checks only the
  span choice: the gold actor text shares a word with an extracted actor's text.
- ``precision``: extracted events whose type matches a gold event of their sentence.
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tidings.errors import EvalDataError
from tidings.eval.base import EvalResult, confusion, macro_f1, per_label_table
from tidings.records import PLOVER_TYPES, Actor, Document, Event

OLD_TO_NEW = {"DEMAND": "REQUEST", "DISAPPROVE": "ACCUSE", "INVESTIGATE": "ACCUSE",
              "FIGHT": "ASSAULT"}
"""Older PLOVER types -> PLOVER 2.0."""
MODE_MOVES = {("COERCE", "destroy"): "ASSAULT", ("FIGHT", "deport"): "COERCE"}
"""(old type, mode) pairs that PLOVER 2.0 files under another type."""

LEGACY_COUNTRY = {"JAP": "JPN", "ITL": "ITA", "VTN": "VNM", "ROM": "ROU", "GER": "DEU",
                  "UKG": "GBR", "TAW": "TWN", "SUD": "SDN", "RUM": "ROU"}
"""Non-ISO country codes used in the gold, mapped to ISO 3166 alpha-3."""
INTERNATIONAL = frozenset({"IGO", "NGO", "IMG", "ISM", "MNC", "INT"})
SECTOR_FAMILIES: dict[str, str] = {
    **dict.fromkeys(("GOV", "LEG", "JUD", "ELI", "SPY", "PTY"), "state"),
    **dict.fromkeys(("MIL", "COP"), "security"),
    **dict.fromkeys(("REB", "INS", "UAF", "SEP", "CRM", "IMG"), "armed"),
    **dict.fromkeys(("OPP", "ACT", "DIS"), "opposition"),
    **dict.fromkeys(("CVL", "CIV", "EDU", "LAB", "REF", "MED", "AGR", "BUS", "JRN", "REL",
                     "HLH", "SOC", "NGO", "MOS", "CHR"), "civil"),
}
"""Sector codes grouped into the families that actor comparison tells apart."""


@dataclass(slots=True, frozen=True)
class GoldActor:
    """A gold actor: country (or international kind, or None) and sector codes."""

    country: str | None
    sectors: tuple[str, ...] = ()
    text: str = ""

    @property
    def family(self) -> str | None:
        for s in self.sectors:
            if s in SECTOR_FAMILIES:
                return SECTOR_FAMILIES[s]
        return None


def parse_code(code: str, text: str = "") -> GoldActor:
    """A CAMEO actor code ("USAGOV", "---REB", "IGOUNOMIL") as country + sectors."""
    code = code.strip().upper()
    head, rest = code[:3], code[3:]
    country: str | None = None if head in ("---", "") else LEGACY_COUNTRY.get(head, head)
    chunks = tuple(rest[i : i + 3] for i in range(0, len(rest), 3) if len(rest[i : i + 3]) == 3)
    return GoldActor(country=country, sectors=chunks, text=text)


def _actor_family(actor: Actor) -> set[str]:
    return {SECTOR_FAMILIES[s] for s in actor.sectors if s in SECTOR_FAMILIES}


def actor_matches(gold: GoldActor, actor: Actor) -> bool:
    """Country (or international kind) and, where both say it, sector family agree."""
    if gold.country in INTERNATIONAL:
        kinds = {s for s in actor.sectors if s in INTERNATIONAL}
        if actor.id and actor.id[:3] in INTERNATIONAL:
            kinds.add(actor.id[:3])
        return gold.country in kinds or (gold.country == "IMG" and "REB" in actor.sectors
                                         and actor.country is None)
    if gold.country is None:
        if actor.country is not None:
            return False
    elif actor.country != gold.country:
        return False
    fam = gold.family
    mine = _actor_family(actor)
    return fam is None or not mine or fam in mine


def actors_match(gold: Sequence[GoldActor], predicted: Sequence[Actor]) -> bool:
    """Every gold actor is matched by some predicted actor; a bare ``---`` (no actor one
    could name) is matched by none as well as by an actor without a country."""
    if len(gold) == 1 and gold[0].country is None and not gold[0].sectors:
        return all(p.country is None for p in predicted)
    return bool(gold) and all(any(actor_matches(g, p) for p in predicted) for g in gold)


SYMMETRIC = ("040", "041", "044", "046", "057", "06")
"""CAMEO codes (prefixes) of events that hold both ways: A met / negotiated / signed an
agreement / cooperated with B is B doing the same with A."""


def symmetric(event: Event) -> bool:
    return event.cameo.code.startswith(SYMMETRIC)


def event_sources(event: Event) -> list[Actor]:
    """The event's sources; for a symmetric event, its targets too."""
    return [*event.sources, *event.targets] if symmetric(event) else list(event.sources)


def event_targets(event: Event) -> list[Actor]:
    """The event's targets; for "A and B met" (several sources, no target) the sources;
    for a symmetric event, its sources too."""
    if not event.targets and len(event.sources) > 1:
        return list(event.sources)
    return [*event.targets, *event.sources] if symmetric(event) else list(event.targets)


_STOP = frozenset({"the", "of", "in", "and", "a", "an", "to", "for", "on", "at", "by", "from",
                   "its", "his", "her", "their", "'s", "’s"})


def _words(text: str) -> set[str]:
    words = {w.strip(".,'’()`\"").lower() for w in text.replace("'s", " ").split()}
    return {w for w in words if len(w) >= 2 and w not in _STOP}


def text_overlaps(gold_text: str, actors: Iterable[Actor]) -> bool:
    """The gold actor text and an extracted actor's text share a word (not a stop word)."""
    words = _words(gold_text)
    return any(words & _words(a.text) for a in actors)


@dataclass(slots=True)
class GoldEvent:
    """One gold event of a sentence."""

    id: str
    text: str
    type: str
    code: str | None = None
    sources: list[GoldActor] = field(default_factory=list)
    targets: list[GoldActor] = field(default_factory=list)
    published: str | None = None


def _gold_actors(value: Any) -> list[GoldActor]:
    if isinstance(value, dict):
        value = [value]
    if not isinstance(value, list):
        return []
    out = []
    for a in value:
        if not isinstance(a, dict) or not a.get("code"):
            continue
        sector = str(a.get("sector") or "")
        sectors = (sector[:3].upper(),) if sector[:3].isalpha() else ()
        base = parse_code(str(a["code"]), str(a.get("actorText", "")))
        out.append(GoldActor(country=base.country, sectors=sectors or base.sectors,
                             text=base.text))
    return out


def load(path: Path) -> list[GoldEvent]:
    """The gold events of ``PLOVER_GSR_CAMEO.txt`` (a file, or the folder holding it)."""
    if path.is_dir():
        path = path / "PLOVER_GSR_CAMEO.txt"
    if not path.exists():
        raise EvalDataError(f"{path}: not found; --data takes the plover_gsr_cameo folder or "
                            "its PLOVER_GSR_CAMEO.txt")
    try:
        records = json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        raise EvalDataError(f"{path}: not valid JSON ({exc})") from None
    out = []
    for r in records:
        old = r.get("event")
        if not old or old == "DOCUMENT" or not r.get("text"):
            continue
        mode = str(r.get("mode") or "")
        new = MODE_MOVES.get((old, mode)) or OLD_TO_NEW.get(old, old)
        if new not in PLOVER_TYPES:
            continue
        out.append(GoldEvent(id=r["id"], text=" ".join(r["text"].split()), type=new,
                             sources=_gold_actors(r.get("source")),
                             targets=_gold_actors(r.get("target"))))
    return out


STAGE_ERRORS = "__stage_errors__"
"""Key under which :func:`extract_sentences` counts stage failures (no events)."""


def extract_sentences(gold: Sequence[GoldEvent], pipeline: Any | None) -> dict[str, list[Event]]:
    """Run tidings over each distinct sentence once; events keyed by sentence text.

    A stage failure is counted (``out[STAGE_ERRORS]`` holds one placeholder per failing
    sentence) so that a crash shows as a metric instead of silently scoring zero.
    """
    from tidings.pipeline import Pipeline, to_datetime

    if pipeline is None:
        from tidings.config import load_config
        from tidings.pipeline import Resources

        config = load_config()
        pipeline = Pipeline(Resources.load(config), config)
    texts: dict[str, str | None] = {}
    for g in gold:
        texts.setdefault(g.text, g.published)
    keys = [t for t in texts if t.strip()]
    docs = [Document.from_text(t, published_at=to_datetime(texts[t]) if texts[t] else None,
                               source="gold") for t in keys]
    out: dict[str, list[Event]] = {t: [] for t in texts}
    failures: list[Event] = []
    for key, analysis in zip(keys, pipeline.analyse(docs), strict=True):
        out[key] = analysis.events
        if any(r.reason == "stage-error" for r in analysis.rejected):
            failures.append(_failure(key))
    out[STAGE_ERRORS] = failures
    return out


def _failure(text: str) -> Event:
    """A placeholder that marks a sentence whose analysis failed in a stage."""
    from tidings.records import Cameo, Evidence

    return Event(id="failure", document_id="", type="", cameo=Cameo(
        code="", root="", quad_class=0, goldstein=0.0), evidence=Evidence(
        sentence=[0, 0], trigger=[0, 0], text=text))


def _fmt(actors: Iterable[Actor]) -> list[str]:
    return [f"{a.text}|{a.country or '-'}|{','.join(a.sectors)}" for a in actors]


def score(gold: Sequence[GoldEvent], events: dict[str, list[Event]], task: str,
          *, codes: bool) -> EvalResult:
    """Score extracted events against gold events (see the module docstring)."""
    n = len(gold)
    hits: Counter[str] = Counter()
    denom: Counter[str] = Counter()
    gold_types: list[str] = []
    pred_types: list[str] = []
    predictions: list[dict[str, Any]] = []
    misses: Counter[str] = Counter()
    for g in gold:
        evs = events.get(g.text, [])
        ok: dict[str, bool] = {}
        ok["type"] = any(e.type == g.type for e in evs)
        if codes and g.code:
            ok["code"] = any(e.cameo.code == g.code for e in evs)
            ok["root"] = any(e.cameo.root == g.code[:2] for e in evs)
        if g.sources:
            # "A and B agreed" / "A shared X with B": the gold lists both as sources
            recip = len(g.sources) > 1 and not g.targets
            ok["source"] = any(actors_match(
                g.sources, [*e.sources, *e.targets] if recip else event_sources(e))
                for e in evs)
            if any(a.text for a in g.sources):
                ok["source_span"] = all(any(text_overlaps(a.text, e.sources) for e in evs)
                                        for a in g.sources if a.text)
        if g.targets:
            ok["target"] = any(actors_match(g.targets, event_targets(e)) for e in evs)
            if any(a.text for a in g.targets):
                ok["target_span"] = all(any(text_overlaps(a.text, event_targets(e))
                                            for e in evs) for a in g.targets if a.text)
        same = [e for e in evs if (e.cameo.root == g.code[:2] if codes and g.code
                                   else e.type == g.type)]
        ok["joint"] = any(
            (not g.sources or actors_match(g.sources, event_sources(e)))
            and (not g.targets or actors_match(g.targets, event_targets(e))) for e in same)
        for k, v in ok.items():
            denom[k] += 1
            hits[k] += v
        if ok["type"]:
            pred = g.type
        elif evs:
            pred = max(evs, key=lambda e: e.confidence).type
        else:
            pred = "NONE"
        gold_types.append(g.type)
        pred_types.append(pred)
        misses[g.text] += sum(1 for v in ok.values() if not v)
        predictions.append({
            "id": g.id, "text": g.text, "gold": {
                "type": g.type, "code": g.code,
                "sources": [f"{a.country or '---'}{''.join(a.sectors)}" for a in g.sources],
                "targets": [f"{a.country or '---'}{''.join(a.sectors)}" for a in g.targets]},
            "predicted": [{"type": e.type, "code": e.cameo.code, "sources": _fmt(e.sources),
                           "targets": _fmt(e.targets),
                           "trigger": e.evidence.text[e.evidence.trigger[0]
                                                      - e.evidence.sentence[0]:
                                                      e.evidence.trigger[1]
                                                      - e.evidence.sentence[0]]}
                          for e in evs],
            "ok": ok,
        })
    labels = sorted(set(gold_types))
    mf1, per = macro_f1(gold_types, pred_types, labels)
    metrics = {
        "type_accuracy": _ratio(hits["type"], n),
        "type_macro_f1": round(mf1, 4),
    }
    if codes:
        metrics["cameo_code_accuracy"] = _ratio(hits["code"], denom["code"])
        metrics["cameo_root_accuracy"] = _ratio(hits["root"], denom["root"])
    metrics["source_accuracy"] = _ratio(hits["source"], denom["source"])
    metrics["target_accuracy"] = _ratio(hits["target"], denom["target"])
    if denom["source_span"]:
        metrics["source_span_accuracy"] = _ratio(hits["source_span"], denom["source_span"])
        metrics["target_span_accuracy"] = _ratio(hits["target_span"], denom["target_span"])
    metrics["joint_accuracy"] = _ratio(hits["joint"], n)
    failures = events.pop(STAGE_ERRORS, [])
    metrics["precision"] = _precision(gold, events, codes=codes)
    metrics["stage_errors"] = len(failures)
    worst = sorted(misses.items(), key=lambda kv: -kv[1])[:10]
    details = {
        "per type (macro-F1 over gold types)": per_label_table(per),
        "type confusion (gold -> predicted)": confusion(gold_types, pred_types),
        "ten worst sentences (misses)": "\n".join(f"{k:3d}  {t[:110]}" for t, k in worst),
    }
    return EvalResult(task=task, n=n, metrics=metrics, predictions=predictions, details=details)


def _precision(gold: Sequence[GoldEvent], events: dict[str, list[Event]], *, codes: bool) -> float:
    by_text: dict[str, list[GoldEvent]] = defaultdict(list)
    for g in gold:
        by_text[g.text].append(g)
    good = total = 0
    for text, evs in events.items():
        golds = by_text.get(text, [])
        for e in evs:
            total += 1
            good += any((e.cameo.root == g.code[:2]) if codes and g.code else e.type == g.type
                        for g in golds)
    return _ratio(good, total)


def _ratio(a: float, b: float) -> float:
    return round(a / b, 4) if b else 0.0


def evaluate(data: Path, **options: Any) -> EvalResult:
    """Score tidings on the PLOVER GSR file (``--data`` the folder or the file)."""
    gold = load(data)
    if not gold:
        raise EvalDataError(f"{data}: no gold events found")
    events = extract_sentences(gold, options.get("pipeline"))
    return score(gold, events, "plover-gsr", codes=False)
