"""Rule families added after the first TBAQ error analysis, one test per family.

Every sentence here is written for these tests. The document date is Wednesday,
12 January 2022 unless a test says otherwise.
"""

from __future__ import annotations

from datetime import date

import pytest

from tests.time.conftest import Times, one

DCT = date(2022, 1, 12)
RESULTS_DCT = date(2021, 11, 3)
"""A results season: the third quarter of 2021 has just been reported."""


# ---------------------------------------------------------------- the period a report is about

def test_the_quarter_keeps_meaning_the_reported_quarter(times: Times) -> None:
    text = ("Harbor Freight Lines said its net income rose 12% in the fiscal first quarter. "
            "Revenue reached $40 million, the company said. Earlier this month it hired a new "
            "finance chief. The chief said costs had fallen in the quarter.")
    found = times(text, RESULTS_DCT)
    assert one(found, "the fiscal first quarter").value == "2021-Q1"
    # several sentences and a month later, "the quarter" is still the one reported
    quarter = one(found, "the quarter")
    assert quarter.value == "2021-Q1"
    assert quarter.anchor == "narrative:2021-01-01"


def test_a_passing_comparison_does_not_replace_the_reported_quarter(times: Times) -> None:
    text = ("Pelican Mills posted higher third-quarter earnings after a flat second quarter. "
            "Prices were steady, the company said. Demand was weaker than a year earlier. "
            "Charges taken in the year-earlier period hurt the comparison.")
    found = times(text, RESULTS_DCT)
    assert one(found, "third-quarter").value == "2021-Q3"
    assert one(found, "the year-earlier period").value == "2020-Q3"


def test_a_forecast_quarter_is_not_the_latest_one(times: Times) -> None:
    text = ("The insurer said the flood will result in a fourth-quarter charge. Its earnings "
            "fell 20% in the latest quarter, compared with a gain a year ago.")
    found = times(text, RESULTS_DCT)
    assert one(found, "fourth-quarter").value == "2021-Q4"
    assert one(found, "the latest quarter").value == "2021-Q3"
    assert one(found, "a year ago").value == "2020-Q3"


def test_a_year_ago_in_results_counts_from_the_reported_quarter(times: Times) -> None:
    text = ("Corvid Steel reported third-quarter profit of $8 million. Orders from carmakers "
            "held up, the company said. Shipping costs were higher than a year ago.")
    assert one(times(text, RESULTS_DCT), "a year ago").value == "2020-Q3"


# ---------------------------------------------------------------- years and months as modifiers

@pytest.mark.parametrize(("sentence", "expr", "value"), [
    ("Many clerics who led the 2019 protests have left the city.", "2019", "2019"),
    ("The charge will appear in the company's 2021 operating results.", "2021", "2021"),
    ("Sales should top fiscal 2021 sales of $155 million.", "fiscal 2021", "2021"),
    ("Analysts were predicting 2022 Corvid earnings of $3 a share.", "2022", "2022"),
])
def test_years_that_modify_nouns(times: Times, sentence: str, expr: str, value: str) -> None:
    assert one(times(sentence, DCT), expr).value == value


def test_a_count_before_its_noun_is_not_a_year(times: Times) -> None:
    found = times("About 2000 people marched to the parliament.", DCT)
    assert [t.text for t in found] == []


@pytest.mark.parametrize(("sentence", "expr", "value"), [
    ("Police are still investigating the October shooting of a judge.", "October", "2021-10"),
    ("The bank is bound by a December agreement with its creditors.", "December", "2021-12"),
])
def test_months_that_modify_nouns(times: Times, sentence: str, expr: str, value: str) -> None:
    assert one(times(sentence, DCT), expr).value == value


def test_a_march_is_not_a_month(times: Times) -> None:
    found = times("Thousands joined the annual March for Peace in the capital.", DCT)
    assert [t.text for t in found] == []


def test_holiday_after_lowercase_last(times: Times) -> None:
    tv = one(times("The boy was rescued at sea last Christmas.", DCT), "last Christmas")
    assert tv.value == "2021-12-25"


# ---------------------------------------------------------------- tense and direction

def test_past_clause_may_name_the_coming_month(times: Times) -> None:
    text = "The oil ministry told refiners of a 10 percent supply cut in February."
    assert one(times(text, DCT), "February").value == "2022-02"
    # a month further ahead is still last year's in a past clause
    assert one(times("Exports collapsed in June.", DCT), "June").value == "2021-06"


def test_possessive_weekday_in_present_clause_points_back(times: Times) -> None:
    text = "The notes convert at a 20% premium over Monday's closing price."
    assert one(times(text, DCT), "Monday").value == "2022-01-10"


def test_modal_perfect_points_back(times: Times) -> None:
    text = "Worries about the chip may have been responsible for a slide in its shares on Friday."
    assert one(times(text, DCT), "Friday").value == "2022-01-07"


def test_clock_time_takes_the_weekday_after_it(times: Times) -> None:
    found = times("The polls will close at 8 p.m. on Sunday.", DCT)
    assert one(found, "8 p.m.").value == "2022-01-16T20:00"
    assert one(found, "Sunday").value == "2022-01-16"


# ---------------------------------------------------------------- sets, rates and lengths

def test_every_n_units_is_a_set(times: Times) -> None:
    tv = one(times("The assembly is elected every four years.", DCT), "every four years")
    assert (tv.type, tv.value) == ("SET", "P4Y")


def test_frequency_after_a_quantity_is_a_rate(times: Times) -> None:
    assert times("The firm expects sales to rise 8.5% annually.", DCT) == []
    assert times("The plant would make about 10,000 trucks annually.", DCT) == []
    tv = one(times("The festival is held annually in the old town.", DCT), "annually")
    assert (tv.type, tv.value) == ("SET", "P1Y")


def test_last_as_a_verb(times: Times) -> None:
    tv = one(times("The trial is expected to last several months.", DCT), "several months")
    assert (tv.type, tv.value) == ("DURATION", "PXM")
    placed = one(times("Prices rose in the last several months.", DCT), "the last several months")
    assert placed.value == "PXM"


def test_a_quarter_point_is_not_a_time(times: Times) -> None:
    found = times("The central bank cut its key rate by a quarter point.", DCT)
    assert found == []


def test_the_week_ended_is_a_length(times: Times) -> None:
    tv = one(times("Jobless claims rose in the week ended Jan. 8.", DCT), "the week")
    assert (tv.type, tv.value) == ("DURATION", "P1W")


def test_the_week_of_a_date(times: Times) -> None:
    tv = one(times("A hearing may be held the week of March 7.", DCT), "the week of March 7")
    assert (tv.type, tv.value) == ("DATE", "2022-W10")


def test_sentence_final_month_keeps_its_full_stop_out(times: Times) -> None:
    found = times("The report covers the months from January to June.", DCT)
    assert one(found, "June").end_char == len("The report covers the months from January to June")


def test_in_the_long_run_is_an_idiom(times: Times) -> None:
    assert times("The reform will pay off in the long run, he said.", DCT) == []


def test_part_of_day_before_yesterday(times: Times) -> None:
    tv = one(times("In Frankfurt at mid-afternoon yesterday, the shares were down 2%.", DCT),
             "mid-afternoon yesterday")
    assert (tv.type, tv.value) == ("TIME", "2022-01-11TAF")


def test_last_years_quarter(times: Times) -> None:
    text = ("Corvid Steel reported a third-quarter loss. Export sales for last year's quarter "
            "were about $3 million.")
    assert one(times(text, RESULTS_DCT), "last year's quarter").value == "2020-Q3"
