"""Composition des promotions and Budget PIA in English (`?lang=en`): titles, headings,
readings with English numbers, promotions, profiles and budget lines from their `label_en`,
statuses and origins spelled out while the data keep their codes."""

from __future__ import annotations

import json
from pathlib import Path

from streamlit.testing.v1 import AppTest

from eigdata import budget, composition, i18n, labels
from eigdata.formatting import plain
from tests.in_english import english_page

ROOT = Path(__file__).resolve().parent.parent
COHORTS = [
    "EIG class 1",
    "EIG class 2",
    "EIG class 3",
    "Designers d'intérêt général",
    "EIG class 4",
]
SUMMARY_HEADINGS = [
    "Cohort",
    "Status",
    "PIA envelope",
    "Total spending",
    "Share of the envelope used",
    "Over the envelope",
    "Published total",
    "EIG",
    "Challenges",
    "Cost per EIG",
    "Cost per challenge",
    "Cost per EIG-month",
    "Salaries per EIG-month",
]


def shown_text(at: AppTest) -> str:
    return " ".join(plain(m.value) for m in (*at.markdown, *at.caption))


def chart_specs(at: AppTest) -> list[dict]:
    return [json.loads(chart.proto.spec) for chart in at.get("plotly_chart")]


# --- eigdata readers in English ------------------------------------------------------------


def test_codes_are_spelled_out_only_where_shown(english) -> None:
    assert budget.status_label("réalisé, prévisionnel") == "actual, forecast"
    assert budget.kind_label("enveloppe") == "envelope"
    assert composition.origin_label("publié, site") == "published, website"
    assert composition.origin_label("calcul") == "calculated"
    assert composition.origin_label("inconnu") == "inconnu"  # an unknown code as it is
    i18n.use("fr")
    assert budget.status_label("prévisionnel") == "prévisionnel"
    assert composition.origin_label("site") == "site"


def test_budget_summary_table_in_english_keeps_the_codes(con, english) -> None:
    summary = budget.summary(con)
    assert summary["promotion"].tolist() == ["EIG 1", "EIG 2", "EIG 3"]
    assert summary["status"].tolist() == ["réalisé", "réalisé", "prévisionnel"]
    table = budget.summary_table(budget.with_total(summary))
    assert list(table.columns) == SUMMARY_HEADINGS
    assert table["Cohort"].tolist() == ["EIG class 1", "EIG class 2", "EIG class 3", "Total"]
    total = table.set_index("Cohort").loc["Total"]
    assert total["Status"] == "actual, forecast"
    assert total["PIA envelope"] == "€4,800,000"
    assert total["Total spending"] == "€5,134,558.47"
    assert total["Share of the envelope used"] == "107%"
    assert total["Over the envelope"] == "⚠ yes"
    assert total["EIG"] == "71 (published)"
    assert total["Cost per EIG-month"] == "€7,232"
    assert table.set_index("Cohort").loc["EIG class 1", "Over the envelope"] == "no"


def test_budget_lines_and_options_in_english(con, english) -> None:
    options = budget.options(con)
    assert options.promotions == ["EIG 1", "EIG 2", "EIG 3"]
    assert options.promotion_labels == dict(zip(options.promotions, COHORTS[:3], strict=True))
    assert options.lines["salaires"] == "Salaries"
    assert options.lines["programme_accompagnement"] == "Support programme"
    assert [budget.status_label(s) for s in options.statuses] == ["actual", "forecast"]
    lines = budget.lines_table(budget.lines(con, ["EIG 2"], ["salaires"]))
    assert list(lines.columns) == ["Cohort", "Line", "Type", "Amount", "Status", "Source"]
    assert lines["Line"].tolist() == ["PIA allocation", "Salaries"]
    assert lines["Type"].tolist() == ["envelope", "spending"]
    assert lines["Amount"].tolist() == ["€2,500,000", "€1,801,326"]
    assert set(lines["Status"]) == {"actual"}


def test_budget_readings_in_english(con, english) -> None:
    summary = budget.summary(con)
    assert budget.consumption_reading(summary) == (
        "Over the envelope: EIG class 3 (forecast) plans €2,430,364.09 of spending for an "
        "envelope of €1,500,000, i.e. 162%."
    )
    assert plain(budget.lines_reading(budget.lines(con, ["EIG 2"]))) == (
        "The ‘Salaries’ line accounts for 94% of the spending shown (€1,801,326 of €1,912,641)."
    )
    salary = budget.salary_reading(summary, budget.net_salary(con))
    assert salary.startswith(
        "The ‘Salaries’ line comes to €6,433 to €6,878 per EIG per month, i.e. 1.6 to 1.7 "
        "times the published net salary of €4,000 a month:"
    )
    assert budget.report_totals(con)["promotions"].iloc[0] == ", ".join(COHORTS[:3])


def test_composition_figures_in_english(con, english) -> None:
    figures = composition.promotion_figures(con)
    assert figures["origin"].isin(["publié", "site", "calcul"]).all()  # codes stay
    table = composition.figures_table(composition.promotion_figures(con, ["EIG 1", "EIG 4"]))
    assert list(table.columns) == ["Indicator", "EIG class 1", "EIG class 4"]
    mentors = table.set_index("Indicator").loc[labels.indicator("mentors")]
    assert (mentors["EIG class 1"], mentors["EIG class 4"]) == ("6 (published)", "48 (website)")
    ratio = figures.query("promotion == 'EIG 2' and indicator == 'candidates_per_place'")
    assert ratio["source"].iloc[0].startswith("calculated: ")
    assert ratio["source"].iloc[0].endswith(" (published)")
    site = figures.query("promotion == 'EIG 4' and indicator == 'mentors'")["source"].iloc[0]
    assert site == "EIG programme website (list of challenges and participants)"
    assert composition.counts_reading(figures) == (
        "Of the chosen cohorts, EIG class 4 is the largest, with 41 EIG; the most selective "
        "is EIG class 1 (10.5 candidates per place)."
    )


def test_composition_profiles_in_english(con, english) -> None:
    assert composition.profile_groups(con) == {
        "designer": "Designer",
        "developer": "Developer",
        "data_scientist": "Data scientist",
        "other": "Other",
    }
    assert list(composition.promotion_labels(con).values()) == COHORTS
    mix = composition.profile_mix(con)
    assert composition.profile_reading(mix) == (
        "The share of designer profiles goes from 0% in EIG class 1 to 34% in EIG class 4 "
        "(14 of 41 EIG); outside the EIG programme, Designers d'intérêt général: 100%."
    )
    assert composition.trend_reading(mix) == (
        "From EIG class 1 to EIG class 4, the share of designer profiles rises most "
        "(+34 points), that of developer profiles falls most (−29 points)."
    )
    table = composition.profile_table(composition.profile_mix(con, ["EIG 2"], ["data_scientist"]))
    assert table.to_dict("records") == [
        {
            "Cohort": "EIG class 2",
            "Profile": "Data scientist",
            "EIG (website)": 14,
            "Share (website)": "50%",
            "Published share": "50%",
            "Published count": "—",
        }
    ]


def test_composition_defis_and_reconciliation_in_english(con, english) -> None:
    found = composition.defis(con, ["EIG 2"], "brigade")
    assert list(found.columns) == [
        "Cohort",
        "Challenge",
        "Host administration",
        "Service",
        "Ministerial scope",
        "Skills",
        "EIG",
        "Mentors",
        "Key figures",
        "Challenge page",
    ]
    assert found["Challenge"].tolist() == ["Brigade Numérique"]  # défi titles as published
    assert plain(found["Key figures"].iloc[0]).startswith(
        "1,300 demandes/semaine à la Brigade Numérique; 60 Canaux"
    )
    table = composition.reconciliation(con, ["EIG 1"])
    assert list(table.columns) == [
        "Cohort",
        "Indicator",
        "Published",
        "Programme website",
        "Gap",
        "Finding",
    ]
    mentors = table.set_index("Indicator").loc[labels.indicator("mentors")]
    assert (mentors["Cohort"], mentors["Gap"], mentors["Finding"]) == ("EIG class 1", 5, "⚠ gap")
    assert set(table["Finding"]) == {"identical", "⚠ gap"}
    assert composition.reconciliation_reading(table) == (
        "Figures that differ between the published document and the programme website: "
        "1 of the 4 compared (mentors (EIG class 1))."
    )


# --- the pages, opened with ?lang=en ---------------------------------------------------------


def test_budget_page_in_english() -> None:
    at = english_page("budget")
    assert [t.value for t in at.title] == ["PIA budget"]
    assert [h.value for h in at.header] == ["Report totals", "Chosen cohorts", "Summary table"]
    assert [h.value for h in at.subheader] == [
        "Spending lines and envelope by cohort",
        "Share of the envelope used",
        "Costs per EIG-month and published net salary",
    ]
    metrics = {m.label: plain(m.value) for m in at.metric}
    assert metrics["PIA envelope"] == "€4,800,000"
    assert metrics["Salaries"] == "€4,658,243"
    assert metrics["Total budget"] == "€5,134,558.47"
    assert metrics["Share used"] == "107%"
    promotion = at.multiselect(key="promotion")
    assert (promotion.label, promotion.options) == ("Cohorts", COHORTS[:3])
    assert promotion.value == ["EIG 1", "EIG 2", "EIG 3"]
    assert at.multiselect(key="statut").options == ["actual", "forecast"]
    text = shown_text(at)
    assert "EIG class 3 (forecast) plans €2,430,364.09 of spending" in text
    assert "the lines add up to €4,658,243.47" in text
    assert list(at.dataframe[-2].value.columns) == SUMMARY_HEADINGS


def test_budget_page_charts_in_english() -> None:
    at = english_page("budget")
    lines, consumption, costs = chart_specs(at)
    assert lines["layout"]["legend"]["title"]["text"] == "Line, Status"
    names = [t["name"] for t in lines["data"]]
    assert names[0] == "Salaries, actual" and names[-1] == "PIA envelope"
    assert lines["data"][0]["x"] == ["EIG class 1 (actual)", "EIG class 2 (actual)"]
    assert lines["layout"]["separators"] == ".,"
    assert [t["name"] for t in consumption["data"]] == [
        "within, actual",
        "beyond the envelope, forecast",
    ]
    assert consumption["layout"]["annotations"][0]["text"] == "100% of the envelope"
    assert costs["layout"]["annotations"][0]["text"] == "published net salary €4,000"


def test_budget_page_filters_by_english_labels() -> None:
    at = english_page("budget", statut="forecast", ligne="Salaries")
    assert at.multiselect(key="statut").value == ["prévisionnel"]
    assert at.multiselect(key="ligne").value == ["salaires"]
    metrics = {m.label: plain(m.value) for m in at.metric}
    assert metrics["Envelope (selection)"] == "€1,500,000"
    assert metrics["Share used"] == "162%"
    lines = at.dataframe[-1].value
    assert lines["Line"].tolist() == ["PIA allocation", "Salaries"]
    assert lines["Status"].tolist() == ["forecast", "forecast"]


def test_composition_page_in_english() -> None:
    at = english_page("composition", promotion="EIG class 2", profil="Data scientist")
    assert [t.value for t in at.title] == ["Cohort composition"]
    assert [h.value for h in at.header] == [
        "Figures by cohort",
        "EIG profiles",
        "The challenges",
        "Published figures and website figures, side by side",
    ]
    promotion = at.multiselect(key="promotion")
    assert (promotion.label, promotion.options, promotion.value) == (
        "Cohorts",
        COHORTS,
        ["EIG 2"],
    )
    assert at.multiselect(key="profil").value == ["data_scientist"]
    text = shown_text(at)
    assert "In EIG class 2, the share of data scientist profiles is 50% (14 of 28 EIG)." in text
    assert "EIG class 2 has 28 EIG." in text
    assert "13 challenge(s) shown, from the programme website." in text
    headings = [list(frame.value.columns) for frame in at.dataframe]
    assert headings[:2] == [
        ["Cohort", "Indicator", "Value", "Origin", "Source"],  # the chart's data table
        ["Indicator", "EIG class 2"],
    ]
    assert headings[-1] == [
        "Cohort",
        "Indicator",
        "Published",
        "Programme website",
        "Gap",
        "Finding",
    ]
    figures = at.dataframe[1].value.set_index("Indicator")["EIG class 2"]
    assert figures[labels.indicator("mentors")] == "18 (published)"


def test_composition_page_charts_in_english() -> None:
    at = english_page("composition")
    counts, profiles, trend = chart_specs(at)
    assert counts["layout"]["legend"]["title"]["text"] == "Indicator, Origin"
    assert (
        counts["layout"]["xaxis"]["title"]["text"],
        counts["layout"]["yaxis"]["title"]["text"],
    ) == (
        "Cohort",
        "Number",
    )
    site = next(t for t in counts["data"] if t["name"] == "Mentors, website")
    assert site["x"] == ["Designers d'intérêt général", "EIG class 4"]
    assert site["marker"]["pattern"]["fillmode"] == "replace"  # counted on the site: open bars
    assert counts["data"][0]["x"] == COHORTS
    assert [t["name"] for t in profiles["data"]] == [
        "Designer",
        "Developer",
        "Data scientist",
        "Other",
    ]
    assert "Share of the cohort" in profiles["data"][0]["hovertemplate"]
    assert trend["layout"]["yaxis"]["title"]["text"] == "Share of EIG"
    assert trend["data"][0]["x"] == ["EIG class 1", "EIG class 2", "EIG class 3", "EIG class 4"]
    assert "The share of designer profiles goes from 0% in EIG class 1 to 34% in EIG class 4" in (
        shown_text(at)
    )
