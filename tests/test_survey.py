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
from eigdata.survey.stats import MIN_GROUP, REASON_SMALL, REASON_SPLIT, privacy_reason, wilson

ROOT = Path(__file__).resolve().parent.parent
CAMPAIGN = "enquete-2019"
# Every rate the 2019 report publishes (004_…txt), written out here independently of the data:
# figure id, question, respondents, promotion, answers counted, numerator, denominator,
# the report's wording, the percentage printed and how it compares.
PUBLISHED = [
    ("intention_avant", "intention_admin_avant", "eig", "", "oui", 3, 20, "seuls 15 %", 15, "arrondi"),
    ("intention_apres", "intention_admin_apres", "eig", "", "oui", 12, 21, "plus de 57 %", 57, "plus_de_arrondi"),
    ("env_technique", "env_technique_adapte", "eig", "", "oui", 14, 21, "près de 67 %", 67, "arrondi"),
    ("satisfaction_env", "satisfaction_env_travail", "eig", "", "tres_satisfait;satisfait", 20, 21, "près de 95 %", 95, "arrondi"),
    ("moyens_techniques", "moyens_techniques_differents", "mentor", "", "oui", 10, 13, "77 %", 77, "arrondi"),
    ("env_travail_adapte", "env_travail_adapte", "mentor", "", "oui", 7, 10, "70 %", 70, "arrondi"),
    ("briques_libres", "briques_libres_reutilisees", "eig", "", "oui", 13, 20, "65 %", 65, "arrondi"),
    ("formations", "formations_organisees", "eig", "", "oui", 13, 21, "62 %", 62, "arrondi"),
    ("competences_acquises", "competences_acquises", "mentor", "", "oui", 9, 10, "90 %", 90, "arrondi"),
    ("competences_reutilisees", "competences_reutilisees", "mentor", "", "oui", 10, 12, "près de 83 %", 83, "arrondi"),
    ("outils_annexes", "outils_annexes", "eig;mentor", "", "oui", 24, 33, "près de 73 %", 73, "arrondi"),
    ("expertise_etalab", "expertise_etalab", "eig", "", "oui", 11, 21, "52 %", 52, "arrondi"),
    ("expertise_etalab_eig2", "expertise_etalab", "eig", "EIG 2", "oui", 10, 14, "près de 70 %", 70, "environ"),
    ("expertise_etalab_eig1", "expertise_etalab", "eig", "EIG 1", "oui", 1, 7, "moins de 20 %", 20, "moins_de"),
    ("rencontres_utilisateurs", "methode_rencontres_utilisateurs", "eig", "", "oui", 14, 20, "70 %", 70, "arrondi"),
    ("methode_agile", "methode_agile", "eig", "", "oui", 9, 21, "43 %", 43, "arrondi"),
    ("methode_sprints", "methode_sprints", "eig", "", "oui", 6, 20, "près de 30 %", 30, "arrondi"),
    ("satisfaction_realisations", "satisfaction_realisations", "mentor", "", "depassent;repondent;globalement", 12, 13, "plus de 90 %", 90, "plus_de"),
    ("competences_absentes", "apport_competences_absentes", "mentor", "", "oui", 12, 13, "plus de 90 %", 90, "plus_de"),
    ("communaute_mentors", "communaute_appartenance", "mentor", "", "oui", 7, 13, "53 %", 53, "tronqué"),
    ("competences_numeriques", "competences_numeriques_developpees", "mentor", "", "oui", 9, 13, "près de 70 %", 70, "environ"),
    ("liens_administrations", "liens_autres_administrations", "eig;mentor", "", "oui", 22, 34, "près de deux tiers", 67, "environ"),
    ("situation_administration", "situation_actuelle", "eig", "", "administration_contractuel;administration_autre", 11, 20, "plus de la moitié", 50, "plus_de"),
    ("situation_contractuels", "situation_actuelle", "eig", "", "administration_contractuel", 5, 20, "25 %", 25, "arrondi"),
    ("outils_maintenus", "outils_maintenus", "eig;mentor", "", "oui", 23, 33, "plus de deux tiers", 67, "plus_de"),
    ("statut_majorite", "statut_outil", "mentor", "", "en_production;en_developpement_prevue", 11, 12, "en majorité", 50, "plus_de"),
]  # fmt: skip
FIGURE_IDS = [row[0] for row in PUBLISHED]


@pytest.fixture(scope="module")
def figures(con) -> dict:
    frame = survey.published_figures(con)
    return {row.figure_id: row for row in frame.itertuples()}


@pytest.mark.parametrize(
    ("figure_id", "question", "types", "promotion", "answers", "num", "den", "text", "pct", "rule"),
    PUBLISHED,
    ids=FIGURE_IDS,
)
def test_published_figure_is_rebuilt(
    con, figure_id, question, types, promotion, answers, num, den, text, pct, rule
) -> None:
    filters = survey.Filters(types.split(";"), [promotion] if promotion else None)
    got = survey.share(con, "enquete-2019", question, answers.split(";"), filters)
    assert not got.suppressed
    assert (got.numerator, got.denominator) == (num, den)
    assert survey.fits(got.share, pct, rule), text
    if rule in {"arrondi", "plus_de_arrondi"}:
        assert math.floor(100 * num / den + 0.5) == pct


@pytest.mark.parametrize("figure_id", FIGURE_IDS)
def test_shipped_targets_match_the_table(figures, figure_id: str) -> None:
    """data/survey_published_figures.csv (what the pages check) says the same as the table."""
    row = figures[figure_id]
    expected = next(r for r in PUBLISHED if r[0] == figure_id)
    assert (row.question_id, row.numerator, row.denominator) == (expected[1], *expected[5:7])
    assert (row.published_pct, row.comparison) == (expected[8], expected[9])


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
