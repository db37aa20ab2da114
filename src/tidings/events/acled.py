"""ACLED event types for tidings' events: the table default, then context rules.

The event type table (``lexicon/data/cameo.tsv``) gives each CAMEO code that maps an
ACLED event type and sub-event type ("Violence against civilians" / "Attack"). Some
sub-types depend on more than the code, so :func:`classify` refines the table's answer
with what the sentence and the actors say:

- explosions: a grenade, a suicide bomber, an air or drone strike, shelling, a mine or
  roadside bomb, a chemical weapon named in the sentence picks the explosion sub-type;
- protests: force by police or troops against protesters is *Excessive force against
  protesters*; arrests or dispersal of a protest are *Protest with intervention*; a
  protest where the protesters turn violent is a *Violent demonstration*;
- violence: an attack by a mob is *Mob violence*; an armed group against armed forces is
  an *Armed clash*; the seizure of a town by a non-state group vs by government forces;
  weapons seized or bombs defused are *Disrupted weapons use*; a base or camp set up
  is *Headquarters or base established*; a withdrawal handing over ground is
  *Non-violent transfer of territory*.

:data:`CASE_CODES` names each sub-type as the CASE 2021 shared task did (``ARMED_CLASH``...).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from tidings.records import Actor

CASE_CODES: dict[str, str] = {
    "Abduction/forced disappearance": "ABDUCT_DISSAP",
    "Agreement": "AGREEMENT",
    "Air/drone strike": "AIR_STRIKE",
    "Armed clash": "ARMED_CLASH",
    "Arrests": "ARREST",
    "Shelling/artillery/missile attack": "ART_MISS_ATTACK",
    "Attack": "ATTACK",
    "Change to group/activity": "CHANGE_TO_GROUP_ACT",
    "Chemical weapon": "CHEM_WEAP",
    "Disrupted weapons use": "DISR_WEAP",
    "Excessive force against protesters": "FORCE_AGAINST_PROTEST",
    "Government regains territory": "GOV_REGAINS_TERIT",
    "Grenade": "GRENADE",
    "Headquarters or base established": "HQ_ESTABLISHED",
    "Mob violence": "MOB_VIOL",
    "Non-state actor overtakes territory": "NON_STATE_ACTOR_OVERTAKES_TER",
    "Non-violent transfer of territory": "NON_VIOL_TERRIT_TRANSFER",
    "Other": "OTHER",
    "Peaceful protest": "PEACE_PROTEST",
    "Looting/property destruction": "PROPERTY_DISTRUCT",
    "Protest with intervention": "PROTEST_WITH_INTER",
    "Remote explosive/landmine/IED": "REM_EXPLOS",
    "Sexual violence": "SEX_VIOL",
    "Suicide bomb": "SUIC_BOMB",
    "Violent demonstration": "VIOL_DEMONSTR",
}
"""ACLED sub-event type -> the CASE 2021 label."""

EVENT_TYPE: dict[str, str] = {
    **dict.fromkeys(("Armed clash", "Government regains territory",
                     "Non-state actor overtakes territory"), "Battles"),
    **dict.fromkeys(("Chemical weapon", "Air/drone strike", "Suicide bomb",
                     "Shelling/artillery/missile attack", "Remote explosive/landmine/IED",
                     "Grenade"), "Explosions/Remote violence"),
    **dict.fromkeys(("Sexual violence", "Attack", "Abduction/forced disappearance"),
                    "Violence against civilians"),
    **dict.fromkeys(("Peaceful protest", "Protest with intervention",
                     "Excessive force against protesters"), "Protests"),
    **dict.fromkeys(("Violent demonstration", "Mob violence"), "Riots"),
    **dict.fromkeys(("Agreement", "Arrests", "Change to group/activity",
                     "Disrupted weapons use", "Headquarters or base established",
                     "Looting/property destruction", "Non-violent transfer of territory",
                     "Other"), "Strategic developments"),
}
"""ACLED sub-event type -> its event type."""

SECURITY = frozenset({"COP", "MIL"})
ARMED = frozenset({"REB", "INS", "UAF", "SEP", "MIL", "COP"})
GOVERNMENT = frozenset({"MIL", "GOV", "COP"})


def _rx(*words: str) -> re.Pattern[str]:
    return re.compile(r"\b(?:" + "|".join(words) + r")\b", re.IGNORECASE)


EXPLOSION_CUES: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("Suicide bomb", _rx(r"suicide", r"self-detonat\w*",
                         r"blew (?:himself|herself|themselves) up")),
    ("Chemical weapon", _rx(r"chemical (?:weapons?|attack|agents?)", r"sarin", r"chlorine gas",
                            r"mustard gas", r"nerve agents?")),
    ("Air/drone strike", _rx(r"air ?strikes?", r"airstrikes?", r"air raids?", r"drones?",
                             r"warplanes?", r"jets?", r"bombers?", r"helicopter gunships?",
                             r"aerial (?:bombardment|attack|strike)s?", r"airplanes?",
                             r"aircraft", r"helicopters?")),
    ("Grenade", _rx(r"grenades?", r"hand-grenades?")),
    ("Remote explosive/landmine/IED", _rx(r"ieds?", r"improvised explosive", r"landmines?",
                                          r"land mines?", r"mines?", r"roadside bombs?",
                                          r"car bombs?", r"bombs?", r"explosive devices?",
                                          r"booby-?trap\w*", r"explosives?", r"detonat\w*",
                                          r"blasts?", r"explosions?")),
    ("Shelling/artillery/missile attack", _rx(r"shell(?:s|ed|ing)?", r"artillery", r"mortars?",
                                              r"rockets?", r"missiles?", r"howitzers?",
                                              r"projectiles?", r"katyushas?", r"grad")),
)
"""Sentence cues for the explosion sub-types, most specific first."""
PROTESTERS = _rx(r"protest\w*", r"demonstrat\w*", r"rall(?:y|ies)", r"marchers",
                 r"strikers", r"sit-in", r"picket\w*")
DISPERSE = _rx(r"dispers\w*", r"tear ?gas", r"teargas", r"water cannons?", r"rubber bullets?",
               r"baton\w*", r"lathi\w*", r"broke up", r"break up")
ARRESTING = _rx(r"arrest\w*", r"detain\w*", r"detention")
LETHAL = _rx(r"killed", r"kill\w*", r"shot dead", r"live (?:ammunition|rounds|fire)",
             r"opened fire", r"fired on", r"fired at", r"beat\w*", r"injur\w*", r"wound\w*")
RIOTING = _rx(r"rioters?", r"riot\w*", r"threw stones", r"stone-?pelt\w*", r"pelted",
              r"torched", r"set (?:\w+ )?(?:on )?fire", r"vandali\w*", r"clashed with police",
              r"attacked police", r"petrol bombs?", r"molotov")
MOB = _rx(r"mobs?", r"crowds?", r"villagers", r"lynch\w*", r"vigilantes?", r"rioters?")
WEAPONS_SEIZED = _rx(r"defus\w*", r"seiz\w* (?:\w+ ){0,4}(?:weapons?|arms|ammunition|explosives?|"
                     r"rifles?|guns?|grenades?|bombs?|mines?)", r"weapons? cache",
                     r"arms cache", r"disarm\w*", r"bomb disposal", r"ammunition dump",
                     r"intercepted (?:\w+ ){0,3}(?:missiles?|rockets?|drones?)",
                     r"(?:shot|brought) down (?:\w+ ){0,3}(?:drones?|missiles?|rockets?)",
                     r"recovered (?:\w+ ){0,4}(?:weapons?|arms|ammunition|explosives?)")
BASE = _rx(r"(?:set up|established|establish|opened) (?:\w+ ){0,4}(?:base|bases|headquarters|"
           r"camp|camps|outpost|outposts|checkpoint|checkpoints)")
TERRITORY = _rx(r"captur\w*", r"seiz\w*", r"took control", r"taken control", r"overran",
                r"overrun", r"recaptur\w*", r"retook", r"retaken", r"regain\w*", r"liberat\w*")
MERGE = _rx(r"merg\w*", r"amalgamat\w*", r"unit(?:ed|e|es|ing)", r"unif\w*")
FACTIONS = _rx(r"factions?", r"militias?", r"rebels?", r"armed", r"militants?",
                r"insurgents?", r"guerrillas?", r"fighters")
WITHDRAW = _rx(r"withdr[ae]w\w*", r"handed over", r"hand over", r"pulled out", r"handover")
PLACE_NOUN = _rx(r"towns?", r"cit(?:y|ies)", r"villages?", r"district\w*", r"airport",
                 r"territory", r"province", r"region", r"areas?", r"positions?", r"hills?",
                 r"bases?", r"outposts?", r"capital", r"centre", r"center", r"county")
SEXUAL = _rx(r"rap(?:e|ed|es|ing|ist|ists)", r"sexual\w*", r"sexually")
ABDUCT = _rx(r"abduct\w*", r"kidnap\w*", r"hostages?", r"disappear\w*", r"missing")


def _sectors(actors: Sequence[Actor]) -> set[str]:
    return {s for a in actors for s in a.sectors}


def _nonstate(actors: Sequence[Actor]) -> bool:
    return bool(_sectors(actors) & {"REB", "INS", "UAF", "SEP"}) or any(
        a.kind in ("group", "rebel", "militant") and not set(a.sectors) & GOVERNMENT
        for a in actors)  # "government troops" are a group of the state's


def _explosion(sentence: str) -> str | None:
    for sub, rx in EXPLOSION_CUES:
        if rx.search(sentence):
            return sub
    return None


def classify(code: str, table_sub: str, sentence: str, sources: Sequence[Actor],
             targets: Sequence[Actor]) -> str | None:
    """The ACLED sub-event type of an event: the table's (``table_sub``, may be empty)
    refined by the sentence and the actors; None where ACLED has no category."""
    src, tgt = _sectors(sources), _sectors(targets)
    violent = code[:2] in ("18", "19", "20") or code.startswith(("175", "145"))
    if code.startswith("1821") or (violent and SEXUAL.search(sentence)):
        return "Sexual violence"
    if code.startswith("181") or (code.startswith("18") and ABDUCT.search(sentence)
                                  and not code.startswith(("183", "186"))):
        return "Abduction/forced disappearance"
    if code.startswith(("173", "172", "175")) or (violent and src & SECURITY):
        protest = bool(PROTESTERS.search(sentence))
        if protest and (code.startswith("173") or (DISPERSE.search(sentence)
                                                   and not LETHAL.search(sentence))):
            return "Protest with intervention"
        if protest and violent:
            return "Excessive force against protesters"
    if code.startswith("14") and not code.startswith("145"):
        if RIOTING.search(sentence):
            return "Violent demonstration"
        if src & SECURITY or ARRESTING.search(sentence) or DISPERSE.search(sentence):
            return "Protest with intervention"
        return "Peaceful protest"
    if code.startswith("145"):
        if (src | tgt) & ARMED and not PROTESTERS.search(sentence):
            return "Armed clash"  # "soldiers clashed with fighters"
        return "Mob violence" if MOB.search(sentence) and not PROTESTERS.search(sentence) \
            else "Violent demonstration"
    if code.startswith("17") and WEAPONS_SEIZED.search(sentence):
        return "Disrupted weapons use"
    if code.startswith("171") and not src & ARMED:
        if PROTESTERS.search(sentence) or (RIOTING.search(sentence)
                                           and not MOB.search(sentence)):
            return "Violent demonstration"
        if MOB.search(sentence):
            return "Mob violence"
    seized_ground = code.startswith(("171", "1711")) and not code.startswith("1712") \
        and TERRITORY.search(sentence) \
        and PLACE_NOUN.search(sentence)
    if code.startswith("192") or seized_ground or (
            code.startswith("19") and TERRITORY.search(sentence)
            and table_sub != "Air/drone strike"):
        if src & GOVERNMENT and not _nonstate(sources):
            return "Government regains territory"
        if _nonstate(sources):
            return "Non-state actor overtakes territory"
    if code.startswith("06") and MERGE.search(sentence) and (
            src & ARMED or FACTIONS.search(sentence)):
        return "Change to group/activity"  # armed groups merging into one
    if code.startswith(("087", "0874")) and WITHDRAW.search(sentence):
        return "Non-violent transfer of territory"
    if code.startswith("15") and BASE.search(sentence):
        return "Headquarters or base established"
    if violent:
        boom = _explosion(sentence)
        if boom:
            return boom
        if code.startswith(("182", "180", "186", "185", "200", "202")) and MOB.search(sentence) \
                and not src & ARMED:
            return "Mob violence"
        if code.startswith(("18", "20")) and src & ARMED and tgt & ARMED:
            return "Armed clash"
        if code.startswith("19") and not tgt & ARMED and tgt and not _explosion(sentence):
            return "Attack"
        if code.startswith("175"):
            return "Attack"  # violent repression of people who are not protesting
    return table_sub or None


def acled_of(code: str, table_sub: str, sentence: str, sources: Sequence[Actor],
             targets: Sequence[Actor]) -> dict[str, str] | None:
    """``{"event_type", "sub_event_type"}`` for :class:`~tidings.records.Event.acled`."""
    sub = classify(code, table_sub, sentence, sources, targets)
    if sub is None:
        return None
    return {"event_type": EVENT_TYPE.get(sub, "Strategic developments"),
            "sub_event_type": sub}


def case_code(acled: dict[str, str] | None) -> str:
    """The CASE 2021 label of an event's ACLED types (OTHER when it has none)."""
    if not acled:
        return "OTHER"
    return CASE_CODES.get(acled.get("sub_event_type", ""), "OTHER")
