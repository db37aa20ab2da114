"""Recognition and normalization, one test per family of expressions.

Every sentence here is written for these tests. The document date is Wednesday,
12 January 2022 unless a test says otherwise.
"""

from __future__ import annotations

from datetime import date

import pytest

from tests.time.conftest import Times, one

DCT = date(2022, 1, 12)


# ---------------------------------------------------------------- absolute dates

@pytest.mark.parametrize(("sentence", "expr", "value"), [
    ("The ceasefire took effect on January 5, officials said.", "January 5", "2022-01-05"),
    ("The treaty was signed on 5 Jan 2022 in the capital.", "5 Jan 2022", "2022-01-05"),
    ("The mandate expired on 2021-12-31 without renewal.", "2021-12-31", "2021-12-31"),
    ("Voters went to the polls on Jan. 9, 2022, in a tense mood.", "Jan. 9, 2022",
     "2022-01-09"),
    ("Fighting broke out in March 2021 near the border.", "March 2021", "2021-03"),
    ("The party has ruled since 1990 with few interruptions.", "1990", "1990"),
    ("The region was poor throughout the 1990s, the report said.", "the 1990s", "199"),
    ("The border was drawn in the 20th century by colonial powers.", "the 20th century", "19"),
])
def test_absolute(times: Times, sentence: str, expr: str, value: str) -> None:
    assert one(times(sentence, DCT), expr).value == value


def test_month_without_year_follows_the_tense(times: Times) -> None:
    # December is in the past for a past-tense clause written in January
    past = one(times("Rebels seized the town in December, residents said.", DCT), "December")
    assert past.value == "2021-12"
    future = one(times("Elections will be held in March, the commission said.", DCT), "March")
    assert future.value == "2022-03"


def test_interval_and_granularity(times: Times) -> None:
    month = one(times("Prices rose sharply in February 2021.", DCT), "February 2021")
    assert (month.start, month.end, month.granularity) == ("2021-02-01", "2021-02-28", "month")
    week = one(times("Talks resumed last week in Geneva.", DCT), "last week")
    assert week.value == "2022-W01"
    assert (week.start, week.end, week.granularity) == ("2022-01-03", "2022-01-09", "week")


# ---------------------------------------------------------------- relative (deictic)

@pytest.mark.parametrize(("sentence", "expr", "value"), [
    ("Yesterday afternoon, gunmen opened fire on a checkpoint.", "Yesterday afternoon",
     "2022-01-11TAF"),
    ("Troops withdrew from the square yesterday.", "yesterday", "2022-01-11"),
    ("The envoy arrives tomorrow for two days of talks.", "tomorrow", "2022-01-13"),
    ("The army was put on alert last week.", "last week", "2022-W01"),
    ("Protests spread to the north earlier this month.", "earlier this month", "2022-01"),
    ("The minister resigned two days ago.", "two days ago", "2022-01-10"),
    ("Parliament will debate the bill next year.", "next year", "2023"),
    ("The embassy reopened this morning.", "this morning", "2022-01-12TMO"),
])
def test_deictic(times: Times, sentence: str, expr: str, value: str) -> None:
    tv = one(times(sentence, DCT), expr)
    assert tv.value == value
    assert tv.anchor == "dct:2022-01-12"


def test_position_modifier_is_kept(times: Times) -> None:
    tv = one(times("Protests spread to the north earlier this month.", DCT), "earlier this month")
    assert tv.mod == "START"
    early = one(times("The offensive began in early January.", DCT), "early January")
    assert (early.value, early.mod) == ("2022-01", "START")


def test_in_n_days_is_a_date_in_future_clauses(times: Times) -> None:
    tv = one(times("The inspectors will return in two days.", DCT), "two days")
    assert (tv.type, tv.value) == ("DATE", "2022-01-14")
    # in a past clause it stays a length
    dur = one(times("The inspectors finished the survey in two days.", DCT), "two days")
    assert (dur.type, dur.value) == ("DURATION", "P2D")


@pytest.mark.parametrize(("sentence", "value"), [
    ("The opposition leader was arrested on Friday.", "2022-01-07"),
    ("The opposition leader will be arrested on Friday.", "2022-01-14"),
    ("Ministers met on Monday to discuss the crisis.", "2022-01-10"),
    ("Ministers will meet on Monday to discuss the crisis.", "2022-01-17"),
])
def test_weekday_by_tense(times: Times, sentence: str, value: str) -> None:
    found = times(sentence, DCT)
    day = [t for t in found if t.text in ("Friday", "Monday")]
    assert [t.value for t in day] == [value]


# ---------------------------------------------------------------- fuzzy and references

@pytest.mark.parametrize(("sentence", "expr", "value"), [
    ("The militia has recently expanded its operations.", "recently", "PAST_REF"),
    ("The government is now negotiating with the rebels.", "now", "PRESENT_REF"),
    ("More arrests are expected in the coming days.", "the coming days", "FUTURE_REF"),
    ("The two sides hope to meet in the near future.", "the near future", "FUTURE_REF"),
])
def test_fuzzy_references(times: Times, sentence: str, expr: str, value: str) -> None:
    tv = one(times(sentence, DCT), expr)
    assert (tv.type, tv.value) == ("DATE", value)


# ---------------------------------------------------------------- durations and bounds

@pytest.mark.parametrize(("sentence", "expr", "value", "mod"), [
    ("The strike lasted for three weeks.", "three weeks", "P3W", None),
    ("The pullout will take not more than ten days.", "not more than ten days", "P10D",
     "EQUAL_OR_LESS"),
    ("It was the first such mission in the alliance's 30-year history.", "30-year", "P30Y",
     None),
    ("The hostages were held for at least 72 hours.", "at least 72 hours", "PT72H",
     "EQUAL_OR_MORE"),
    ("Suspects can be detained for up to 180 days.", "up to 180 days", "P180D",
     "EQUAL_OR_LESS"),
    ("The siege lasted more than two years.", "more than two years", "P2Y", "MORE_THAN"),
    ("Negotiations dragged on for two and a half years.", "two and a half years", "P2Y6M",
     None),
])
def test_durations_and_bounds(times: Times, sentence: str, expr: str, value: str,
                              mod: str | None) -> None:
    tv = one(times(sentence, DCT), expr)
    assert (tv.type, tv.value, tv.mod, tv.duration) == ("DURATION", value, mod, value)
    assert tv.granularity == "duration"


def test_ages_are_not_durations(times: Times) -> None:
    found = times("A 44-year-old protester was detained, and his son, 19 years old, too.", DCT)
    assert found == []


# ---------------------------------------------------------------- sets

@pytest.mark.parametrize(("sentence", "expr", "value"), [
    ("Demonstrators gather in the square every Friday.", "every Friday", "XXXX-WXX-5"),
    ("The ministry publishes casualty figures daily.", "daily", "P1D"),
    ("The council meets every month in the capital.", "every month", "P1M"),
])
def test_sets(times: Times, sentence: str, expr: str, value: str) -> None:
    tv = one(times(sentence, DCT), expr)
    assert (tv.type, tv.value, tv.granularity) == ("SET", value, "set")


# ---------------------------------------------------------------- anchors

def test_reported_speech_counts_from_the_speech_act(times: Times) -> None:
    text = ("The pullout of the foreign contingent will begin in two days, the president "
            "told lawmakers yesterday.")
    found = times(text, DCT)
    assert one(found, "yesterday").value == "2022-01-11"
    later = one(found, "two days")
    assert (later.value, later.anchor) == ("2022-01-13", "speech:2022-01-11")


def test_narrative_reference_time(times: Times) -> None:
    text = "The talks opened in Vienna on March 3. The next day, both delegations walked out."
    found = times(text, date(2021, 6, 1))
    assert one(found, "March 3").value == "2021-03-03"
    nxt = one(found, "The next day")
    assert (nxt.value, nxt.anchor) == ("2021-03-04", "narrative:2021-03-03")


def test_unknown_dct_leaves_relative_values_unresolved(times: Times) -> None:
    found = times("Police detained him yesterday, and the trial opens on Friday, January 14.",
                  None)
    assert one(found, "yesterday").value is None
    assert one(found, "Friday, January 14").value == "XXXX-01-14"
    assert all(t.anchor is None for t in found)
    assert one(times("The vote took place on Friday.", None), "Friday").value == "XXXX-WXX-5"


def test_offsets_point_at_the_text(times: Times) -> None:
    text = "Clashes erupted on Tuesday night and continued for six hours."
    for tv in times(text, DCT):
        assert tv.start_char is not None and tv.end_char is not None
        assert text[tv.start_char:tv.end_char] == tv.text


def test_placed_durations_cover_dates(times: Times) -> None:
    past = one(times("Prices have doubled over the past two years.", DCT), "the past two years")
    assert (past.value, past.start, past.end) == ("P2Y", "2020-01-12", "2022-01-12")
    ahead = one(times("Troops will stay for the next ten days.", DCT), "the next ten days")
    assert (ahead.value, ahead.start, ahead.end) == ("P10D", "2022-01-12", "2022-01-22")
    assert ahead.anchor == "dct:2022-01-12"


def test_clock_times(times: Times) -> None:
    found = times("The blast happened at 10:30 a.m. ET on Monday, and curfew starts at "
                  "midnight.", DCT)
    assert one(found, "10:30 a.m. ET").value == "2022-01-12T10:30"
    assert one(found, "Monday").value == "2022-01-10"
    assert one(found, "midnight").type == "TIME"


def test_past_decade_is_a_length_up_to_now(times: Times) -> None:
    tv = one(times("Violence has doubled over the past decade.", DCT), "the past decade")
    assert (tv.type, tv.value, tv.start, tv.end) == ("DURATION", "P10Y", "2012-01-12",
                                                     "2022-01-12")
