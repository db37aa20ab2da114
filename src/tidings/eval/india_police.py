"""``tidings eval india-police``: IndiaPoliceEvents (Halterman et al. 2021).

Times of India articles (Gujarat, March 2002), lower-cased and full of mojibake, with
adjudicated answers per sentence and per document to "did police KILL / ARREST / FAIL
to act / use FORCE / take ANY_ACTION?". ``--data`` is the folder with ``docs.jsonl``,
``sents.jsonl`` and (optionally) ``metadata.jsonl`` (publication dates).

How tidings answers: each article's text is repaired on ingest
(:func:`tidings.ingest.text.repair_text_with_offsets`, which also carries the gold
sentence spans over to the repaired text) and run through the whole pipeline (case is
restored before parsing). Every event with a security-force actor (sector ``COP``, or
``MIL`` for the paramilitary and army that act beside the police) among its sources
gets labels by :func:`police_labels`; so does police work whose source the text leaves
out ("50 people were arrested", "curfew was imposed": :data:`POLICE_WORK`). FAIL comes
from a negated police action or from a sentence that names the police and says they
stood by (:func:`_inaction`), whoever the event's actors are, or from a government's
failure of duty (128 with a government source: "the state failed to protect"). Only the
coded events answer: what the police said, or did without tidings coding an event, is
not read from the parse here (the scores are those of the events users see). A gold
sentence gets the labels of the events whose trigger lies in it; a document, the labels
of all its events. Scores: precision, recall and F1 per label at both levels, and their
macro averages ``sent_macro_f1`` and ``doc_macro_f1``.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tidings.errors import EvalDataError
from tidings.eval.base import PRF, EvalResult, per_label_table, prf
from tidings.records import Actor, Document, Event

LABELS = ("KILL", "ARREST", "FAIL", "FORCE", "ANY_ACTION")
POLICE = "COP"
KILL_WORDS = frozenset({"kill", "killed", "killing", "killings", "dead", "death", "deaths",
                        "died", "die", "dies", "dying", "lives", "life", "bodies", "body",
                        "fatal", "fatally", "succumbed", "encounter", "murdered", "casualties",
                        "perished"})
"""Words that, beside police violence in the same sentence, say that someone died."""
FORCE_CODES = ("175", "18", "19", "20")
"""CAMEO prefixes of violence: repression, assault, fighting, mass violence."""
NOT_FORCE = ("191", "192", "196")
"""Sealing off, occupying, breaking a truce: security work but not force on people."""
FORCE_WORDS = frozenset({"fired", "fire", "firing", "lathi", "lathicharge", "lathi-charge",
                         "lathicharged", "baton", "batons", "teargas", "tear", "beat", "beaten",
                         "bullets", "bullet", "shot", "shooting", "rounds", "caned", "thrashed",
                         "assaulted", "killed", "opened", "charged"})
"""For the vaguer codes (repress, use force) the sentence must say what force was used."""
BY_POLICE = re.compile(r"\b(?:police|policemen|cops)(?:'s)? (?:firing|fire|bullets?|action)\b|"
                       r"\bby (?:the )?(?:police|policemen|cops)\b|"
                       r"\bin (?:the )?firing\b", re.IGNORECASE)
"""Violence with no source is police violence beside these words ("killed in police
firing", "injured in the firing": in riot news, firing is what the police do)."""
KILL_CODES = ("1823", "186", "202")
DEATH_TRIGGERS = frozenset({"died", "perished", "succumbed", "fell"})
"""Violence coded on the verb of dying ("fell to police bullets"): a death."""
VERBAL_ROOTS = frozenset({"01"})
"""Roots that are no police action: a bare statement. The annotators did count what the
police asked, promised, warned, denied or claimed as "doing something"."""
INACTION_CODES = ("124", "128", "1246")
"""Refusing to act, defying orders: police failing to act when they are the source."""
NOT_HAPPENED = frozenset({"negated", "hypothetical", "possible", "planned", "refuted"})


def _words(text: str) -> set[str]:
    return {w.strip(".,;:'\"()!?‘’“”").lower() for w in text.split()}


SECURITY = frozenset({POLICE, "MIL"})
"""Sectors taken for the security forces: in this news the paramilitary and the army
patrol, deploy and fire beside the police, and the annotators counted what they did."""
POLICE_WORK = ("173", "1711", "174", "15", "191", "1723", "1724", "175", "193", "194")
"""Codes that, in the passive with no source given ("50 were arrested", "curfew was
imposed", "rounds were fired in the air"), are police work in this news."""
CROWD_FIRE_WORDS = frozenset({"police", "policemen", "policeman", "cops", "constables",
                              "force", "forces", "air", "rounds", "teargas", "disperse",
                              "dispersed", "mob", "mobs", "encounter", "terrorist",
                              "terrorists", "militant", "militants", "extremists"})
"""Small-arms fire with no source is police work only beside these words ("rounds were
fired in the air to disperse the mob", "two terrorists were shot dead in an encounter");
elsewhere ("a trader was shot dead") it is mostly a crime."""


INACTION_WORDS = frozenset({"inaction", "mute", "spectator", "spectators", "onlooker",
                            "onlookers", "fail", "failed", "failure", "failing", "helpless",
                            "unheeded", "refused", "passive", "indifference", "indifferent",
                            "laxity", "inactive", "negligence", "apathy", "idle", "watched",
                            "inefficiency", "breakdown", "deaf", "slackness", "lapse",
                            "lapses"})
"""Words that say the police stood by: with the police named in the sentence of an
event (criticised for, failed to, stood mute while), the answer to FAIL is yes.
Complicity and connivance are not among them: siding with the rioters is doing
something, and the annotators did not read it as a failure to act."""
COMPLICITY = frozenset({"complicity", "connivance"})
DEFYING = frozenset({"defy", "defied", "defies", "defying", "flout", "flouted", "flouting",
                     "violate", "violated", "violating", "breach", "breached", "ignore",
                     "ignored", "disregard", "disregarded", "disobey", "disobeyed"})
"""Triggers of 128 that are defiance, not a failure of duty."""
AUTHORITY = frozenset({"GOV"})
"""A government that failed to keep order ("the state failed to protect the people",
"the administration did nothing") answers FAIL too: it commands the police."""
INACTION_PHRASES = re.compile(r"\b(?:look(?:ed)? the other way|stood by|did nothing|no action|"
                              r"lack of (?:police )?action|not (?:act|intervene|respond)\w*|"
                              r"(?:absence|lack|presence) of (?:the )?police|"
                              r"refus\w* to (?:take action|act|intervene)|"
                              r"could not (?:contain|control|stop|prevent)|"
                              r"nowhere (?:in sight|to be seen)|"
                              r"(?:let|allowed) (?:the )?(?:mobs?|rioters) (?:to )?"
                              r"(?:go|run|have|continue|burn|loot))\b", re.IGNORECASE)
LATE = re.compile(r"\bdelay(?:ed)? (?:in |of )?(?:calling|deploying|the deployment|"
                  r"deployment|sending|army deployment)", re.IGNORECASE)
"""Help that came late ("the delay in calling out the army"): a failure to act whoever is
named."""
POLICE_WORDS = frozenset({"police", "policemen", "policeman", "cops", "constables", "khaki",
                          "force"})


def _inaction(sentence: str) -> bool:
    """The sentence names the police and says they stood by."""
    words = _words(sentence)
    if LATE.search(sentence):
        return True
    return bool(words & POLICE_WORDS) and bool(words & INACTION_WORDS
                                               or INACTION_PHRASES.search(sentence))


def _trigger(event: Event) -> str:
    at = event.evidence.trigger[0] - event.evidence.sentence[0]
    return event.evidence.text[at:at + event.evidence.trigger[1] - event.evidence.trigger[0]]


def is_police(event: Event) -> bool:
    return any(SECURITY & set(a.sectors) for a in event.sources)


PLACE_PREPOSITIONS = frozenset({"in", "at", "near", "from", "around"})


def _is_place(actor: Actor, event: Event) -> bool:
    """A source that is where the event happened, not who did it ("were arrested in
    Varanasi" gives the town as source): a resolved location, or a mention that follows
    a preposition of place in the sentence."""
    if actor.method == "location":
        return True
    if actor.start is None or actor.sectors:
        return False
    before = event.evidence.text[:max(0, actor.start - event.evidence.sentence[0])].split()
    return bool(before) and before[-1].lower() in PLACE_PREPOSITIONS


def _sourceless_police(event: Event) -> bool:
    """An event with no source that the police did: police work in the passive, or
    violence with the police named in the sentence and not among the targets
    ("killed in police firing")."""
    if any(not _is_place(a, event) for a in event.sources):
        return False
    code = event.cameo.code
    if code.startswith("193") and not _words(event.evidence.text) & CROWD_FIRE_WORDS:
        return False  # "a trader was shot dead": a shooting by no one named is a crime
    if code.startswith(POLICE_WORK):
        return True
    if code.startswith(FORCE_CODES) and not any(POLICE in a.sectors for a in event.targets):
        return bool(BY_POLICE.search(event.evidence.text))  # "killed in police firing"
    return False


def _ordered_police_work(event: Event) -> bool:
    """Police work whoever orders it: deploying the police (153 is police power by
    definition: "the administration rushed the RAF to the area") and curfews that a
    government imposes (the police enforce them)."""
    code = event.cameo.code
    if code.startswith("153"):
        return True
    return code.startswith(("1723", "1724")) and any(AUTHORITY & set(a.sectors)
                                                     for a in event.sources)


def _failed_duty(event: Event) -> bool:
    """A government's failure to act (128 whose source is a government, not defiance)."""
    return (event.cameo.code.startswith("128")
            and any(AUTHORITY & set(a.sectors) for a in event.sources)
            and _trigger(event).lower() not in DEFYING)


def police_labels(event: Event) -> set[str]:
    """The IndiaPoliceEvents labels that one event answers "yes" to (empty if none)."""
    code = event.cameo.code
    label = event.factuality.label
    if _trigger(event).lower() in COMPLICITY:
        return set()  # siding with the rioters: neither a failure nor a police action
    if not (is_police(event) or _sourceless_police(event) or _ordered_police_work(event)):
        # the police (or the government over them) blamed for standing by
        return {"FAIL"} if _inaction(event.evidence.text) or _failed_duty(event) else set()
    out: set[str] = set()
    if _inaction(event.evidence.text):
        out.add("FAIL")
    happened = label not in NOT_HAPPENED
    if label == "negated" and is_police(event) and not code.startswith("173") and (
            code.startswith(FORCE_CODES) or code[:2] in {"08", "15", "17"}
            or code.startswith("07")):
        # "police did not stop the mob", "police never intervened"; "no arrests were
        # made" is no failure to act (the annotators did not read it as one), nor is a
        # negation with no police named ("no one was injured in the firing")
        out.add("FAIL")
    if code.startswith(INACTION_CODES) or _trigger(event).lower().startswith("fail"):
        # "the police failed to disperse the mob" (the refusal frame, 120): no action
        out.add("FAIL")
        return out  # standing by is not an action, whatever the verb ("did nothing")
    if not happened:
        if label == "planned" and code[:2] not in VERBAL_ROOTS:
            out.add("ANY_ACTION")  # "1,200 policemen will be deployed": police at work
        return out
    if code.startswith("173"):
        out.add("ARREST")
    vague = code.startswith(("175", "190", "170"))
    if code.startswith(FORCE_CODES) and not code.startswith(NOT_FORCE) and (
            not vague or _words(event.evidence.text) & FORCE_WORDS):
        out.add("FORCE")
        if code.startswith(KILL_CODES) or _words(event.evidence.text) & KILL_WORDS or (
                _trigger(event).lower() in DEATH_TRIGGERS):
            out.add("KILL")
    if code[:2] not in VERBAL_ROOTS or out:
        out.add("ANY_ACTION")
    return out


@dataclass(slots=True)
class GoldSentence:
    sent_id: int
    span: tuple[int, int]
    labels: set[str]
    text: str


@dataclass(slots=True)
class GoldDoc:
    doc_id: str
    raw: str
    text: str
    date: str | None
    labels: set[str]
    sentences: list[GoldSentence] = field(default_factory=list)
    unaligned: int = 0


def _jsonl(path: Path) -> list[dict[str, Any]]:
    if not path.exists():
        raise EvalDataError(f"{path}: not found; --data takes the IndiaPoliceEvents folder "
                            "with docs.jsonl and sents.jsonl")
    out = []
    with path.open(encoding="utf-8") as fh:
        for n, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                out.append(json.loads(line))
            except json.JSONDecodeError as exc:
                raise EvalDataError(f"{path}:{n}: not valid JSON ({exc})") from None
    return out


def load(folder: Path, limit: int | None = None) -> list[GoldDoc]:
    """Gold documents with their sentences aligned to the repaired text."""
    from tidings.ingest.text import repair_text_with_offsets

    if folder.is_file():
        folder = folder.parent
    docs = _jsonl(folder / "docs.jsonl")
    sents = _jsonl(folder / "sents.jsonl")
    meta_path = folder / "metadata.jsonl"
    dates = ({str(m["doc_id"]): m.get("date") for m in _jsonl(meta_path)}
             if meta_path.exists() else {})
    by_doc: dict[str, list[dict[str, Any]]] = {}
    for s in sents:
        by_doc.setdefault(str(s["doc_id"]), []).append(s)
    out = []
    for d in docs[:limit] if limit else docs:
        try:
            doc_id, raw = str(d["doc_id"]), str(d["doc_text"])
        except KeyError as exc:
            raise EvalDataError(f"{folder / 'docs.jsonl'}: a line lacks {exc}") from None
        text, mapping = repair_text_with_offsets(raw)
        gold = GoldDoc(doc_id=doc_id, raw=raw, text=text, date=dates.get(doc_id),
                       labels=set(d.get("doc_labels") or []))
        cursor = 0
        for s in sorted(by_doc.get(doc_id, []), key=lambda s: int(s["sent_id"])):
            st = str(s.get("sent_text") or "")
            at = raw.find(st, cursor) if st else -1
            if at < 0:
                gold.unaligned += bool(st.strip())
                continue
            cursor = at + len(st)
            span = (mapping[at], mapping[cursor])
            gold.sentences.append(GoldSentence(int(s["sent_id"]), span,
                                               set(s.get("sent_labels") or []), st))
        out.append(gold)
    return out


@dataclass(slots=True)
class Prediction:
    """What the pipeline found in one document: its events."""

    events: list[Event]


def predict(gold: Sequence[GoldDoc], pipeline: Any | None) -> list[Prediction]:
    """Run the pipeline over the repaired documents (dated where the metadata says)."""
    from tidings.pipeline import Pipeline, to_datetime

    if pipeline is None:
        from tidings.config import load_config
        from tidings.pipeline import Resources

        config = load_config()
        pipeline = Pipeline(Resources.load(config), config)
    docs = [Document.from_text(g.text, published_at=to_datetime(g.date) if g.date else None,
                               source=f"india-police:{g.doc_id}") for g in gold]
    return [Prediction(a.events) for a in pipeline.analyse(docs)]


def _event_labels(sentence: GoldSentence, pred: Prediction) -> set[str]:
    s0, s1 = sentence.span
    out: set[str] = set()
    for e in pred.events:
        if s0 <= e.evidence.trigger[0] < s1:
            out |= police_labels(e)
    return out


def _sentence_labels(sentence: GoldSentence, pred: Prediction) -> set[str]:
    return _event_labels(sentence, pred)


def _scores(pairs: list[tuple[set[str], set[str]]]) -> dict[str, PRF]:
    per: dict[str, PRF] = {}
    for lab in LABELS:
        tp = sum(1 for g, p in pairs if lab in g and lab in p)
        fp = sum(1 for g, p in pairs if lab not in g and lab in p)
        fn = sum(1 for g, p in pairs if lab in g and lab not in p)
        per[lab] = prf(tp, fp, fn)
    return per


def _confusion(pairs: list[tuple[set[str], set[str]]]) -> str:
    lines = [f"{'label':<12} {'TP':>6} {'FP':>6} {'FN':>6} {'TN':>6}"]
    for lab in LABELS:
        c = [0, 0, 0, 0]
        for g, p in pairs:
            c[0 if lab in g and lab in p else 1 if lab in p else 2 if lab in g else 3] += 1
        lines.append(f"{lab:<12} {c[0]:6d} {c[1]:6d} {c[2]:6d} {c[3]:6d}")
    return "\n".join(lines)


def score(gold: Sequence[GoldDoc], preds: Sequence[Prediction]) -> EvalResult:
    """Per-label and macro scores at sentence and document level."""
    sent_pairs: list[tuple[set[str], set[str]]] = []
    doc_pairs: list[tuple[set[str], set[str]]] = []
    predictions: list[dict[str, Any]] = []
    errors: list[tuple[int, str, str]] = []
    for g, pred in zip(gold, preds, strict=True):
        evs = pred.events
        doc_pred: set[str] = set()
        for e in evs:
            doc_pred |= police_labels(e)
        doc_pairs.append((g.labels, doc_pred))
        wrong = len(g.labels ^ doc_pred)
        sent_out = []
        for s in g.sentences:
            labels = _sentence_labels(s, pred)
            sent_pairs.append((s.labels, labels))
            wrong += len(s.labels ^ labels)
            if s.labels or labels:
                sent_out.append({"sent_id": s.sent_id, "gold": sorted(s.labels),
                                 "predicted": sorted(labels),
                                 "text": g.text[s.span[0]:s.span[1]]})
        errors.append((wrong, g.doc_id, g.text[:90].replace("\n", " ")))
        predictions.append({
            "doc_id": g.doc_id, "gold": sorted(g.labels), "predicted": sorted(doc_pred),
            "sentences": sent_out,
            "police_events": [{"code": e.cameo.code, "type": e.type,
                               "factuality": e.factuality.label,
                               "labels": sorted(police_labels(e)),
                               "trigger": g.text[e.evidence.trigger[0]:e.evidence.trigger[1]],
                               "sources": [a.text for a in e.sources]}
                              for e in evs if police_labels(e)],
        })
    sent_per = _scores(sent_pairs)
    doc_per = _scores(doc_pairs)
    metrics: dict[str, float] = {
        "doc_macro_f1": round(sum(v[2] for v in doc_per.values()) / len(LABELS), 4),
        "sent_macro_f1": round(sum(v[2] for v in sent_per.values()) / len(LABELS), 4),
    }
    for level, per in (("doc", doc_per), ("sent", sent_per)):
        for lab, (p, r, f) in per.items():
            key = lab.lower()
            metrics[f"{level}_{key}_precision"] = round(p, 4)
            metrics[f"{level}_{key}_recall"] = round(r, 4)
            metrics[f"{level}_{key}_f1"] = round(f, 4)
    metrics["sentences_unaligned"] = float(sum(g.unaligned for g in gold))
    worst = sorted(errors, key=lambda t: -t[0])[:10]
    details = {
        "document level (P/R/F1 per label)": per_label_table(doc_per),
        "sentence level (P/R/F1 per label)": per_label_table(sent_per),
        "document confusion per label": _confusion(doc_pairs),
        "sentence confusion per label": _confusion(sent_pairs),
        "ten worst documents (label errors, doc + sentences)": "\n".join(
            f"{w:3d}  doc {d:>6}  {t}" for w, d, t in worst),
    }
    return EvalResult(task="india-police", n=len(gold), metrics=metrics,
                      predictions=predictions, details=details)


def evaluate(data: Path, **options: Any) -> EvalResult:
    """Score tidings on IndiaPoliceEvents (``--data`` the folder)."""
    gold = load(data, options.get("limit"))
    if not gold:
        raise EvalDataError(f"{data}: no documents found in docs.jsonl")
    return score(gold, predict(gold, options.get("pipeline")))
