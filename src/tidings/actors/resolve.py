"""Resolve an actor mention (a span of the parse) to one or more :class:`Actor` records.

The rules, in order (docs/actors.md gives examples):

1. Names in the span are found by longest match on word n-grams (a dictionary hit
   each): countries and their demonyms, capitals and seats of government, cities,
   US states, organizations, people.
2. The head's sector and role come from the noun table ("troops" -> MIL,
   "president" -> GOV and the office *president*); a generic person noun ("officer",
   "leader") takes a modifier's sector ("army officer" -> MIL).
3. A title with a country ("the Kazakh president", "the president of the United
   States") gives the office-holder on the date; "former" gives ELI instead.
4. A bare capital or seat of government that is the subject or object stands for the
   government (metonymy); a city otherwise stands for its civilians (CVL).
5. Coordinated countries ("the Tajik and Kyrgyz embassies", "the embassies of Armenia
   and Belarus") give one actor each (:meth:`ActorResolver.resolve_all`).
6. Within a document, pronouns, definite descriptions ("the president", "the
   organization"), surnames and acronyms are linked to earlier mentions
   (:mod:`tidings.actors.coref`, run by the ``actors`` stage).
7. Anything else is kept as written, with whatever sector the head gives.
8. Towns and regions below the KB come from the geo gazetteer ("Darfur rebels"); a KB
   city yields to a same-name place in the country the document names ("Tripoli").
9. A people lives where the sentence puts it ("Bosnian Serbs", "ethnic Albanians"
   demonstrating in Serbia); a place of action is its country with no sector ("arrested
   in Lebanon"); a domestic group or titled stranger with no country takes the story's
   (:meth:`ActorResolver.context_country`).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any, NamedTuple

from tidings.actors.kb import ActorKB, Hit, KBEntry
from tidings.records import Actor

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

    from tidings.actors.coref import Mention
    from tidings.annotations import Analysis
    from tidings.geo.gazetteer import Entry, Gazetteer

INDEX_KEY = "actors.by_head"
"""``analysis.extra`` key: head token index -> actor, written by the actors stage."""
EVIDENCE_KEY = "actors.countries"
"""``analysis.extra`` key: country -> how often the document names it (cached)."""

ORG_KINDS = frozenset({"igo", "ngo", "group", "party", "institution", "media"})
_DETERMINERS = frozenset({"the", "a", "an", "this", "that", "these", "those", "its",
                          "their", "his", "her", "our", "some", "several", "many", "two",
                          "both", "all", "other", "another"})
_FORMER = frozenset({"former", "ex", "ex-", "ousted", "deposed", "late", "exiled",
                     "outgoing", "erstwhile"})
_PP_OF = frozenset({"of", "from", "in", "for", "at", "throughout", "across", "inside"})
_SUBJ_OBJ = frozenset({"nsubj", "nsubjpass", "dobj", "obj", "csubj"})
_LOCATIVE = frozenset({"in", "at", "near", "inside", "outside", "across", "throughout",
                       "around", "into", "through", "over", "within", "of"})
_TITLE_WORDS = frozenset({"president", "minister", "prime", "general", "judge", "king",
                          "queen", "mr", "mrs", "ms", "dr", "sheikh", "ayatollah", "gen."})
_ARGUMENT = frozenset({"nsubj", "nsubjpass", "dobj", "obj", "pobj", "appos", "attr",
                       "dative", "npadvmod", "poss"})
_NOMINAL = frozenset({"NOUN", "PROPN", "PRON", "NUM", "X"})
_KIND_RANK = {"person": 0, "igo": 1, "ngo": 1, "group": 1, "party": 1, "institution": 1,
              "media": 1, "country": 2, "region": 3, "city": 4}
MAX_NAME_TOKENS = 10
_PLACE_ENTS = frozenset({"GPE", "LOC", "FAC"})
_PLACE_NOUNS = frozenset({"town", "city", "village", "region", "province", "area", "district",
                          "capital", "port", "enclave", "state", "territory", "suburb",
                          "outskirts", "neighbourhood", "neighborhood", "county"})
"""Nouns for a place: "near the town of Samarra" names where, not who."""
_PLACE_METHODS = frozenset({"city", "region", "kb-name", "metonymy", "country+sector"})
_ETHNIC_HEADS = frozenset({"population", "minority", "community", "majority"})
"""Nouns for a people where it lives: "the Albanian population" of a province."""
_INTERNATIONAL = frozenset({"IGO", "NGO", "IMG", "INT", "MNC", "ISM"})
CONTEXT_KEY = "tidings.actors.context"
"""``doc.user_data`` key: sentence start -> the countries the sentence names (cached)."""


@dataclass(slots=True)
class NameMatch:
    """A KB name found on tokens ``[start, end)`` of the document."""

    start: int
    end: int
    hits: list[Hit]
    entry: KBEntry
    form: str


def iso_day(when: date | None) -> str | None:
    return when.isoformat() if when is not None else None


class ActorResolver:
    """Turns mentions into actors with the knowledge base.

    Args:
        kb: the loaded knowledge base.
    """

    def __init__(self, kb: ActorKB, gazetteer: Gazetteer | None = None) -> None:
        self.kb = kb
        self._gaz = gazetteer

    @property
    def gazetteer(self) -> Gazetteer:
        """The geo gazetteer, for towns and regions the KB does not list ("Darfur",
        "Samarra"); loaded on first use when none was passed in."""
        if self._gaz is None:
            self._gaz = _shared_gazetteer()
        return self._gaz

    # ------------------------------------------------------------------ public
    def resolve(self, span: Span, when: date | None = None,
                analysis: Analysis | None = None) -> Actor:
        """The actor a noun phrase denotes; unknown actors are kept as written.

        Args:
            span: the mention (a noun phrase of the parse).
            when: the date the role must hold on (office-holders), usually the event or
                document date.
            analysis: the document being analysed, for within-document coreference
                (used when the ``actors`` stage has run) and document evidence.
        """
        return self.resolve_all(span, when, analysis)[0]

    def resolve_all(self, span: Span, when: date | None = None,
                    analysis: Analysis | None = None) -> list[Actor]:
        """All actors a noun phrase denotes: one per coordinated country, else one."""
        if analysis is not None:
            index = analysis.extra.get(INDEX_KEY)
            if isinstance(index, dict):
                linked = index.get(span.root.i)
                if isinstance(linked, Actor) and (linked.method or "").startswith("coref"):
                    return [_restamp(linked, span)]
        return self.resolve_span(span, when, analysis, None)

    # ------------------------------------------------------------ the rules
    def resolve_span(self, span: Span, when: date | None, analysis: Analysis | None,
                     history: list[Mention] | None) -> list[Actor]:
        """Resolve ``span``; with ``history`` (earlier mentions) also link coreference."""
        doc = span.doc
        toks = tokens(doc)
        lower, punct, pos = toks.lower, toks.punct, toks.pos
        day = iso_day(when)
        i0, i1 = span.start, span.end
        while i0 < i1 and (lower[i0] in _DETERMINERS or punct[i0]):
            i0 += 1
        while i1 > i0 and punct[i1 - 1] and toks.text[i1 - 1] != ".":
            i1 -= 1
        base = Actor(text=toks.span_text(span.start, span.end),
                     start=toks.idx[span.start] if span.start < span.end else span.start_char,
                     end=span.end_char)
        if i0 >= i1:
            base.method = "unknown"
            return [base]
        root = span.root
        head = root if i0 <= root.i < i1 else doc[i1 - 1]
        if head.pos_ not in _NOMINAL and head.dep_ not in _ARGUMENT:
            # "Red Cross operating in Iraq": the phrase's noun, not the verb of its clause
            nouns = [k for k in range(i0, head.i) if pos[k] in _NOMINAL]
            head = doc[nouns[-1]] if nouns else head
        if history is not None:
            from tidings.actors.coref import link

            linked = link(self, span, head, i0, i1, day, history)
            if linked is not None:
                return [linked]
        # names right of the head belong to its clause or phrases, not to the actor
        matches = [m for m in self.names(doc, i0, i1, analysis) if m.start <= head.i]
        head_match = next((m for m in matches if m.start <= head.i < m.end), None)
        mods = [m for m in matches if m is not head_match]
        phrase_sectors, title, generic = self.head_phrase(doc, head, i0, i1)
        former = any(lower[k] in _FORMER for k in range(i0, head.i))
        mod_sectors = self.modifier_sectors(doc, i0, head.i, matches)

        # a person named as the head: the name decides
        if head_match is not None and head_match.entry.kind == "person":
            return [self.person_actor(base, head_match.entry, day, former,
                                      "kb-name" if head_match.form == "name" else "kb-surname")]

        if head_match is not None and not phrase_sectors:
            actor = self.named_actor(base, head_match, span, day)
            if head_match.form == "demonym" and head.tag_ in ("NNS", "NNPS") \
                    and not actor.sectors:
                actor.sectors = ["CVL"]  # "Palestinians", "Liberians": the population
                actor.kind = "group"
                home = self.residence(span, head, i0, mods, head_match, analysis)
                if home is not None and home != actor.country:
                    actor.country = actor.id = home
                    entry = self.kb.entries.get(home)
                    actor.name = entry.name if entry is not None else actor.name
                    actor.method = "residence"
            elif _place_of_action(span, head, head_match, []):
                _as_location(actor)
            return [actor]

        owners = list(mods)
        if head_match is not None and head_match.entry.kind in ORG_KINDS:
            owners = [head_match, *owners]
        if not owners and (phrase_sectors or title or mod_sectors or (
                head_match is not None and head_match.form == "demonym")):
            owners = self.pp_owners(head, analysis)
        sectors = phrase_sectors
        if (generic and mod_sectors) or not sectors:
            sectors = mod_sectors
        if generic and not mod_sectors:
            # "leaders of the opposition coalition", "members of the rebel group"
            sectors = self.of_sectors(head) or sectors
        if former and ("GOV" in sectors or title):
            sectors = ["ELI"]
            title = None

        if owners:
            groups = self.coordinated(owners)
            out = [self.owned_actor(base, group, sectors, title, day) for group in groups]
            if len(owners) == 1 and owners[0].form == "demonym" and owners[0].entry.country \
                    and (head.lemma_.lower() in _ETHNIC_HEADS or any(
                        lower[k] == "ethnic" for k in range(i0, head.i))):
                home = self.context_country(span, {owners[0].entry.country}, analysis)
                if home is not None:  # "ethnic Albanian guerrillas operating in Macedonia"
                    out[0].country = out[0].id = home
                    out[0].method = "residence"
        elif head_match is not None:
            out = [self.named_actor(base, head_match, span, day)]
        elif sectors:
            base.sectors = list(sectors)
            base.kind = "group"
            base.method = "sector"
            out = [base]
        else:
            base.kind = _entity_kind(span)
            base.method = "unknown"
            out = [base]
        name = _proper_name(doc, head, i0) if head_match is None else None
        if name and out[0].kind != "person" and (head.ent_type_ == "PERSON" or sectors):
            for actor in out:  # "Labour Minister Dragan Petrovic": a person we do not know
                actor.kind = "person"
                actor.name = name
                actor.id = None
        if len(out) == 1 and _place_of_action(span, head, head_match, owners):
            _as_location(out[0])
        elif len(out) == 1 and _domestic(out[0]) and not any(
                toks.dep[k] == "poss" and pos[k] == "PRON"
                for k in range(span.start, head.i)):
            # ("its embassy" belongs to whoever "its" is, not to the story's country)
            home = self.context_country(span, set(), analysis)
            if home is not None:  # "Judge Alejandro Rivera ... Chilean officials"
                out[0].country = home
                out[0].method = f"{out[0].method}+context"
        return out

    # ------------------------------------------------------------ pieces
    def names(self, doc: Doc, i0: int, i1: int,
              analysis: Analysis | None = None) -> list[NameMatch]:
        """KB names on tokens ``[i0, i1)``, longest first, left to right."""
        out: list[NameMatch] = []
        toks = tokens(doc)
        text, lower, punct = toks.text, toks.lower, toks.punct
        i = i0
        while i < i1:
            if punct[i] or toks.space[i] or lower[i] in _DETERMINERS or \
                    lower[i] == "'s" or not self.kb.may_start(text[i]):
                i += 1
                continue
            found: NameMatch | None = None
            for j in range(min(i1, i + MAX_NAME_TOKENS), i, -1):
                if punct[j - 1] and text[j - 1] != "." and j - 1 > i:
                    continue
                hits = self.kb.lookup(toks.span_text(i, j))
                hits = [h for h in hits if self._plausible(h, doc, i, j)]
                if hits:
                    entry, form = self.choose(hits, doc, analysis)
                    if entry.kind == "city" or form in ("city", "capital"):
                        entry = self._city_in_context(toks.span_text(i, j), entry, doc,
                                                      analysis)
                    found = NameMatch(i, j, hits, entry, form)
                    break
            if found is not None:
                out.append(found)
                i = found.end
            else:
                i += 1
        return self._place_names(doc, i0, i1, out, analysis)

    def _city_in_context(self, text: str, entry: KBEntry, doc: Doc,
                         analysis: Analysis | None) -> KBEntry:
        """A city of another country when the document names that country and not the
        KB city's ("Tripoli" in a story about Lebanon)."""
        evidence = self.document_countries(doc, analysis)
        if not evidence or evidence.get(entry.country or "", 0):
            return entry
        alt = self.place_entry(text, doc, analysis)
        if alt is not None and alt.country != entry.country and evidence.get(
                alt.country or "", 0):
            return alt
        return entry

    def _place_names(self, doc: Doc, i0: int, i1: int, found: list[NameMatch],
                     analysis: Analysis | None) -> list[NameMatch]:
        """``found`` plus the places below the KB ("Darfur", "the town of Samarra"):
        place entities that no KB name covers, looked up in the geo gazetteer."""
        covered = {k for m in found for k in range(m.start, m.end)}
        extra: list[NameMatch] = []
        toks = tokens(doc)
        for start, end in _place_ents(doc):
            if end <= i0 or start >= i1:
                continue
            a, b = max(start, i0), min(end, i1)
            while a < b and (toks.lower[a] in _DETERMINERS or toks.punct[a]):
                a += 1
            if a >= b or covered.intersection(range(a, b)):
                continue
            entry = self.place_entry(toks.span_text(a, b), doc, analysis)
            if entry is not None:
                extra.append(NameMatch(a, b, [Hit(entry, "name", True)], entry, "name"))
        if not extra:
            return found
        return sorted([*found, *extra], key=lambda m: m.start)

    def place_entry(self, name: str, doc: Doc | None = None,
                    analysis: Analysis | None = None) -> KBEntry | None:
        """A gazetteer town or region as a KB-like entry of its country, or None.

        Among places of the same name, one in a country the document names wins, then
        one whose own name (not an alias) it is, then the most populous."""
        gaz = self.gazetteer
        key = name.strip()
        if not key or key.lower() in gaz.common_words:
            return None
        places = [e for e in gaz.lookup(key) if e.cc2 and e.fclass in ("A", "P", "L")]
        if not places and key.split()[-1].lower() in ("state", "province", "region",
                                                       "district", "governorate"):
            places = [e for e in gaz.lookup(key.rsplit(" ", 1)[0])
                      if e.cc2 and e.fclass in ("A", "P", "L")]
        if not places:
            return None
        primary = gaz.primary(key)
        best = min(places, key=lambda e: e.geonameid not in primary)
        if doc is not None and len({e.cc2 for e in places}) > 1:
            evidence = self.document_countries(doc, analysis)
            named = [e for e in places if evidence.get(gaz.iso3.get(e.cc2, ""), 0)]
            if named:
                best = max(named, key=lambda e: evidence.get(gaz.iso3.get(e.cc2, ""), 0))
        return _geo_entry(best, gaz)

    def residence(self, span: Span, head: Token, i0: int, mods: list[NameMatch],
                  people: NameMatch, analysis: Analysis | None) -> str | None:
        """Where a people named by its demonym lives, as CAMEO codes ethnic groups:
        "Bosnian Serbs" (BIH), "Albanians of southern Serbia" (SRB), "ethnic Albanians"
        demonstrating in Serbia (the country the sentence places them in)."""
        own = people.entry.country
        for m in mods:
            if m.start < head.i and m.entry.country and m.entry.country != own and \
                    m.entry.kind in ("country", "city", "region"):
                return m.entry.country
        for m in self.pp_owners(head, analysis):
            if m.entry.country and m.entry.kind in ("country", "city", "region"):
                return m.entry.country
        lower = tokens(span.doc).lower
        ethnic = any(lower[k] == "ethnic" for k in range(max(i0 - 1, 0), head.i))
        if ethnic:
            return self.context_country(span, {own} if own else set(), analysis)
        return None

    def context_countries(self, doc: Doc, sent_start: int,
                          analysis: Analysis | None) -> list[tuple[int, str, bool]]:
        """The countries a sentence places its story in, as ``(token, ISO-3, locative)``:
        places of action ("in Serbia", "in a suburb of Beirut", "in Greece's biggest
        trial") and country or demonym modifiers ("Chilean officials", "the Mozambique
        government"); cached per document. A country that is itself an argument ("help
        Iran", "China's assistance") says nothing of the other actors."""
        cache = doc.user_data.setdefault(CONTEXT_KEY, {})
        hit = cache.get(sent_start)
        if hit is not None:
            return hit  # type: ignore[no-any-return]
        sent = doc[sent_start].sent
        out: dict[int, tuple[int, str, bool]] = {}
        seen: set[int] = set()
        ents = _span_ents(doc, sent.start, sent.end)
        for ent in ents:
            if ent.label_ not in ("GPE", "NORP", "LOC", "FAC") and not _place_like(ent):
                continue
            root = ent.root
            seen.update(range(ent.start, ent.end))
            locative = _in_locative(root)
            if _anti(ent) or not (locative or root.dep_ in ("amod", "compound")):
                continue
            a = ent.start + (1 if ent[0].lower_ == "the" and len(ent) > 1 else 0)
            text = doc[a:ent.end].text
            hits = self.kb.lookup(text)
            if locative:
                country = next((h.entry.country for h in hits if h.entry.country and
                                h.entry.kind in ("country", "city", "region")), None)
                if country is None and _place_like(ent):
                    entry = self.place_entry(text, doc, analysis)
                    country = entry.country if entry is not None else None
            elif self._actor_noun(root.head):
                country = next((h.entry.country for h in hits if h.form in (
                    "demonym", "name") and h.entry.kind == "country"), None)
            else:
                country = None
            if country is not None:
                out[root.i] = (root.i, country, locative)
        for ent in ents:
            if ent.label_ == "ORG" and any(h.entry.kind in ORG_KINDS
                                           for h in self.kb.lookup(ent.text)):
                seen.update(range(ent.start, ent.end))  # "the Syrian Observatory": a name
        modifiers = _arrays(doc)[4]
        for i in range(sent.start, sent.end):
            if not modifiers[i] or i in seen:
                continue
            tok = doc[i]
            if not self.kb.may_start(tok.text) or _anti(doc[i : i + 1]) or \
                    not self._actor_noun(tok.head):
                continue
            country = next((h.entry.country for h in self.kb.lookup(tok.text)
                            if h.form in ("demonym", "name") and h.entry.kind == "country"),
                           None)
            if country is not None:
                out[tok.i] = (tok.i, country, False)
        result = sorted(out.values())
        cache[sent_start] = result
        return result

    def _actor_noun(self, tok: Token) -> bool:
        """A noun for people or a body ("officials", "government", "Ministry"), whose
        country modifier says where the story is; not a thing ("Danish web sites",
        "Israeli tank shelling", "the Thai border")."""
        lemma = tok.lemma_.lower()
        return lemma in self.kb.sectors or lemma in self.kb.roles or (
            tok.pos_ == "PROPN" and tok.ent_type_ in ("ORG", "PERSON"))

    def context_country(self, span: Span, exclude: set[str],
                        analysis: Analysis | None) -> str | None:
        """The country the sentence around ``span`` is about, for an actor whose own words
        name none: the nearest place of action ("in Serbia"), else the nearest country
        named (CAMEO codes a domestic actor with the country of the story)."""
        doc = span.doc
        found = [(i, c, loc) for i, c, loc in self.context_countries(
            doc, span.sent.start, analysis) if c not in exclude]
        if not found:
            return None
        places = [f for f in found if f[2]] or found
        return min(places, key=lambda f: abs(f[0] - span.root.i))[1]

    def _plausible(self, hit: Hit, doc: Doc, i: int, j: int) -> bool:
        """Drop a hit the entity tags contradict ("Jordan" inside "Michael Jordan")."""
        toks = tokens(doc)
        ent_type, ent_iob = toks.ent_type, toks.ent_iob
        n = len(ent_type)
        inside_person = ent_type[i] == "PERSON" and (
            ent_iob[i] == "I" or (j < n and ent_iob[j] == "I" and ent_type[j] == "PERSON"))
        if hit.entry.kind == "person":
            if hit.form == "surname" or j - i == 1:
                titled = i > 0 and (
                    toks.lemma[i - 1] in self.kb.roles or toks.lemma[i - 1] in self.kb.sectors
                    or toks.lower[i - 1] in ("mr", "mr.", "mrs", "mrs.", "ms", "ms.", "dr",
                                             "dr."))
                return toks.pos[i] == "PROPN" and (ent_type[i] in ("PERSON", "") or titled)
            return True
        if inside_person and hit.form == "demonym":
            # "Bosnian Serbs" tagged as a person: a people, not a name
            end = i
            while end < n and ent_type[end] == "PERSON" and \
                    (end == i or ent_iob[end] == "I"):
                end += 1
            return toks.tag[end - 1] in ("NNS", "NNPS") and any(
                h.form == "demonym" for h in self.kb.lookup(toks.text[end - 1]))
        return not inside_person

    def choose(self, hits: list[Hit], doc: Doc,
               analysis: Analysis | None) -> tuple[KBEntry, str]:
        """The entry a name most likely means: by kind, then by document evidence
        when the candidates lie in different countries ("Georgia")."""
        ranked = sorted(hits, key=lambda h: (_KIND_RANK.get(h.entry.kind, 1)
                                             + (5 if h.form == "surname" else 0)))
        best = ranked[0]
        countries = {h.entry.country for h in ranked}
        if len(countries) > 1 and all(h.entry.kind in ("country", "region") for h in ranked):
            evidence = self.document_countries(doc, analysis)
            for h in ranked[1:]:
                if evidence.get(h.entry.country or "", 0) > evidence.get(
                        best.entry.country or "", 0):
                    best = h
        return best.entry, best.form

    def document_countries(self, doc: Doc, analysis: Analysis | None) -> dict[str, int]:
        """How often the document names each country (unambiguous names only), cached."""
        if analysis is not None:
            cached = analysis.extra.get(EVIDENCE_KEY)
            if isinstance(cached, dict):
                return cached
        counts: dict[str, int] = {}
        for ent in doc_ents(doc):
            if ent.label_ not in ("GPE", "NORP", "LOC", "ORG", "FAC"):
                continue
            # country names and demonyms only: a city's name is what may be ambiguous
            hits = self.kb.lookup(ent.text)
            found = {h.entry.country for h in hits if h.entry.country
                     and h.form in ("name", "demonym") and h.entry.kind != "city"}
            if len(found) == 1:
                c = found.pop()
                if c is not None:
                    counts[c] = counts.get(c, 0) + 1
        if analysis is not None:
            analysis.extra[EVIDENCE_KEY] = counts
        return counts

    def head_phrase(self, doc: Doc, head: Token, i0: int,
                    i1: int) -> tuple[list[str], str | None, bool]:
        """Sector codes, office title and genericity of the head noun phrase."""
        n = self.kb.max_phrase_words
        candidates: list[tuple[int, int]] = []
        for k in range(n, 0, -1):
            if head.i - k + 1 >= i0:
                candidates.append((head.i - k + 1, head.i + 1))
            if k > 1 and head.i + k <= len(doc):
                candidates.append((head.i, head.i + k))
        found = self._phrase(doc, candidates)
        if found is None and head.pos_ == "PROPN":
            # "President Kassym-Jomart Tokayev", "Arab League Secretary General X": a
            # title among the compound modifiers
            inner = [(a, a + k) for k in range(n, 0, -1) for a in range(i0, head.i - k + 1)]
            found = self._phrase(doc, inner)
            if found is not None:
                return found[0], found[1], False
        return found if found is not None else ([], None, False)

    def _phrase(self, doc: Doc, candidates: list[tuple[int, int]],
                titles_only: bool = False) -> tuple[list[str], str | None, bool] | None:
        """The longest candidate token range that is a sector or role phrase."""
        best: tuple[list[str], str | None, bool] | None = None
        best_len = 0
        for a, b in candidates:
            if b - a <= best_len:
                continue
            for phrase in _phrase_keys(doc, a, b):
                sec = self.kb.sectors.get(phrase)
                role = self.kb.roles.get(phrase)
                if titles_only and not role and not (sec and sec.generic):
                    continue
                if sec or role:
                    best = (list(sec.sectors) if sec else ["GOV"],
                            role, sec.generic if sec else True)
                    best_len = b - a
                    break
        return best

    def modifier_sectors(self, doc: Doc, i0: int, head_i: int,
                         matches: list[NameMatch]) -> list[str]:
        """Sectors of noun modifiers left of the head ("army" in "army officers")."""
        covered = {k for m in matches for k in range(m.start, m.end)}
        pos = tokens(doc).pos
        for width in (2, 1):
            for x in range(i0, head_i - width + 1):
                if any(k in covered for k in range(x, x + width)):
                    continue
                sec = next((self.kb.sectors[k] for k in _phrase_keys(doc, x, x + width)
                            if k in self.kb.sectors), None)
                last = pos[x + width - 1]
                if sec and not sec.generic and (last in ("NOUN", "PROPN") or (
                        last == "ADJ" and sec.sectors != ["CVL"])):
                    return list(sec.sectors)
        return []

    def of_sectors(self, head: Token) -> list[str]:
        """Sectors of the body a generic person noun belongs to, from its of-phrase."""
        for prep in head.rights:
            if prep.dep_ != "prep" or prep.lower_ != "of":
                continue
            for pobj in prep.children:
                if pobj.dep_ == "pobj" and pobj.pos_ in ("NOUN", "PROPN") and \
                        pobj.lemma_.lower() not in _PLACE_NOUNS and \
                        pobj.ent_type_ not in _PLACE_ENTS:
                    left = pobj.left_edge.i
                    found, _title, generic = self.head_phrase(pobj.doc, pobj, left, pobj.i + 1)
                    if found and not generic:
                        return found
                    mods = self.modifier_sectors(pobj.doc, left, pobj.i, [])
                    if mods:
                        return mods
            break
        return []

    def pp_owners(self, head: Token, analysis: Analysis | None) -> list[NameMatch]:
        """Countries or organizations in an of-phrase: "the president of the United
        States", "the embassies of Armenia and Belarus", "officials in Washington"."""
        out: list[NameMatch] = []
        for prep in head.rights:
            if prep.dep_ != "prep" or prep.lower_ not in _PP_OF:
                continue
            for pobj in prep.children:
                if pobj.dep_ != "pobj":
                    continue
                for h in (pobj, *pobj.conjuncts):
                    left = min((c.left_edge.i for c in h.lefts
                                if c.dep_ in ("compound", "amod", "det", "poss")), default=h.i)
                    found = [m for m in self.names(h.doc, left, h.i + 1, analysis)
                             if m.entry.kind != "person"]
                    # the name of the object itself, not a modifier of it ("of the
                    # Israeli-occupied West Bank" is the West Bank)
                    own = [m for m in found if m.start <= h.i < m.end]
                    out.extend(own[:1] or found[:1])
            if out:
                break
        return out

    @staticmethod
    def coordinated(owners: list[NameMatch]) -> list[list[NameMatch]]:
        """Split owners into one group per coordinated country ("Tajik and Kyrgyz")."""
        first = owners[0]
        rest = [m for m in owners[1:] if m.entry.id != first.entry.id]
        groups = [[first]]
        for m in rest:
            if m.entry.kind in ("country",) and first.entry.kind == "country":
                groups.append([m])
        if len(groups) == 1 and len(owners) > 1:
            # a country and an organization: "Russia's UN envoy" -> the country leads
            countries = [m for m in owners if m.entry.kind == "country"]
            orgs = [m for m in owners if m.entry.kind != "country"]
            if countries and orgs and orgs[0].entry.kind == "igo":
                return [[countries[0], *orgs]]
        return groups

    def owned_actor(self, base: Actor, group: list[NameMatch], sectors: list[str],
                    title: str | None, day: str | None) -> Actor:
        """A country's or organization's sector ("Kyrgyz troops") or office-holder."""
        owner = group[0].entry
        actor = _copy(base)
        of = owner.id if owner.kind in ("country", "igo") else (owner.country or owner.id)
        if owner.kind in ("region", "city", "person"):
            of = owner.country or owner.id
        if title is not None:
            office = self.kb.office_holder(of, title, day)
            if office is not None:
                person = self.kb.entries.get(office.person)
                if person is not None:
                    return self._person(actor, person, of, office.start, office.end,
                                        "office-holder")
        own_sectors = owner.sectors_on(day)
        if owner.kind in ORG_KINDS:
            actor.id = owner.id
            actor.name = owner.name
            actor.country = owner.country
            actor.sectors = _merge(sectors, own_sectors)
            actor.kind = "organization" if not sectors else "group"
            actor.method = "org+sector" if sectors else "kb-name"
            return actor
        country = owner.country
        entry = self.kb.entries.get(country or "")
        actor.id = country
        actor.name = entry.name if entry else owner.name
        actor.country = country
        actor.sectors = list(sectors)
        actor.kind = "group" if sectors else "country"
        actor.method = "country+sector" if sectors else "kb-name"
        return actor

    def named_actor(self, base: Actor, match: NameMatch, span: Span,
                    day: str | None) -> Actor:
        """The actor a bare name denotes, with metonymy for seats, capitals and cities."""
        entry = match.entry
        actor = _copy(base)
        actor.id = entry.id
        actor.name = entry.name
        actor.country = entry.country
        actor.sectors = entry.sectors_on(day)
        actor.method = "kb-name"
        if entry.kind in ORG_KINDS:
            actor.kind = "organization"
        elif entry.kind == "country":
            actor.kind = "country"
            if match.form == "seat":
                actor.sectors = ["GOV"]
                actor.kind = "group"
                actor.method = "metonymy"
            elif match.form == "capital":
                actor.sectors = ["GOV"] if _acts(span) else ["CVL"]
                actor.kind = "group"
                actor.method = "metonymy" if _acts(span) else "city"
        elif entry.kind == "city":
            actor.id = entry.country
            actor.name = self.kb.entries[entry.country].name if entry.country in \
                self.kb.entries else entry.name
            actor.sectors = ["CVL"]
            actor.kind = "group"
            actor.method = "city"
        elif entry.kind == "region":
            actor.kind = "group"
            actor.method = "region"
        return actor

    def person_actor(self, base: Actor, person: KBEntry, day: str | None, former: bool,
                     method: str) -> Actor:
        """A known person: country and office on the date; ELI when out of office."""
        actor = _copy(base)
        offices = self.kb.offices_of(person.id, day)
        if offices and not former:
            o = offices[-1]
            return self._person(actor, person, o.of, o.start, o.end, method)
        actor = self._person(actor, person, None, None, None, method)
        if day is not None or former:
            actor.sectors = ["ELI"]
        return actor

    def _person(self, actor: Actor, person: KBEntry, of: str | None, start: str | None,
                end: str | None, method: str) -> Actor:
        actor.id = person.id
        actor.name = person.name
        actor.kind = "person"
        actor.method = method
        actor.role_start = start
        actor.role_end = end
        if of is not None and of.startswith(("IGO:", "NGO:")):
            org = self.kb.entries.get(of)
            actor.country = None
            actor.sectors = ["IGO" if of.startswith("IGO:") else "NGO", "GOV"]
            if org is not None:
                actor.name = f"{person.name} ({org.name})"
        else:
            actor.country = of or person.country
            actor.sectors = list(person.sectors)
        return actor


_SHARED: list[Gazetteer] = []


def _shared_gazetteer() -> Gazetteer:
    """One gazetteer per process for resolvers built without one."""
    if not _SHARED:
        from tidings.geo.gazetteer import Gazetteer

        _SHARED.append(Gazetteer.load())
    return _SHARED[0]


def _place_of_action(span: Span, head: Token, head_match: NameMatch | None,
                     owners: list[NameMatch]) -> bool:
    """The mention is the object of a locative preposition ("in Lebanon", "near the
    town of Samarra") and names a place."""
    root = span.root
    if root.dep_ != "pobj" or root.head.lower_ not in _LOCATIVE or root.head.lower_ == "of":
        return False
    if head_match is not None:
        return head_match.entry.kind in ("country", "city", "region")
    return head.lemma_.lower() in _PLACE_NOUNS and bool(owners) and all(
        m.entry.kind in ("country", "city", "region") for m in owners)


def _as_location(actor: Actor) -> None:
    """"arrested in Lebanon", "a bombing near the town of Samarra": the place's country,
    not its civilians (the events stage uses it when no one else is named)."""
    if actor.method in _PLACE_METHODS and actor.sectors in ([], ["CVL"]) and \
            actor.country is not None:
        actor.sectors = []
        actor.kind = "country"
        actor.id = actor.country
        actor.method = "location"


def _domestic(actor: Actor) -> bool:
    """A group, or a person we do not know, with a sector (a title) but no country, and
    nothing that makes it international: the story's country is its country."""
    if actor.country is not None or actor.id:
        return False  # a known body or person without a country is international
    return bool(actor.sectors) and not _INTERNATIONAL.intersection(actor.sectors)


def _in_locative(tok: Token) -> bool:
    """The token names where something happened: the object of a locative preposition,
    or a name inside one ("in a residential sector of eastern Beirut", "in Greece's
    biggest corruption trial")."""
    node = tok
    for _ in range(4):
        if node.dep_ == "pobj":
            prep = node.head.lower_
            if prep in _LOCATIVE and prep != "of":
                return True
            if prep != "of":
                return False
            node = node.head.head
        elif node.dep_ in ("poss", "compound", "amod", "appos", "nmod"):
            node = node.head
        else:
            return False
    return False


def _anti(span: Span) -> bool:
    """"anti-Syria", "anti-American": against the country, not of it."""
    k = span.start
    doc = span.doc
    return (k >= 1 and doc[k - 1].lower_ in ("anti", "anti-")) or (
        k >= 2 and doc[k - 1].text == "-" and doc[k - 2].lower_ == "anti") or \
        span[0].lower_.startswith("anti-")


def _place_like(ent: Span) -> bool:
    """A place entity, or a name the tagger took for a people or an organization that
    stands where a place does ("the town of Samarra", "near Gorazde")."""
    if ent.label_ in _PLACE_ENTS:
        return True
    root = ent.root
    if root.pos_ != "PROPN" or root.dep_ != "pobj":
        return False
    if root.head.lower_ == "of" and root.head.head.lemma_.lower() in _PLACE_NOUNS:
        return True  # "the town of X" whatever the tagger calls X
    return ent.label_ in ("NORP", "") and root.head.lower_ in _LOCATIVE


def _geo_entry(place: Entry, gaz: Gazetteer) -> KBEntry | None:
    iso3 = gaz.iso3.get(place.cc2)
    if iso3 is None:
        return None
    kind = "city" if place.fclass == "P" else "region"
    return KBEntry(id=f"GEO:{place.geonameid}", name=place.name, kind=kind, country=iso3)


_PHYSICAL = frozenset({"attack", "shell", "bomb", "bombard", "blockade", "besiege", "storm",
                       "capture", "seize", "raid", "hit", "strike", "surround", "occupy",
                       "invade", "block", "paralyze", "paralyse", "shut", "encircle",
                       "enter", "overrun", "rocket", "target", "flood", "evacuate"})
"""Verbs done to a city's ground, not to its government: "shelled Kabul"."""


def _acts(span: Span) -> bool:
    """The mention is a participant, not a place: any argument except the object of a
    locative preposition ("in Moscow"), of a physical act ("blockade Paris") or a
    modifier of another noun."""
    root = span.root
    if root.dep_ in ("dobj", "obj") and root.head.lemma_.lower() in _PHYSICAL:
        return False
    if root.dep_ in _SUBJ_OBJ or root.dep_ in ("ROOT", "appos", "conj"):
        return True
    if root.dep_ == "pobj":
        return root.head.lower_ not in _LOCATIVE
    return False


_ARRAYS_KEY = "tidings.actors.arrays"
_PLACES_KEY = "tidings.actors.place_ents"


class Tokens(NamedTuple):
    """Per-token attributes of one document as plain lists, read once (see
    :func:`tokens`): indexing ``doc[k]`` builds a spaCy ``Token`` each time, and the
    rules below ask the same few attributes of the same tokens again and again."""

    text: list[str]
    lower: list[str]
    lemma: list[str]  # lower-case
    punct: list[bool]
    space: list[bool]
    pos: list[str]
    dep: list[str]
    tag: list[str]
    ent_type: list[str]
    ent_iob: list[str]
    idx: list[int]
    ws: list[str]
    doc_text: str

    def span_text(self, a: int, b: int) -> str:
        """``doc[a:b].text`` without building the span."""
        if a >= b:
            return ""
        return self.doc_text[self.idx[a]:self.idx[b - 1] + len(self.text[b - 1])]


_TOKENS_KEY = "tidings.actors.tokens"


def tokens(doc: Doc) -> Tokens:
    """The document's :class:`Tokens`, made once (plain data: ``user_data`` may be
    serialized with the document)."""
    cached = doc.user_data.get(_TOKENS_KEY)
    if cached is None:
        cached = _read_tokens(doc)
        doc.user_data[_TOKENS_KEY] = cached
    return cached  # type: ignore[no-any-return]


def _read_tokens(doc: Doc) -> Tokens:
    """The columns of :class:`Tokens` from one ``Doc.to_array`` (no ``Token`` objects:
    string hashes are looked up once per distinct value)."""
    from spacy import attrs
    from spacy.parts_of_speech import NAMES
    from spacy.tokens import Token

    if not len(doc):
        return Tokens([], [], [], [], [], [], [], [], [], [], [], [], "")
    cols = doc.to_array([attrs.ORTH, attrs.LOWER, attrs.LEMMA, attrs.IS_PUNCT,
                         attrs.IS_SPACE, attrs.POS, attrs.DEP, attrs.TAG, attrs.ENT_TYPE,
                         attrs.ENT_IOB, attrs.IDX, attrs.SPACY]).T.tolist()
    orth, low, lem, punct, space, pos, dep, tag, ent_type, ent_iob, idx, spacy = cols
    strings = doc.vocab.strings
    names: dict[int, str] = {}

    def text_of(col: list[int]) -> list[str]:
        out = []
        for h in col:
            name = names.get(h)
            if name is None:
                name = names[h] = strings[h]
            out.append(name)
        return out

    lemma_text = text_of(lem)
    lowered: dict[str, str] = {}
    iob = Token.iob_strings()
    words = text_of(orth)
    ws = [" " if x else "" for x in spacy]
    text = doc.user_data.get(_TEXT_KEY)
    if not isinstance(text, str):  # what ``doc.text`` joins, without building tokens
        text = doc.user_data[_TEXT_KEY] = "".join(w + s for w, s in zip(words, ws,
                                                                        strict=True))
    return Tokens(
        text=words, lower=text_of(low),
        lemma=[lowered.get(w) or lowered.setdefault(w, w.lower()) for w in lemma_text],
        punct=[bool(x) for x in punct], space=[bool(x) for x in space],
        pos=[NAMES[x] for x in pos], dep=text_of(dep), tag=text_of(tag),
        ent_type=text_of(ent_type), ent_iob=[iob[x] for x in ent_iob], idx=idx,
        ws=ws, doc_text=text)


_TEXT_KEY = "tidings.text"
"""``doc.user_data`` key of the document's text (the attribution stage reads it too)."""
_ENTS: list[Any] = [None, None, ()]


def doc_ents(doc: Doc) -> tuple[Span, ...]:
    """``doc.ents``, built once per document (the property builds every entity's
    ``Span`` again on each call). The last document's are kept here, not in
    ``user_data`` (plain data only), and only as long as its :func:`tokens` table (the
    document's other caches) is the same."""
    toks = tokens(doc)
    if _ENTS[0] is not doc or _ENTS[1] is not toks:
        _ENTS[:] = [doc, toks, tuple(doc.ents)]
    return _ENTS[2]  # type: ignore[no-any-return]


def _span_ents(doc: Doc, start: int, end: int) -> list[Span]:
    """The entities inside tokens ``[start, end)``, as ``Span.ents`` gives them."""
    out: list[Span] = []
    for ent in doc_ents(doc):
        if ent.start >= start:
            if ent.end <= end:
                out.append(ent)
            else:
                break
    return out


_Arrays = tuple[list[str], list[str], list[str], dict[int, list[str]], list[bool], str, str,
                list[int]]


def _arrays(doc: Doc) -> _Arrays:
    """Per-token lower-case lemma, lower-case text, trailing space and whether the token
    is an adjective or name modifying a noun, plus a memo of phrase keys, made once per
    document (phrase lookups run for every mention; building spaCy tokens is what costs).
    The last three: the lemmas and the lower-case words each joined with their spaces,
    and where each token starts in those texts, so that a phrase is a slice."""
    cached = doc.user_data.get(_ARRAYS_KEY)
    if cached is None:
        toks = tokens(doc)
        lemmas = toks.lemma
        lowers = toks.lower
        spaces = toks.ws
        modifiers = [d in ("amod", "compound") and p in ("ADJ", "PROPN")
                     for d, p in zip(toks.dep, toks.pos, strict=True)]
        lemma_parts = [lem + (sp and " ") for lem, sp in zip(lemmas, spaces, strict=True)]
        lower_parts = [low + (sp and " ") for low, sp in zip(lowers, spaces, strict=True)]
        starts = [0, 0]  # lemma text, lower text offsets of token x at 2x, 2x + 1
        for lem, low in zip(lemma_parts, lower_parts, strict=True):
            starts += [starts[-2] + len(lem), starts[-1] + len(low)]
        cached = (lemmas, lowers, spaces, {}, modifiers, "".join(lemma_parts),
                  "".join(lower_parts), starts)
        doc.user_data[_ARRAYS_KEY] = cached
    return cached  # type: ignore[no-any-return]


def _place_ents(doc: Doc) -> list[tuple[int, int]]:
    """Token ranges of the document's place-like entities (:func:`_place_like`), found
    once (plain data: ``user_data`` may be serialized with the document)."""
    cached = doc.user_data.get(_PLACES_KEY)
    if cached is None:
        cached = [(e.start, e.end) for e in doc_ents(doc) if _place_like(e)]
        doc.user_data[_PLACES_KEY] = cached
    return cached  # type: ignore[no-any-return]


def _phrase_keys(doc: Doc, a: int, b: int) -> list[str]:
    """Lookup keys of tokens ``[a, b)``: lemmas as written ("hostage-taker"), the lower-
    case text, and the text without a plural s ("Airlines" -> "airline")."""
    lemmas, lowers, _, memo, _, lemma_text, lower_text, starts = _arrays(doc)
    slot = a * 1_000_000 + b  # plain keys: user_data may be serialized with the doc
    keys = memo.get(slot)
    if keys is not None:
        return keys
    if b - a == 1:
        lemma, text = lemmas[a], lowers[a]
    else:
        lemma = lemma_text[starts[2 * a]:starts[2 * b]].strip()
        text = lower_text[starts[2 * a + 1]:starts[2 * b + 1]].strip()
    keys = [lemma]
    if text != lemma:
        keys.append(text)
    if text.endswith("s") and len(text) > 3:
        keys.append(text[:-1])
    memo[slot] = keys
    return keys


def _proper_name(doc: Doc, head: Token, i0: int) -> str | None:
    """The run of proper nouns ending at ``head`` ("Dilnoza Karimbekova"), if any."""
    toks = tokens(doc)
    h = head.i
    if toks.pos[h] != "PROPN":
        return None
    k = h
    while k - 1 >= i0 and toks.pos[k - 1] == "PROPN" and toks.ent_type[k - 1] == \
            toks.ent_type[h] and toks.lemma[k - 1] not in _TITLE_WORDS:
        k -= 1
    return toks.span_text(k, h + 1)


def _entity_kind(span: Span) -> str:
    ent_type = tokens(span.doc).ent_type
    labels = {ent_type[k] for k in range(span.start, span.end) if ent_type[k]}
    if "PERSON" in labels:
        return "person"
    if "ORG" in labels:
        return "organization"
    return "unknown"


def _merge(first: list[str], second: list[str]) -> list[str]:
    out = list(first)
    for s in second:
        if s not in out:
            out.append(s)
    return out


def _copy(actor: Actor) -> Actor:
    return Actor(text=actor.text, start=actor.start, end=actor.end)


def _restamp(actor: Actor, span: Span) -> Actor:
    """``actor`` as resolved by the stage, with the caller's span text and offsets."""
    return Actor(text=span.text, id=actor.id, name=actor.name, country=actor.country,
                 sectors=list(actor.sectors), kind=actor.kind, start=span.start_char,
                 end=span.end_char, role_start=actor.role_start, role_end=actor.role_end,
                 method=actor.method)
