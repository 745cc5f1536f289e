"""Survey 2019: every published rate is rebuilt, Wilson intervals, the privacy rule."""

from __future__ import annotations

import csv
import importlib.util
import itertools
import math
from pathlib import Path

import pytest

from eigdata import survey
from eigdata.runner import run
from eigdata.survey_stats import MIN_GROUP, REASON_SMALL, REASON_SPLIT, privacy_reason, wilson

ROOT = Path(__file__).resolve().parent.parent
CAMPAIGN = "enquete-2019"
FIGURE_IDS = [
    row["figure_id"]
    for row in csv.DictReader((ROOT / "data/survey_published_figures.csv").open(encoding="utf-8"))
]


@pytest.fixture(scope="module")
def figures(con) -> dict:
    frame = survey.published_figures(con)
    return {row.figure_id: row for row in frame.itertuples()}


@pytest.mark.parametrize("figure_id", FIGURE_IDS)
def test_published_figure_is_rebuilt(con, figures, figure_id: str) -> None:
    row = figures[figure_id]
    promotions = [row.promotion] if isinstance(row.promotion, str) and row.promotion else None
    filters = survey.Filters(list(row.respondent_types), promotions)
    got = survey.share(con, row.campaign, row.question_id, list(row.answers), filters)
    assert not got.suppressed
    assert (got.numerator, got.denominator) == (row.numerator, row.denominator)
    assert survey.fits(got.share, int(row.published_pct), row.comparison)
    if row.comparison in {"arrondi", "plus_de_arrondi"}:
        assert math.floor(100 * got.numerator / got.denominator + 0.5) == row.published_pct


def test_every_figure_is_checked_on_the_page_query(con) -> None:
    check = survey.published_check(con, CAMPAIGN)
    assert len(check) == len(FIGURE_IDS) >= 25
    assert check["matches"].all()


def test_key_rates_as_the_report_rounds_them(con) -> None:
    eig = survey.Filters(["eig"])
    before = survey.share(con, CAMPAIGN, "intention_admin_avant", ["oui"], eig)
    after = survey.share(con, CAMPAIGN, "intention_admin_apres", ["oui"], eig)
    assert (before.numerator, before.denominator) == (3, 20)
    assert (after.numerator, after.denominator) == (12, 21)
    assert round(100 * before.share) == 15 and round(100 * after.share) == 57
    assert after.share > 0.57


def test_campaign_is_labelled_reconstructed_with_response_counts(con) -> None:
    row = survey.campaigns(con).set_index("campaign").loc[CAMPAIGN]
    assert bool(row["reconstructed"])
    assert (row["respondents_eig"], row["invited_eig"]) == (21, 39)
    assert (row["respondents_mentor"], row["invited_mentor"]) == (13, 24)
    assert survey.RECONSTRUCTED_LABEL == "Données reconstituées à partir des taux publiés"


def test_respondents_are_pseudonymous_and_from_promotions_1_and_2(con) -> None:
    values = survey.filter_values(con, CAMPAIGN)
    assert set(values["promotion"]) == {"EIG 1", "EIG 2"}
    columns = set(
        run(
            con,
            "survey_cells",
            campaign=CAMPAIGN,
            question="statut_outil",
            respondent_types=None,
            promotions=None,
            profiles=None,
        ).columns
    )
    assert "respondent_id" not in columns
    with (ROOT / "data/survey_responses.csv").open(encoding="utf-8") as f:
        header = next(csv.reader(f))
    assert header == [
        "campaign",
        "respondent_id",
        "respondent_type",
        "promotion",
        "profile",
        "question_id",
        "answer",
    ]


def test_before_after_answers_are_paired_per_respondent(con) -> None:
    flows, reason = survey.transitions(
        con, CAMPAIGN, "intention_admin_avant", "intention_admin_apres", survey.Filters(["eig"])
    )
    assert reason is None
    assert flows["n"].sum() == 21
    assert flows.loc[flows["after"] == "oui", "n"].sum() == 12
    assert flows.loc[flows["before"] == "oui", "n"].sum() == 3
    assert set(flows.loc[flows["before"] == "oui", "after"]) == {"oui"}
    assert flows.loc[flows["before"] == survey.NO_ANSWER, "n"].sum() == 1


def test_tool_status_with_the_mentor_who_did_not_answer(con) -> None:
    frame = survey.distribution(con, CAMPAIGN, "statut_outil").set_index("answer")
    assert frame.loc["en_production", "n"] == 6
    assert frame.loc["en_developpement_prevue", "n"] == 5
    assert frame.loc["en_developpement_non_prevue", "n"] == 1
    assert frame.loc[survey.NO_ANSWER, "n"] == 1
    assert set(frame["denominator"].dropna()) == {12}


def test_maintained_tools_more_than_two_thirds(con) -> None:
    got = survey.share(con, CAMPAIGN, "outils_maintenus", ["oui"])
    assert got.share > 2 / 3
    modes = survey.distribution(con, CAMPAIGN, "mode_maintenance").set_index("answer")
    assert modes.loc["eig_prestataires", "denominator"] == got.numerator


def test_wilson_known_case() -> None:
    low, high = wilson(12, 21)
    assert (round(low, 3), round(high, 3)) == (0.365, 0.755)
    assert wilson(0, 10)[0] == 0.0
    assert round(wilson(0, 10)[1], 3) == 0.278
    assert all(math.isnan(v) for v in wilson(0, 0))


def test_shares_carry_their_interval(con) -> None:
    got = survey.share(con, CAMPAIGN, "intention_admin_apres", ["oui"])
    assert (round(got.low, 3), round(got.high, 3)) == (0.365, 0.755)


def test_a_group_under_the_threshold_shows_no_figure(con) -> None:
    designers = survey.Filters(["eig"], None, ["designer"])
    got = survey.share(con, CAMPAIGN, "expertise_etalab", ["oui"], designers)
    assert got.suppressed and got.reason == REASON_SMALL
    assert got.numerator is None and got.denominator is None and got.share is None
    frame = survey.distribution(con, CAMPAIGN, "expertise_etalab", designers)
    assert frame["share"].isna().all() and frame["n"].isna().all()
    assert MIN_GROUP == 5


def test_filters_cannot_isolate_a_small_group_by_difference(con) -> None:
    # 19 respondents (all but the 2 designers): shown, the designers would follow by difference.
    not_designers = survey.Filters(["eig"], None, ["developer", "data_scientist"])
    got = survey.share(con, CAMPAIGN, "expertise_etalab", ["oui"], not_designers)
    assert got.suppressed and got.reason == REASON_SPLIT
    # A whole block of at least 5 respondents is shown.
    eig2_ds = survey.Filters(["eig"], ["EIG 2"], ["data_scientist"])
    assert not survey.share(con, CAMPAIGN, "expertise_etalab", ["oui"], eig2_ds).suppressed


@pytest.mark.parametrize(
    "question", ["expertise_etalab", "intention_admin_apres", "outils_maintenus", "statut_outil"]
)
def test_no_combination_of_shown_groups_isolates_fewer_than_threshold(con, question) -> None:
    cells = run(
        con,
        "survey_cells",
        campaign=CAMPAIGN,
        question=question,
        respondent_types=None,
        promotions=None,
        profiles=None,
    )
    cells = cells.drop_duplicates(["respondent_type", "promotion", "profile"]).reset_index()
    dims = ["respondent_type", "promotion", "profile"]
    choices = [_subsets(sorted(cells[d].unique())) for d in dims]
    shown = []
    for chosen in itertools.product(*choices):
        mask = cells[dims[0]].isin(chosen[0])
        for dim, values in zip(dims[1:], chosen[1:], strict=True):
            mask &= cells[dim].isin(values)
        if privacy_reason(cells, mask) is None:
            shown.append(tuple(mask))
    assert shown  # at least the whole population
    # Cells that no shown figure tells apart form atoms; each must hold >= MIN_GROUP people.
    atoms: dict[tuple, int] = {}
    for i, answered in enumerate(cells["answered"]):
        key = tuple(s[i] for s in shown)
        atoms[key] = atoms.get(key, 0) + int(answered)
    assert min(atoms.values()) >= MIN_GROUP


def test_empty_selection_shows_nothing(con) -> None:
    got = survey.share(con, CAMPAIGN, "expertise_etalab", ["oui"], survey.Filters([], None, None))
    assert got.suppressed


def test_shares_by_promotion_for_etalab_expertise(con) -> None:
    frame = survey.share_by(con, CAMPAIGN, "expertise_etalab", ["oui"], "promotion")
    frame = frame.set_index("group")
    assert frame.loc["EIG 1", "share"] < 0.20
    assert abs(frame.loc["EIG 2", "share"] - 0.70) < 0.03
    by_profile = survey.share_by(con, CAMPAIGN, "expertise_etalab", ["oui"], "profile")
    assert by_profile["reason"].notna().all()


def test_roster_defis_of_the_surveyed_promotions(con) -> None:
    defis = survey.roster_defis(con, ["EIG 1", "EIG 2"])
    assert set(defis["promotion"]) == {"EIG 1", "EIG 2"}
    assert len(defis) > 0


def test_reconstruction_script_reproduces_the_shipped_csv() -> None:
    path = ROOT / "scripts" / "reconstruct_survey_2019.py"
    spec = importlib.util.spec_from_file_location("reconstruct_survey_2019", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    people = module.respondents()
    table = module.rows(people, module.answers(people))
    module.check(table)
    with (ROOT / "data/survey_responses.csv").open(encoding="utf-8") as f:
        shipped = list(csv.reader(f))[1:]
    assert table == shipped


def _subsets(values: list[str]) -> list[list[str]]:
    return [list(c) for r in range(1, len(values) + 1) for c in itertools.combinations(values, r)]
