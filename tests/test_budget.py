"""Budget PIA: the query functions and the page (AppTest), on the shipped data."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from eigdata import budget
from eigdata.formatting import euros, percent, plain

ROOT = Path(__file__).resolve().parent.parent
PAGE = str(ROOT / "pages" / "budget.py")


def test_options_come_from_the_data(con) -> None:
    options = budget.options(con)
    assert options.promotions == ["EIG 1", "EIG 2", "EIG 3"]
    assert list(options.lines) == [
        "salaires",
        "communication",
        "programme_accompagnement",
        "liens_recherche",
    ]
    assert options.lines["salaires"] == "Salaires"
    assert options.statuses == ["réalisé", "prévisionnel"]


def test_totals_equal_the_report(con) -> None:
    totals = budget.totals(budget.summary(con))
    assert totals["envelope"] == 4_800_000
    assert totals["salaries"] == pytest.approx(4_658_243.47, abs=0.001)
    assert round(totals["salaries"]) == 4_658_243
    assert totals["spending"] == pytest.approx(5_134_558.47, abs=0.001)


def test_report_totals_beside_line_sums(con) -> None:
    report = budget.report_totals(con).set_index("indicator")
    assert report.loc["pia_envelope", "published"] == 4_800_000
    assert report.loc["pia_envelope", "difference"] == 0
    assert report.loc["pia_salaries", "published"] == 4_658_243
    assert report.loc["pia_salaries", "difference"] == pytest.approx(0.47)
    assert report.loc["pia_budget_total", "published"] == pytest.approx(5_134_558.47)
    assert report.loc["pia_budget_total", "difference"] == 0


def test_eig3_forecast_exceeds_its_envelope(con) -> None:
    summary = budget.summary(con).set_index("promotion")
    eig3 = summary.loc["EIG 3"]
    assert eig3["status"] == "prévisionnel"
    assert eig3["spending"] == pytest.approx(2_430_364.09)
    assert eig3["envelope"] == 1_500_000
    assert eig3["consumed_share"] == pytest.approx(2_430_364.09 / 1_500_000)
    assert eig3["consumed_share"] > 1 and bool(eig3["over_envelope"])
    assert not summary.loc[["EIG 1", "EIG 2"], "over_envelope"].any()
    assert eig3["published_total"] == pytest.approx(eig3["spending"])
    reading = plain(budget.consumption_reading(summary.reset_index()))
    assert "EIG 3 (prévisionnel)" in reading and "162 %" in reading


def test_unit_costs(con) -> None:
    summary = budget.summary(con, ["EIG 1"]).iloc[0]
    assert summary["eig"] == 11 and summary["defis"] == 9 and summary["duration_months"] == 10
    assert summary["cost_per_eig"] == pytest.approx(791_553.38 / 11)
    assert summary["cost_per_defi"] == pytest.approx(791_553.38 / 9)
    assert summary["eig_months"] == 110
    assert summary["cost_per_eig_month"] == pytest.approx(791_553.38 / 110)
    assert summary["salary_per_eig_month"] == pytest.approx(756_553.38 / 110)
    totals = budget.totals(budget.summary(con))
    assert totals["cost_per_eig"] == pytest.approx(5_134_558.47 / 71)
    assert totals["cost_per_eig_month"] == pytest.approx(5_134_558.47 / 710)


def test_total_row(con) -> None:
    table = budget.summary_table(budget.with_total(budget.summary(con))).set_index("Promotion")
    total = table.loc["Total"].map(plain)
    assert total["Enveloppe PIA"] == "4 800 000 €"
    assert total["Total des dépenses"] == "5 134 558,47 €"
    assert total["Total publié"] == "5 134 558,47 €"
    assert total["Part de l'enveloppe consommée"] == "107 %"
    assert total["EIG"] == "71 (publié)"


def test_net_salary_and_its_reading(con) -> None:
    net = budget.net_salary(con)
    assert net.value == 4000
    reading = plain(budget.salary_reading(budget.summary(con), net))
    assert "4 000 € par mois" in reading and "net" in reading and "coût employeur" in reading


def test_filters_on_lines_and_status(con) -> None:
    detail = budget.lines(con, ["EIG 2"], ["salaires"], None)
    assert detail["line"].tolist() == ["enveloppe_pia", "salaires"]
    assert detail["amount"].tolist() == [2_500_000, 1_801_326]
    done = budget.summary(con, None, ["réalisé"])
    assert done["promotion"].tolist() == ["EIG 1", "EIG 2"]
    forecast = budget.lines(con, None, None, ["prévisionnel"])
    assert set(forecast["promotion"]) == {"EIG 3"}


def metrics(at: AppTest) -> dict[str, str]:
    return {m.label: plain(m.value) for m in at.metric}


def test_page_shows_the_report_totals() -> None:
    at = AppTest.from_file(PAGE, default_timeout=90).run()
    assert not at.exception
    assert [e.value for e in at.error] == []
    shown = metrics(at)
    assert shown["Enveloppe PIA"] == plain(euros(4_800_000)) == "4 800 000 €"
    assert shown["Salaires"] == "4 658 243 €"
    assert shown["Budget total"] == "5 134 558,47 €"
    captions = " ".join(plain(c.value) for c in at.caption)
    assert "4 658 243,47 €" in captions
    text = " ".join(plain(m.value) for m in at.markdown)
    assert "EIG 3 (prévisionnel)" in text and plain(percent(2_430_364.09 / 1_500_000)) in text


def test_query_params_preset_the_filters() -> None:
    at = AppTest.from_file(PAGE, default_timeout=90)
    at.query_params["promotion"] = "EIG 2"
    at.query_params["ligne"] = "Salaires"
    at.run()
    assert not at.exception
    assert at.multiselect(key="promotion").value == ["EIG 2"]
    assert at.multiselect(key="ligne").value == ["salaires"]
    shown = metrics(at)
    assert shown["Enveloppe (sélection)"] == "2 500 000 €"
    assert shown["Dépenses (sélection)"] == "1 912 641 €"
    assert shown["Part consommée"] == plain(percent(1_912_641 / 2_500_000))
    lines = at.dataframe[-1].value
    assert set(lines["Promotion"]) == {"EIG 2"}
    assert lines["Ligne"].tolist() == ["Enveloppe allouée par le PIA", "Salaires"]


def test_status_parameter() -> None:
    at = AppTest.from_file(PAGE, default_timeout=90)
    at.query_params["statut"] = "prévisionnel"
    at.run()
    assert not at.exception
    shown = metrics(at)
    assert shown["Enveloppe (sélection)"] == "1 500 000 €"
    assert shown["Part consommée"] == "162 %"


def test_invalid_query_value_is_ignored_with_a_notice() -> None:
    at = AppTest.from_file(PAGE, default_timeout=90)
    at.query_params["promotion"] = ["EIG 1", "EIG 4"]
    at.query_params["ligne"] = "Cafétéria"
    at.run()
    assert not at.exception
    assert [e.value for e in at.error] == []
    notices = " ".join(i.value for i in at.info)
    assert "EIG 4" in notices and "Cafétéria" in notices
    assert at.multiselect(key="promotion").value == ["EIG 1"]
    assert metrics(at)["Enveloppe (sélection)"] == "800 000 €"
