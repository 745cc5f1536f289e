"""The directors' landing: latest promotion and campaign, five figures with their trend, each
linking to its page with its filters; the figures move when a season is imported."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from urllib.parse import parse_qs

import duckdb
import pytest
from streamlit.proto.Metric_pb2 import Metric as MetricProto
from streamlit.testing.v1 import AppTest

from eigdata import landing
from eigdata.formatting import plain
from eigdata.ingest import campaign, promotion
from eigdata.ingest.tables import apply_import, plan_import
from eigdata.storage.store import DATA_DIR, DATA_DIR_ENV, connect, ensure_database
from eigdata.survey.stats import REASON_SMALL

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).parent / "data"
EXPORT = DATA / "exports" / "google_forms_eig_2021.csv"
TITLE_2019, TITLE_2021 = "Enquête 2019 — promotions 1 et 2", "Enquête 2021 — promotions 3 et 4"
REBUILT = "(données reconstituées à partir des taux publiés)"
REPORT = "Le numérique ouvert dans l'administration : rapport d'analyse des promotions 1 et 2"
SITE = "d'après le site du programme EIG (liste des défis et des participants)"
BUDGET_SOURCE = (
    "Rapport d'évaluation EIG 2019, Le programme EIG en chiffres (tableau au 31 mai 2019) — "
    "Budget (colonne EIG 3 (Prévisionnel))"
)
# The four EIG 4 lines an analyst adds to pia_budget.csv (expert import, as the template).
EIG4_BUDGET = (
    "EIG 4,enveloppe_pia,3000000,prévisionnel,002_90e21ba0e165664c.txt,Budget EIG 4,\n"
    "EIG 4,salaires,2870000,prévisionnel,002_90e21ba0e165664c.txt,Budget EIG 4,\n"
    "EIG 4,communication,50000,prévisionnel,002_90e21ba0e165664c.txt,Budget EIG 4,\n"
    "EIG 4,programme_accompagnement,120000,prévisionnel,002_90e21ba0e165664c.txt,Budget EIG 4,\n"
    "EIG 4,liens_recherche,10000,prévisionnel,002_90e21ba0e165664c.txt,Budget EIG 4,\n"
)
GREEN, RED, GRAY = (MetricProto.MetricColor.Value(c) for c in ("GREEN", "RED", "GRAY"))
UP, DOWN, NONE = (MetricProto.MetricDirection.Value(d) for d in ("UP", "DOWN", "NONE"))


def view(item: landing.Headline) -> dict:
    """A headline as the reader gets it (narrow spaces made plain)."""
    return {
        "label": item.label,
        "formatted": plain(item.formatted),
        "trend": plain(item.trend),
        "compared_with": item.compared_with,
        "page": item.page,
        "params": item.params,
        "link": item.link_label,
        "origin": item.origin,
        "note": plain(item.note),
        "arrow": item.arrow,
        "colour": item.delta_color,
    }


def numbers(item: landing.Headline) -> tuple:
    """value, previous and change, rounded to 6 decimals."""
    return tuple(
        None if v is None else round(v, 6) for v in (item.value, item.previous, item.change)
    )


def overview_of(data: Path) -> landing.Overview:
    con = connect(ensure_database(data))
    try:
        return landing.overview(con)
    finally:
        con.close()


def import_campaign(data: Path, raw: bytes, file_name: str = EXPORT.name) -> None:
    """The 2021 EIG campaign from its Google Forms export."""
    plan = campaign.plan_campaign(
        data,
        file_name,
        raw,
        campaign="enquete-2021",
        title=TITLE_2021,
        year=2021,
        questionnaire="eig",
        invited=30,
        tool="Google Forms",
    )
    assert plan.problems == []
    campaign.apply_campaign(plan, "Ana")


def import_promotion(data: Path) -> None:
    """EIG 5 from its Excel roster: 12 EIG, 3 of them designers."""
    sheet = (DATA / "rosters" / "eig5.xlsx").read_bytes()
    plan = promotion.plan_promotion(data, "eig5.xlsx", sheet, promotion="EIG 5", year=2021)
    assert plan.problems == []
    promotion.apply_promotion(plan, "Ana")


def import_eig4_budget(data: Path) -> None:
    """pia_budget.csv as shipped plus the EIG 4 lines, through the expert table import."""
    raw = (DATA_DIR / "pia_budget.csv").read_bytes() + EIG4_BUDGET.encode("utf-8")
    plan = plan_import(data, "pia_budget", "pia_budget.csv", raw)
    assert plan.problems == [] and len(plan.added) == 5
    apply_import(plan, "Ana")


def test_shipped_data(con: duckdb.DuckDBPyConnection) -> None:
    got = landing.overview(con)
    assert got.promotion == landing.LatestPromotion("EIG 4", 2020, "EIG")
    assert got.campaign == landing.LatestCampaign("enquete-2019", TITLE_2019, 2019, True)
    assert got.summary() == (
        f"Dernière promotion : EIG 4 (2020) ; dernière campagne d'enquête : {TITLE_2019} "
        "(2019, réponses reconstituées)."
    )
    eig, profile, cost, kept, stay = got.headlines
    assert [h.key for h in got.headlines] == ["eig", "profile", "budget", "maintained", "stay"]

    assert numbers(eig) == (41, 32, 9)
    assert view(eig) == {
        "label": "EIG recrutés — EIG 4",
        "formatted": "41",
        "trend": "+9 par rapport à EIG 3",
        "compared_with": "EIG 3",
        "page": "pages/composition.py",
        "params": {"promotion": ["EIG 3", "EIG 4"]},
        "link": "Voir la composition d'EIG 3 et EIG 4",
        "origin": "publié",
        "note": "EIG 3 : 32 (publié)",
        "arrow": "up",
        "colour": "normal",
    }
    assert eig.provenance == (
        "Chiffre publié : Article DINUM, juin 2020, introduction (41 EIG pour 17 défis)"
    )

    assert numbers(profile) == (round(14 / 41, 6), 0.15625, round(100 * (14 / 41 - 5 / 32), 6))
    assert view(profile) == {
        "label": "Part des profils « designer » — EIG 4",
        "formatted": "34 %",
        "trend": "+19 points par rapport à EIG 3",
        "compared_with": "EIG 3",
        "page": "pages/composition.py",
        "params": {"promotion": ["EIG 3", "EIG 4"], "profil": ["Designer"]},
        "link": "Voir les profils d'EIG 3 et EIG 4",
        "origin": "calcul",
        "note": "EIG 4 : 34 % (14 sur 41 EIG) ; EIG 3 : 16 % (5 sur 32 EIG)",
        "arrow": "up",
        "colour": "off",
    }
    assert profile.source == f"EIG au profil « designer » / EIG de la promotion, {SITE}"

    assert numbers(cost) == (
        round(2430364.09 / 320, 6),
        round(1912641 / 280, 6),
        round(2430364.09 / 320 - 1912641 / 280, 6),
    )
    assert view(cost) == {
        "label": "Coût PIA par EIG-mois — EIG 3",
        "formatted": "7 595 €",
        "trend": "+764 € par rapport à EIG 2 (réalisé)",
        "compared_with": "EIG 2",
        "page": "pages/budget.py",
        "params": {"promotion": ["EIG 2", "EIG 3"]},
        "link": "Voir le budget d'EIG 2 et EIG 3",
        "origin": "calcul",
        "note": "Prévisionnel ; 162 % de l'enveloppe PIA de 1 500 000 € : dépassement",
        "arrow": "up",
        "colour": "off",
    }
    assert plain(cost.provenance) == (
        f"Calcul : 2 430 364 € de dépenses (prévisionnel) / (32 EIG × 10 mois) — {BUDGET_SOURCE}"
    )

    first = "première campagne : pas de comparaison"
    survey_params = {"campagne": [TITLE_2019]}
    assert numbers(kept) == (round(23 / 33, 6), None, None)
    assert view(kept) == {
        "label": "Réalisations maintenues — campagne 2019",
        "formatted": "70 %",
        "trend": first,
        "compared_with": None,
        "page": "pages/production.py",
        "params": survey_params,
        "link": "Voir la production des outils (campagne 2019)",
        "origin": "calcul",
        "note": "IC 95 % : 53 % à 83 % ; 23 sur 33 répondants",
        "arrow": "off",
        "colour": "off",
    }
    assert kept.source == f"réponses à la campagne « {TITLE_2019} » {REBUILT} — {REPORT}"
    assert numbers(stay) == (round(12 / 21, 6), None, None)
    assert view(stay) == {
        "label": "EIG souhaitant rester dans l'administration — campagne 2019",
        "formatted": "57 %",
        "trend": first,
        "compared_with": None,
        "page": "pages/trajectoires.py",
        "params": survey_params,
        "link": "Voir les trajectoires (campagne 2019)",
        "origin": "calcul",
        "note": "IC 95 % : 37 % à 76 % ; 12 sur 21 répondants",
        "arrow": "off",
        "colour": "off",
    }


def test_a_new_season_moves_the_landing(fresh_data: Path) -> None:
    ensure_database(fresh_data)
    import_campaign(fresh_data, EXPORT.read_bytes())
    import_promotion(fresh_data)
    got = overview_of(fresh_data)
    assert got.summary() == (
        f"Dernière promotion : EIG 5 (2021) ; dernière campagne d'enquête : {TITLE_2021} (2021)."
    )
    eig, profile, cost, kept, stay = got.headlines

    assert numbers(eig) == (12, 41, -29)
    assert (eig.label, plain(eig.trend), eig.params, eig.origin, eig.note) == (
        "EIG recrutés — EIG 5",
        "−29 par rapport à EIG 4",
        {"promotion": ["EIG 4", "EIG 5"]},
        "site",
        "EIG 4 : 41 (publié)",
    )
    assert (eig.arrow, eig.delta_color) == ("down", "normal")

    assert numbers(profile) == (0.25, round(14 / 41, 6), round(100 * (0.25 - 14 / 41), 6))
    assert (plain(profile.formatted), plain(profile.trend), profile.link_label) == (
        "25 %",
        "−9 points par rapport à EIG 4",
        "Voir les profils d'EIG 4 et EIG 5",
    )
    assert plain(profile.note) == "EIG 5 : 25 % (3 sur 12 EIG) ; EIG 4 : 34 % (14 sur 41 EIG)"

    assert numbers(cost)[0] == round(2430364.09 / 320, 6)  # no budget line for EIG 4 or 5

    assert numbers(kept) == (0.7, round(23 / 33, 6), round(100 * (0.7 - 23 / 33), 6))
    assert view(kept) | {"params": None} == {
        "label": "Réalisations maintenues — campagne 2021",
        "formatted": "70 %",
        "trend": "0 point par rapport à la campagne 2019",
        "compared_with": "campagne 2019",
        "page": "pages/production.py",
        "params": None,
        "link": "Voir la production des outils (campagne 2021)",
        "origin": "calcul",
        "note": "IC 95 % : 48 % à 85 % ; 14 sur 20 répondants",
        "arrow": "off",
        "colour": "off",
    }
    assert kept.params == {"campagne": [TITLE_2021]}
    assert kept.source.startswith(f"réponses à la campagne « {TITLE_2021} » — ")

    assert numbers(stay) == (0.65, round(12 / 21, 6), round(100 * (0.65 - 12 / 21), 6))
    assert (plain(stay.trend), stay.arrow, stay.delta_color, plain(stay.note)) == (
        "+8 points par rapport à la campagne 2019",
        "up",
        "normal",
        "IC 95 % : 43 % à 82 % ; 13 sur 20 répondants",
    )


def test_budget_lines_of_a_later_promotion_move_the_cost(fresh_data: Path) -> None:
    ensure_database(fresh_data)
    import_eig4_budget(fresh_data)
    cost = overview_of(fresh_data).headlines[2]
    assert numbers(cost) == (
        round(3050000 / 410, 6),
        round(2430364.09 / 320, 6),
        round(3050000 / 410 - 2430364.09 / 320, 6),
    )
    assert view(cost) | {"note": plain(cost.note)} == {
        "label": "Coût PIA par EIG-mois — EIG 4",
        "formatted": "7 439 €",
        "trend": "−156 € par rapport à EIG 3 (prévisionnel)",
        "compared_with": "EIG 3",
        "page": "pages/budget.py",
        "params": {"promotion": ["EIG 3", "EIG 4"]},
        "link": "Voir le budget d'EIG 3 et EIG 4",
        "origin": "calcul",
        "note": "Prévisionnel ; 102 % de l'enveloppe PIA de 3 000 000 € : dépassement",
        "arrow": "down",
        "colour": "off",
    }


def test_a_hidden_share_stays_hidden(fresh_data: Path) -> None:
    """A campaign of 4 respondents: its shares are not shown, nor compared."""
    header, *rows = EXPORT.read_bytes().splitlines(keepends=True)
    ensure_database(fresh_data)
    import_campaign(fresh_data, header + b"".join(rows[:4]), "reponses_2021.csv")
    got = overview_of(fresh_data)
    assert got.campaign == landing.LatestCampaign("enquete-2021", TITLE_2021, 2021, False)
    for item in got.headlines[3:]:
        assert numbers(item) == (
            None,
            round(23 / 33 if item.key == "maintained" else 12 / 21, 6),
            None,
        )
        assert (item.formatted, item.note, item.arrow, item.delta_color) == (
            "—",
            REASON_SMALL,
            "off",
            "off",
        )
        assert item.trend == "évolution non calculée : chiffre de cette campagne non affiché"
        assert item.label.endswith("— campagne 2021")


@pytest.fixture
def pages_data(fresh_data: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    ensure_database(fresh_data)
    monkeypatch.setenv(DATA_DIR_ENV, str(fresh_data))
    yield fresh_data


def home(entry: str) -> AppTest:
    at = AppTest.from_file(str(ROOT / entry), default_timeout=90).run()
    assert not at.exception and [e.value for e in at.error] == []
    return at


def metrics(at: AppTest) -> list[tuple]:
    """The first five metrics: label, value, delta, colour and arrow."""
    return [
        (m.label, plain(m.value), plain(m.proto.delta), m.proto.color, m.proto.direction)
        for m in at.metric[:5]
    ]


def links(at: AppTest) -> list[tuple]:
    """Every st.page_link: label, page address and query parameters."""
    return [
        (e.proto.label, e.proto.page, parse_qs(e.proto.query_string)) for e in at.get("page_link")
    ]


SHIPPED_LINKS = [
    ("Voir la composition d'EIG 3 et EIG 4", "composition", {"promotion": ["EIG 3", "EIG 4"]}),
    (
        "Voir les profils d'EIG 3 et EIG 4",
        "composition",
        {"promotion": ["EIG 3", "EIG 4"], "profil": ["Designer"]},
    ),
    ("Voir le budget d'EIG 2 et EIG 3", "budget", {"promotion": ["EIG 2", "EIG 3"]}),
    ("Voir la production des outils (campagne 2019)", "production", {"campagne": [TITLE_2019]}),
    ("Voir les trajectoires (campagne 2019)", "trajectoires", {"campagne": [TITLE_2019]}),
]


def test_home_page_in_the_dashboard_shows_five_figures_with_their_links(
    pages_data: Path,
) -> None:
    at = home("dashboard.py")
    assert at.title[0].value == "Impact du programme Entrepreneurs d'intérêt général"
    assert at.header[0].value == "Où en est le programme"
    assert at.markdown[1].value.startswith("Dernière promotion : EIG 4 (2020) ;")
    first = "première campagne : pas de comparaison"
    assert metrics(at) == [
        ("EIG recrutés — EIG 4", "41", "+9 par rapport à EIG 3", GREEN, UP),
        (
            "Part des profils « designer » — EIG 4",
            "34 %",
            "+19 points par rapport à EIG 3",
            GRAY,
            UP,
        ),
        (
            "Coût PIA par EIG-mois — EIG 3",
            "7 595 €",
            "+764 € par rapport à EIG 2 (réalisé)",
            GRAY,
            UP,
        ),
        ("Réalisations maintenues — campagne 2019", "70 %", first, GRAY, NONE),
        (
            "EIG souhaitant rester dans l'administration — campagne 2019",
            "57 %",
            first,
            GRAY,
            NONE,
        ),
    ]
    assert links(at) == SHIPPED_LINKS
    assert [plain(c.value) for c in at.caption[:5]] == [
        "Chiffre publié · EIG 3 : 32 (publié)",
        "Calcul · EIG 4 : 34 % (14 sur 41 EIG) ; EIG 3 : 16 % (5 sur 32 EIG)",
        "Calcul · Prévisionnel ; 162 % de l'enveloppe PIA de 1 500 000 € : dépassement",
        "Calcul · IC 95 % : 53 % à 83 % ; 23 sur 33 répondants",
        "Calcul · IC 95 % : 37 % à 76 % ; 12 sur 21 répondants",
    ]
    assert at.expander[0].label == "D'où viennent ces chiffres"
    listed = plain(at.expander[0].markdown[0].value).split("\n")
    assert listed[0] == (
        "- **EIG recrutés — EIG 4** : Chiffre publié : Article DINUM, juin 2020, introduction "
        "(41 EIG pour 17 défis)"
    )
    assert len(listed) == 5 and all(line.startswith("- **") for line in listed)
    assert [m.proto.help for m in at.metric[:2]] == [
        "Chiffre publié : Article DINUM, juin 2020, introduction (41 EIG pour 17 défis)",
        f"Calcul : EIG au profil « designer » / EIG de la promotion, {SITE}",
    ]
    assert [h.value for h in at.header] == ["Où en est le programme", "Le détail des chiffres"]


def test_home_page_after_a_new_season(pages_data: Path) -> None:
    import_campaign(pages_data, EXPORT.read_bytes())
    import_promotion(pages_data)
    at = home("dashboard.py")
    shown = metrics(at)
    assert shown[0] == ("EIG recrutés — EIG 5", "12", "-29 par rapport à EIG 4", RED, DOWN)
    assert shown[1][2:] == ("-9 points par rapport à EIG 4", GRAY, DOWN)
    assert shown[3] == (
        "Réalisations maintenues — campagne 2021",
        "70 %",
        "0 point par rapport à la campagne 2019",
        GRAY,
        NONE,
    )
    assert shown[4][2:] == ("+8 points par rapport à la campagne 2019", GREEN, UP)
    assert links(at)[0] == (
        "Voir la composition d'EIG 4 et EIG 5",
        "composition",
        {"promotion": ["EIG 4", "EIG 5"]},
    )
    assert links(at)[4] == (
        "Voir les trajectoires (campagne 2021)",
        "trajectoires",
        {"campagne": [TITLE_2021]},
    )


def test_page_alone_links_to_the_same_addresses(pages_data: Path) -> None:
    """Run outside dashboard.py's navigation, Streamlit knows no other page: the links are
    plain Markdown links to the same addresses."""
    at = home("pages/accueil.py")
    assert [m[:3] for m in metrics(at)] == [m[:3] for m in metrics(home("dashboard.py"))]
    shown = [m.value for m in at.markdown if m.value.startswith("[Voir ")]
    assert shown == [
        "[Voir la composition d'EIG 3 et EIG 4](composition?promotion=EIG+3&promotion=EIG+4)",
        "[Voir les profils d'EIG 3 et EIG 4]"
        "(composition?promotion=EIG+3&promotion=EIG+4&profil=Designer)",
        "[Voir le budget d'EIG 2 et EIG 3](budget?promotion=EIG+2&promotion=EIG+3)",
        "[Voir la production des outils (campagne 2019)]"
        "(production?campagne=Enqu%C3%AAte+2019+%E2%80%94+promotions+1+et+2)",
        "[Voir les trajectoires (campagne 2019)]"
        "(trajectoires?campagne=Enqu%C3%AAte+2019+%E2%80%94+promotions+1+et+2)",
    ]


def test_a_link_opens_its_page_with_its_filters(pages_data: Path) -> None:
    """The query parameters of each link are valid filter values of the page it opens."""
    for _label, page, params in SHIPPED_LINKS:
        at = AppTest.from_file(str(ROOT / "pages" / f"{page}.py"), default_timeout=90)
        for key, values in params.items():
            at.query_params[key] = values
        at.run()
        assert not at.exception and [e.value for e in at.error] == []
        assert not [i.value for i in at.info if "Lien partagé" in i.value], page
        for key, values in params.items():
            widget = next(w for w in [*at.multiselect, *at.selectbox] if w.key == key)
            chosen = widget.value if isinstance(widget.value, list) else [widget.value]
            assert [widget.format_func(v) for v in chosen] == values, (page, key)
