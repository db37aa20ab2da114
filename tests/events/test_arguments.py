"""Which spans become sources and targets: one sentence of our own per construction."""

from __future__ import annotations

from .conftest import Extract, countries, of_type


def test_passive_agent_is_the_source(events_of: Extract) -> None:
    (e,) = of_type(events_of("The convoy was attacked by rebels near Goma on Sunday."),
                   "ASSAULT")
    assert [a.text for a in e.sources] == ["rebels"]
    assert "REB" in e.sources[0].sectors
    assert [a.text for a in e.targets] == ["convoy"]


def test_coordinated_objects_are_two_targets(events_of: Extract) -> None:
    (e,) = of_type(events_of("Police arrested protesters and journalists outside the "
                             "parliament."), "COERCE")
    assert [a.text for a in e.targets] == ["protesters", "journalists"]


def test_coordinated_subjects_are_two_sources(events_of: Extract) -> None:
    events = of_type(events_of("Chile and Peru agreed on Tuesday to reopen their common "
                               "border crossings."), "AGREE")
    assert {"CHL", "PER"} <= countries(events[0].sources)


def test_apposition_keeps_the_named_head(events_of: Extract) -> None:
    (e,) = of_type(events_of("Kassym-Jomart Tokayev, the Kazakh president, met the Russian "
                             "foreign minister in Astana."), "CONSULT")
    assert e.sources[0].country == "KAZ" and "GOV" in e.sources[0].sectors
    assert e.targets[0].country == "RUS"


def test_possessive_owner_of_a_role_noun(events_of: Extract) -> None:
    (e,) = of_type(events_of("Russia's troops shelled the village of Marinka."), "ASSAULT")
    assert (e.sources[0].country, e.sources[0].sectors) == ("RUS", ["MIL"])


def test_embassies_of_two_countries_are_two_targets(events_of: Extract) -> None:
    (e,) = of_type(events_of("Unknown callers threatened the embassies of Armenia and "
                             "Belarus in Minsk."), "THREATEN")
    assert countries(e.targets) == {"ARM", "BLR"}
    assert all("GOV" in a.sectors for a in e.targets)
    assert e.sources and e.sources[0].country is None  # unknown actors are kept


def test_coordinated_demonyms_of_one_noun_are_two_targets(events_of: Extract) -> None:
    (e,) = of_type(events_of("Police searched the Tajik and Kyrgyz embassies in Moscow."),
                   "ACCUSE")
    assert countries(e.targets) == {"TJK", "KGZ"}


def test_control_gives_the_agreement_and_the_agreed_act(events_of: Extract) -> None:
    events = events_of("The CSTO agreed to send peacekeepers to Kazakhstan.")
    (agree,) = of_type(events, "AGREE")
    (send,) = of_type(events, "AID")
    assert agree.cameo.code == "0334" and send.cameo.code == "074"
    assert agree.sources[0].text == send.sources[0].text == "CSTO"
    assert countries(send.targets) == {"KAZ"}


def test_object_control_makes_the_addressee_the_target(events_of: Extract) -> None:
    (e,) = of_type(events_of("The United Nations urged Ethiopia to withdraw its troops "
                             "from the border."), "REQUEST")
    assert e.cameo.code == "0256"  # an appeal to scale down military engagement
    assert countries(e.targets) == {"ETH"}


def test_relative_clause_and_conjoined_verbs_share_the_subject(events_of: Extract) -> None:
    events = events_of("The rebels, who attacked the town on Monday, withdrew on Wednesday.")
    assert [a.text for e in events for a in e.sources] == ["rebels", "rebels"]
    events = events_of("Soldiers stormed the village and arrested ten men.")
    assert {e.type for e in events} == {"ASSAULT", "COERCE"}
    assert all(e.sources[0].text == "Soldiers" for e in events)


def test_nominal_triggers_take_possessor_of_and_from(events_of: Extract) -> None:
    (e,) = of_type(events_of("Israel's attack on Gaza drew wide criticism."), "ASSAULT")
    assert countries(e.sources) == {"ISR"}
    (w,) = of_type(events_of("The withdrawal of Russian troops from Kherson began on "
                             "Friday."), "RETREAT")
    assert countries(w.sources) == {"RUS"} and w.targets[0].text == "Kherson"
    (a,) = of_type(events_of("An appeal by Somalia for food aid went unanswered."),
                   "REQUEST")
    assert a.cameo.code == "0233" and countries(a.sources) == {"SOM"}


def test_prepositional_targets(events_of: Extract) -> None:
    (a,) = of_type(events_of("The Somali president appealed to Kenya for help."), "REQUEST")
    assert countries(a.targets) == {"KEN"}
    (m,) = of_type(events_of("The Georgian prime minister met with the Armenian president in "
                             "Yerevan."), "CONSULT")
    assert countries(m.targets) == {"ARM"}
    (f,) = of_type(events_of("Syrian troops fired at Turkish soldiers on the border."),
                   "ASSAULT")
    assert countries(f.targets) == {"TUR"}


def test_light_verbs_give_one_event_spanning_verb_and_noun(events_of: Extract) -> None:
    text = "Chinese forces launched an attack on Indian positions in Ladakh."
    (e,) = of_type(events_of(text), "ASSAULT")
    assert text[e.evidence.trigger[0]:e.evidence.trigger[1]] == "launched an attack"
    assert countries(e.sources) == {"CHN"} and countries(e.targets) == {"IND"}
    text = "The farmers put forward a demand for lower fuel prices."
    (d,) = of_type(events_of(text), "REQUEST")
    assert text[d.evidence.trigger[0]:d.evidence.trigger[1]] == "put forward a demand"


def test_dates_and_locatives_are_not_actors(events_of: Extract) -> None:
    (e,) = of_type(events_of("Police arrested two men in Almaty on Monday."), "COERCE")
    assert [a.text for a in (*e.sources, *e.targets)] == ["Police", "two men"]


def test_offsets_point_into_the_document(events_of: Extract) -> None:
    text = "Talks stalled.\n\nPolice arrested forty protesters in Minsk on Friday."
    (e,) = events_of(text)
    s0, s1 = e.evidence.sentence
    assert text[s0:s1] == "Police arrested forty protesters in Minsk on Friday."
    assert text[e.evidence.trigger[0]:e.evidence.trigger[1]] == "arrested"
    assert e.evidence.text == text[s0:s1]


def test_a_definite_event_noun_repeats_an_earlier_event(events_of: Extract) -> None:
    text = ("Russian troops began their withdrawal from the town on Monday. "
            "The withdrawal will take a week, officials said.")
    events = of_type(events_of(text), "RETREAT")
    assert len(events) == 2
    assert all(countries(e.sources) == {"RUS"} for e in events)


def test_place_of_a_passive_event_stands_in_for_the_unnamed_source(events_of: Extract) -> None:
    (e,) = of_type(events_of("A French aid worker was arrested in Mali on Tuesday."),
                   "COERCE")
    assert [(a.country, a.sectors, a.method) for a in e.sources] == [("MLI", [], "location")]
    assert e.targets[0].country == "FRA"
    (named,) = of_type(events_of("A French aid worker was arrested by Malian police on "
                                 "Tuesday."), "COERCE")
    assert [a.sectors for a in named.sources] == [["COP"]]  # a named agent wins


def test_target_deeper_in_the_object_phrase(events_of: Extract) -> None:
    (e,) = of_type(events_of("The parliament voted to lift restrictions on grain exports "
                             "to Egypt and Jordan."), "CONCEDE")
    assert countries(e.targets) == {"EGY", "JOR"}  # not "grain exports"


def test_named_target_is_kept_over_a_deeper_one(events_of: Extract) -> None:
    (e,) = of_type(events_of("Turkish troops attacked Kurdish fighters near the border "
                             "with Syria."), "ASSAULT")
    assert [a.text for a in e.targets] == ["Kurdish fighters"]


def test_active_conjunct_of_a_passive_verb_shares_its_subject(events_of: Extract) -> None:
    events = of_type(events_of("The mayor was questioned by anti-corruption prosecutors and "
                               "will resign."), "CONCEDE")
    assert events and [a.text for a in events[0].sources] == ["mayor"]


def test_verb_hanging_on_the_root_nouns_object_takes_the_root_as_subject(
        events_of: Extract) -> None:
    events = of_type(events_of("Nurses from three Swiss charities donated medicine to a "
                               "hospital in Aleppo."), "AID")
    assert events and events[0].sources[0].text.startswith("Nurses")


def test_object_of_a_preposition_the_parser_made_a_clause_subject(events_of: Extract) -> None:
    # the parser leaves "to" without an object and makes "officers" the subject of
    # "holed up"; the noun after the preposition is still its object
    (e,) = of_type(events_of("Chile has granted political asylum to four Bolivian army "
                             "officers holed up in its embassy since the coup."), "AID")
    assert [(a.country, a.sectors) for a in e.targets] == [("BOL", ["MIL"])]
