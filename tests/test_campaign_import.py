"""Import of a survey campaign straight from a survey tool's export (eigdata.ingest.campaign):
each fixture as its tool writes it → exact figures; 2019 untouched; no personal data stored;
undo restores every table; mapping of columns and values; replace; delete."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from eigdata import survey
from eigdata.errors import ValidationFailed
from eigdata.formatting import plain
from eigdata.ingest import changes
from eigdata.ingest.campaign import apply_campaign, plan_campaign, plan_delete_campaign
from eigdata.ingest.campaign import columns as ec
from eigdata.schemas import datasets
from eigdata.storage import store
from eigdata.storage.store import connect, dataset_path, ensure_database

EXPORTS = Path(__file__).parent / "data" / "exports"
MAPPING = EXPORTS / "correspondance_limesurvey_codes.csv"
PERSONAL = re.compile(rb"[\w.]+@example\.org|192\.0\.2\.\d+")
STAY, BEFORE = "intention_admin_apres", "intention_admin_avant"
SITUATION, ADMIN = "situation_actuelle", ("administration_contractuel", "administration_autre")
COMMENT = "Programme exigeant, merci à l'équipe Etalab"


@dataclass
class Case:
    """A fixture, how to import it and what it must give."""

    file: str
    options: dict
    respondents: int
    figures: dict[tuple[str, tuple[str, ...]], tuple[int, int]]
    extra: dict = field(default_factory=dict)

    @property
    def code(self) -> str:
        return self.options["campaign"].lower()

    @property
    def questionnaire(self) -> str:
        return self.options["questionnaire"]

    def raw(self) -> bytes:
        return (EXPORTS / self.file).read_bytes()


EIG_2021 = {"campaign": "enquete-2021", "title": "Enquête 2021 — promotions 3 et 4"}
CASES = [
    Case(
        "google_forms_eig_2021.csv",
        {**EIG_2021, "year": 2021, "questionnaire": "eig", "invited": 30},
        20,
        {(STAY, ("oui",)): (13, 20), (BEFORE, ("oui",)): (6, 19), (SITUATION, ADMIN): (9, 20)},
    ),
    Case(
        "limesurvey_texte_excel_fr.csv",
        {"campaign": "enquete-2022", "title": "Enquête 2022 — promotion 4", "year": 2022,
         "questionnaire": "eig", "promotion": "EIG 4", "invited": 20, "export_date": "2022-09-30"},
        16,
        {(STAY, ("oui",)): (11, 16), (BEFORE, ("oui",)): (5, 16), (SITUATION, ADMIN): (9, 16)},
    ),
    Case(
        "limesurvey_codes.csv",
        {"campaign": "ENQUETE-2023", "title": "Enquête 2023", "year": 2023, "questionnaire": "eig",
         "column_map": ec.read_mapping(MAPPING.read_bytes())},
        12,
        {(STAY, ("oui",)): (8, 12), ("env_technique_adapte", ("oui",)): (9, 12)},
    ),
    Case(
        "tableau_de_bord_large.csv",
        {"campaign": "enquete-2024", "title": "Enquête 2024", "year": 2024, "questionnaire": "eig"},
        10,
        {(STAY, ("oui",)): (6, 10), ("methode_agile", ("oui",)): (7, 9)},
    ),
    Case(
        "tableau_de_bord_long.csv",
        {"campaign": "enquete-2024", "title": "Enquête 2024", "year": 2024,
         "questionnaire": "mentor"},
        8,
        {("statut_outil", ("en_production",)): (5, 8), ("outils_maintenus", ("oui",)): (6, 8)},
    ),
    Case(
        "limesurvey_mentors_en.csv",
        {**EIG_2021, "year": 2021, "questionnaire": "mentor", "invited": 20},
        12,
        {("statut_outil", ("en_production",)): (7, 12), ("outils_maintenus", ("oui",)): (9, 12)},
    ),
]  # fmt: skip


def active_hashes(data_dir: Path) -> dict[str, str]:
    """sha256 of the CSV each dataset is read from."""
    return {
        ds.name: hashlib.sha256(dataset_path(data_dir, ds).read_bytes()).hexdigest()
        for ds in datasets().values()
    }


def personal_values(raw: bytes) -> set[bytes]:
    """The e-mails and IP addresses of a fixture."""
    return set(PERSONAL.findall(raw))


def files_holding(folder: Path, values: set[bytes]) -> list[str]:
    """Files under a folder (CSVs, versions, audit, mappings, the .duckdb) holding a value."""
    return sorted(
        str(p.relative_to(folder))
        for p in folder.rglob("*")
        if p.is_file() and any(v in p.read_bytes() for v in values)
    )


def responses(tables: dict, campaign: str) -> list[dict[str, str]]:
    """The survey_responses rows of one campaign."""
    return [r for r in tables["survey_responses"] if r["campaign"] == campaign]


def plan(data_dir: Path, case: Case, **extra):
    return plan_campaign(data_dir, case.file, case.raw(), **{**case.options, **extra})


def shares(data_dir: Path, case: Case) -> dict:
    """The case's figures (numerator, denominator) and respondents on a fresh connection."""
    con = connect(ensure_database(data_dir))
    try:
        filters = survey.Filters([case.questionnaire])
        got = {}
        for question, answers in case.figures:
            found = survey.share(con, case.code, question, list(answers), filters)
            got[(question, answers)] = (found.numerator, found.denominator)
        campaigns = survey.campaigns(con).set_index("campaign")
        counts = campaigns[["respondents_eig", "respondents_mentor"]].sum(axis=1).to_dict()
        check = survey.published_check(con)
    finally:
        con.close()
    return {"figures": got, "respondents": counts, "published": check["matches"].tolist()}


@pytest.mark.parametrize("case", CASES, ids=[c.file for c in CASES])
def test_each_export_imports_with_its_exact_figures_and_undo_restores(
    fresh_data: Path, case: Case
) -> None:
    ensure_database(fresh_data)
    before = active_hashes(fresh_data)
    got = plan(fresh_data, case)
    assert [str(p) for p in got.problems] == []
    assert got.unmatched == [] and got.preview is not None
    assert got.preview.respondents == case.respondents
    assert active_hashes(fresh_data) == before  # planning wrote nothing

    result = apply_campaign(got, "Ana")
    assert result.changed and result.versions["survey_responses"] == 1
    after = shares(fresh_data, case)
    assert after["figures"] == case.figures
    assert after["respondents"] == {"enquete-2019": 34, case.code: case.respondents}
    assert len(after["published"]) == 26 and all(after["published"])
    assert files_holding(fresh_data, personal_values(case.raw())) == []
    stored = list((fresh_data / "versions" / "mappings").glob("*.csv"))
    assert [p.name for p in stored] == [f"{case.code}-{case.questionnaire}-{got.checksum[:12]}.csv"]

    changes.undo_change(fresh_data, result.change, "Ana")
    assert active_hashes(fresh_data) == before
    undone = shares(fresh_data, case)
    assert undone["figures"] == dict.fromkeys(case.figures, (None, None))
    assert undone["respondents"] == {"enquete-2019": 34} and all(undone["published"])


def test_preview_numbers_as_the_pages_will_show_them(fresh_data: Path) -> None:
    got = plan(fresh_data, CASES[0])
    preview = got.preview
    assert (preview.respondents, preview.invited, plain(preview.response_rate)) == (20, 30, "67 %")
    assert [(f.label, plain(f.text())) for f in preview.figures] == [
        (
            "Souhaitent rester dans l'administration après",
            "65 % (IC 95 % : 43 % à 82 % ; 13 sur 20 répondants)",
        ),
        (
            "Envisageaient l'administration avant le programme",
            "32 % (IC 95 % : 15 % à 54 % ; 6 sur 19 répondants)",
        ),
        (
            "Travaillent dans l'administration aujourd'hui",
            "45 % (IC 95 % : 26 % à 66 % ; 9 sur 20 répondants)",
        ),
    ]
    counts = {q.question_id: (q.answered, q.no_answer) for q in preview.questions}
    assert counts == {
        BEFORE: (19, 1),
        STAY: (20, 0),
        SITUATION: (20, 0),
        "env_technique_adapte": (20, 0),
        "satisfaction_env_travail": (20, 0),
        "outils_maintenus": (20, 0),
        "mode_maintenance": (14, 6),
    }
    assert preview.unchanged == ["Enquête 2019 — promotions 1 et 2 : 34 répondants, inchangée"]
    moved = [(c.label, c.before, c.after) for c in preview.figure_changes]
    assert ("Enquête 2021 — promotions 3 et 4 — EIG répondants", "—", "20") in moved
    assert got.describe() == (
        "CSV, encodage UTF-8, séparateur virgule « , », décimale point, fins de ligne LF ; "
        "outil : Google Forms"
    )
    how = {row["Colonne du fichier"]: row["Reconnue par"] for row in got.column_table()}
    assert how == {
        "Horodateur": "colonne technique (Google Forms)",
        "Adresse e-mail": "donnée personnelle",
        "Promotion": "attribut",
        "Profil": "attribut",
        "Avant le programme, envisagiez-vous de travailler (ou de continuer à travailler) dans "
        "l’administration ?": "intitulé",
        "Après votre défi, souhaitez-vous continuer à travailler dans l’administration": "intitulé",
        "Quelle est votre situation professionnelle aujourd’hui ?": "intitulé",
        "Êtes-vous satisfait de l’environnement de travail proposé ?": "intitulé",
        "Les moyens techniques fournis correspondaient-ils à vos besoins ?": "intitulé",
        "La réalisation du défi est-elle maintenue aujourd’hui ?": "intitulé",
        "Comment la réalisation est-elle maintenue ?": "intitulé",
    }


def test_profiles_and_promotions_are_mapped_tolerantly(fresh_data: Path) -> None:
    google = plan(fresh_data, CASES[0])
    rows = responses(google.tables, "enquete-2021")
    people = {(r["respondent_id"], r["promotion"], r["profile"]) for r in rows}
    assert sorted(people)[:4] == [
        ("R-EIG-001", "EIG 3", "developer"),
        ("R-EIG-002", "EIG 3", "data_scientist"),
        ("R-EIG-003", "EIG 3", "designer"),
        ("R-EIG-004", "EIG 3", "developer"),
    ]
    codes = plan(fresh_data, CASES[2])
    rows = responses(codes.tables, "enquete-2023")
    promotions = {r["respondent_id"]: r["promotion"] for r in rows}
    assert (
        promotions["R-EIG-102"] == "EIG 4" and promotions["R-EIG-103"] == "EIG 4"
    )  # eig4, Promotion 4
    assert sorted(promotions.values()).count("EIG 4") == 6
    answers = {(r["respondent_id"], r["question_id"]): r["answer"] for r in rows}
    assert answers[("R-EIG-103", "env_technique_adapte")] == "non"  # LimeSurvey « N »


def test_limesurvey_ids_and_incomplete_responses(fresh_data: Path) -> None:
    case = CASES[1]
    kept = plan(fresh_data, case)
    ids = sorted({r["respondent_id"] for r in responses(kept.tables, "enquete-2022")})
    assert ids[:3] == ["R-EIG-003", "R-EIG-004", "R-EIG-005"] and len(ids) == 16
    assert "R-EIG-006" not in ids and "R-EIG-013" not in ids  # no submit date
    assert kept.preview.incomplete_left_out == 2
    assert kept.preview.notes() == [
        "Réponses incomplètes (sans date de soumission) laissées de côté : 2"
    ]
    included = plan(fresh_data, case, include_incomplete=True)
    assert (included.preview.respondents, included.preview.incomplete_kept) == (18, 2)
    stay = included.preview.figures[0].share
    assert (stay.numerator, stay.denominator) == (12, 17)


def test_campaign_and_source_rows_of_a_new_campaign(fresh_data: Path) -> None:
    got = plan(fresh_data, CASES[1])
    campaign = next(r for r in got.tables["survey_campaigns"] if r["campaign"] == "enquete-2022")
    assert campaign == {
        "campaign": "enquete-2022",
        "title": "Enquête 2022 — promotion 4",
        "year": "2022",
        "reconstructed": "false",
        "invited_eig": "20",
        "invited_mentor": "",
        "source_doc": "import-enquete-2022-eig",
        "source_section": "Réponses des EIG exportées de LimeSurvey",
        "note": "Réponses individuelles importées de l'export de l'outil d'enquête (sans donnée "
        "personnelle)",
    }
    source = next(r for r in got.tables["sources"] if r["source_doc"] == "import-enquete-2022-eig")
    assert source["short_title"] == "Export LimeSurvey, 2022-09-30"
    assert source["published"] == "2022-09-30"


def test_unmatched_column_blocks_until_mapped(fresh_data: Path) -> None:
    case = CASES[2]
    blocked = plan(fresh_data, case, column_map=None)
    assert blocked.unmatched == ["commentaire_libre"]
    assert [str(p) for p in blocked.problems] == [
        "fichier limesurvey_codes.csv : 1 colonne(s) non reconnue(s) : « commentaire_libre ». "
        "Associez chacune à une question, à un attribut (promotion, profile, respondent_type) ou "
        "à « ignorer » (fichier de correspondance, colonnes colonne,question) ; rien n'est écarté "
        "sans votre accord"
    ]
    assert blocked.preview is None and blocked.tables == {}
    with pytest.raises(ValidationFailed):
        apply_campaign(blocked, "Ana")
    mapped = plan(fresh_data, case)
    column = next(c for c in mapped.columns if c.header == "commentaire_libre")
    assert (column.kind, column.how) == (ec.IGNORED, "choisi par l'analyste")
    apply_campaign(mapped, "Ana")
    assert files_holding(fresh_data, {COMMENT.encode()}) == []


def test_mapping_csv_round_trip_with_values(fresh_data: Path) -> None:
    case = CASES[2]
    first = plan(fresh_data, case)
    written = ec.mapping_csv(first)
    lines = written.decode().splitlines()
    assert lines[0] == "colonne,question,valeur,reponse"
    assert "commentaire_libre,ignorer,," in lines and "promotion,promotion,," in lines
    assert "intention_admin_apres,intention_admin_apres,," in lines and "email,ignorer,," in lines
    assert not PERSONAL.search(written)  # headers only
    again = plan(fresh_data, case, column_map=ec.read_mapping(written))
    assert [(c.header, c.kind, c.target) for c in again.columns] == [
        (c.header, c.kind, c.target) for c in first.columns
    ]
    raw = case.raw().replace(b'"ne_sait_pas"', b'"NSP"')
    unknown = plan_campaign(fresh_data, case.file, raw, **case.options)
    chosen = {(BEFORE, "NSP"): "ne_sait_pas", (STAY, "NSP"): "ne_sait_pas"}
    fixed = plan_campaign(fresh_data, case.file, raw, **case.options, value_map=chosen)
    assert len(unknown.problems) == 2 and fixed.problems == []
    values = ec.mapping_csv(fixed).decode().splitlines()
    assert values[-2:] == [
        "intention_admin_avant,intention_admin_avant,NSP,ne_sait_pas",
        "intention_admin_apres,intention_admin_apres,NSP,ne_sait_pas",
    ]
    reread = ec.read_value_map(ec.mapping_csv(fixed))
    assert reread == chosen
    assert plan_campaign(fresh_data, case.file, raw, **case.options, value_map=reread).ok


def test_unknown_answer_value_is_one_problem_with_count_and_allowed_labels(
    fresh_data: Path,
) -> None:
    case = CASES[0]
    raw = case.raw().replace(b'Non,Oui,"Dans', 'Non,Plutôt oui,"Dans'.encode())
    got = plan_campaign(fresh_data, case.file, raw, **case.options)
    assert [str(p) for p in got.problems] == [
        "fichier google_forms_eig_2021.csv, colonne « Après votre défi, souhaitez-vous "
        "continuer à travailler dans l’administration » : « Plutôt oui » n'est pas une réponse "
        "possible à la question « Après votre défi, souhaitez-vous continuer à travailler dans "
        "l'administration ? » — lignes 2, 3 et 13 (3 lignes) ; réponses permises : « Oui », "
        "« Non », « Ne sait pas »"
    ]
    (item,) = got.unknown_values
    assert (item.question_id, item.value, item.count, item.chosen) == (STAY, "Plutôt oui", 3, None)
    fixed = plan_campaign(
        fresh_data, case.file, raw, **case.options, value_map={(STAY, "Plutôt oui"): "oui"}
    )
    assert fixed.ok and fixed.unknown_values[0].chosen == "oui"
    stay = fixed.preview.figures[0].share
    assert (stay.numerator, stay.denominator) == (13, 20)


def test_attribute_problems_are_grouped_with_the_closest_value(fresh_data: Path) -> None:
    case = CASES[0]
    raw = case.raw().replace(b",EIG 3,", b",EIG 33,").replace("Développeur·se".encode(), b"Dev ops")
    got = plan_campaign(fresh_data, case.file, raw, **case.options)
    assert [str(p) for p in got.problems] == [
        "fichier google_forms_eig_2021.csv, colonne « Promotion » : promotion « EIG 33 » "
        "inconnue — lignes 2 à 11 (10 lignes) ; valeur la plus proche : « EIG 3 »",
        "fichier google_forms_eig_2021.csv, colonne « Profil » : profil « Dev ops » "
        "inconnu — lignes 5, 9, 15 et 20 (4 lignes) ; valeur la plus proche : « Développeur ou "
        "développeuse »",
    ]


def test_promotion_is_required_from_the_file_or_the_form(fresh_data: Path) -> None:
    case = CASES[1]
    options = {**case.options, "promotion": None}
    got = plan_campaign(fresh_data, case.file, case.raw(), **options)
    assert [p.message for p in got.problems] == [
        "aucune colonne « Promotion » dans le fichier : indiquez la promotion des répondants "
        "(promotion par défaut, --promotion)"
    ]


def test_replace_changes_only_that_campaign_and_questionnaire(fresh_data: Path) -> None:
    eig, mentors = CASES[0], CASES[5]
    apply_campaign(plan(fresh_data, eig), "Ana")
    mentor_plan = plan(fresh_data, mentors, campaign="ENQUETE-2021", title="", year=None)
    assert mentor_plan.ok and mentor_plan.existing
    assert mentor_plan.preview.unchanged == [
        "Enquête 2021 — promotions 3 et 4 — EIG : 20 répondants, inchangés",
        "Enquête 2019 — promotions 1 et 2 : 34 répondants, inchangée",
    ]
    apply_campaign(mentor_plan, "Ana")
    current = changes.current_tables(fresh_data)
    row = next(r for r in current["survey_campaigns"] if r["campaign"] == "enquete-2021")
    assert (row["invited_eig"], row["invited_mentor"], row["source_doc"]) == (
        "30",
        "20",
        "import-enquete-2021-eig",
    )

    again = plan(fresh_data, eig)
    assert [p.message for p in again.problems] == [
        "la campagne « enquete-2021 » a déjà 20 répondant(s) (EIG) : choisissez « remplacer » "
        "(Remplacer les réponses existantes, --replace) pour remplacer ces réponses"
    ]
    edited = eig.raw().replace(b'Non,Oui,"Dans', b'Non,Non,"Dans', 1)
    replaced = plan_campaign(fresh_data, eig.file, edited, **eig.options, replace=True)
    assert replaced.ok
    diff = replaced.change.diffs["survey_responses"]
    assert diff.changed == [] and len(diff.added) == len(diff.removed) == 1
    assert diff.added[0].startswith("enquete-2021 / R-EIG-001 / intention_admin_apres")
    assert replaced.change.diffs["survey_campaigns"].empty
    assert replaced.change.diffs["sources"].empty
    apply_campaign(replaced, "Ana")
    after = changes.current_tables(fresh_data)
    assert responses(after, "enquete-2019") == responses(current, "enquete-2019")
    mentors = [r for r in responses(after, "enquete-2021") if r["respondent_type"] == "mentor"]
    assert mentors == [
        r for r in responses(current, "enquete-2021") if r["respondent_type"] == "mentor"
    ]
    assert len(mentors) == 48


def test_delete_a_campaign_and_refuse_a_published_one(fresh_data: Path) -> None:
    original = changes.current_tables(fresh_data)
    eig, mentors = CASES[0], CASES[5]
    apply_campaign(plan(fresh_data, eig), "Ana")
    apply_campaign(plan(fresh_data, mentors, title="", year=None), "Ana")

    only_eig = plan_delete_campaign(fresh_data, "Enquete-2021", "eig")
    assert only_eig.problems == []
    changes.apply_change(only_eig, "Ana")
    current = changes.current_tables(fresh_data)
    row = next(r for r in current["survey_campaigns"] if r["campaign"] == "enquete-2021")
    assert (row["invited_eig"], row["source_doc"]) == ("", "import-enquete-2021-mentor")
    assert {r["source_doc"] for r in current["sources"]} - {
        r["source_doc"] for r in original["sources"]
    } == {"import-enquete-2021-mentor"}

    everything = plan_delete_campaign(fresh_data, "enquete-2021")
    assert everything.problems == []
    changes.apply_change(everything, "Ana")
    after = changes.current_tables(fresh_data)
    for name in ("survey_campaigns", "sources", "survey_responses"):
        assert after[name] == original[name]

    refused = plan_delete_campaign(fresh_data, "enquete-2019")
    assert [str(p) for p in refused.problems] == [
        "fichier survey_campaigns.csv : la campagne « enquete-2019 » ne peut pas être supprimée "
        ": 26 taux publiés (survey_published_figures) s'appuient sur ses réponses"
    ]
    unknown = plan_delete_campaign(fresh_data, "enquete-2099")
    assert unknown.problems[0].message == (
        "la campagne « enquete-2099 » n'existe pas (campagnes : enquete-2019)"
    )


def test_inputs_are_checked(fresh_data: Path) -> None:
    got = plan_campaign(
        fresh_data,
        "x.csv",
        CASES[0].raw(),
        campaign="Enquête 2021",
        title="",
        year=2010,
        questionnaire="eig",
        invited=-1,
        export_date="30/06/2021",
        promotion="EIG 9",
    )
    assert [p.message for p in got.problems][:6] == [
        "code de campagne « enquête 2021 » invalide : lettres minuscules, chiffres et tirets "
        "seulement (ex. enquete-2021)",
        "titre de la nouvelle campagne manquant",
        "année de la nouvelle campagne manquante ou invalide (2016 ou après)",
        "nombre d'invités négatif (-1)",
        "date d'export « 30/06/2021 » invalide (AAAA-MM-JJ)",
        "promotion « EIG 9 » inconnue",
    ]


def test_invalid_analyst_choice_and_personal_columns_stay_dropped(fresh_data: Path) -> None:
    case = CASES[2]
    got = plan(
        fresh_data,
        case,
        column_map={"commentaire_libre": "question_inconnue", "email": STAY},
    )
    assert got.problems[0].message == (
        "correspondance invalide : « commentaire_libre » → « question_inconnue » (une question du "
        "questionnaire, promotion, profile, respondent_type ou « ignorer »)"
    )
    email = next(c for c in got.columns if c.header == "email")
    assert email.kind == ec.PERSONAL  # never mapped onto a question


def test_headers_of_survey_tools_are_recognised(fresh_data: Path) -> None:
    questions = [
        q
        for q in changes.current_tables(fresh_data)["survey_questions"]
        if q["questionnaire"] == "eig"
    ]
    headers = [
        "intention_admin_apres. Après votre défi, souhaitez-vous",
        "[G01Q02] Après votre défi, souhaitez-vous continuer à travailler dans l'administration ?",
        "Promotion de l'EIG",
        "Type de répondant",
        "Votre e-mail",
        "Date de la dernière action",
        "Heure de soumission",
        "Avez-vous été contacté par mail pour le suivi ?",
    ]
    columns, invalid = ec.match_columns(headers, questions)
    assert invalid == []
    assert [(c.kind, c.target, c.how) for c in columns] == [
        (ec.QUESTION, STAY, "identifiant"),
        (ec.QUESTION, STAY, "intitulé"),
        (ec.ATTRIBUTE, "promotion", "attribut"),
        (ec.ATTRIBUTE, "respondent_type", "attribut"),
        (ec.PERSONAL, "", "donnée personnelle"),
        (ec.TECHNICAL, "", "colonne technique (LimeSurvey)"),
        (ec.TECHNICAL, "", "colonne technique (Framaforms)"),
        (ec.UNMATCHED, "", "non reconnue"),
    ]
    assert ec.detected_tool(columns) in {"LimeSurvey", "Framaforms"}


def test_a_long_file_row_with_a_cell_past_the_header_is_read(fresh_data: Path) -> None:
    case = CASES[4]
    header, first, *rest = case.raw().decode().split("\n")
    raw = "\n".join([header, first + ",note libre", *rest]).encode()
    got = plan_campaign(fresh_data, case.file, raw, **case.options)
    assert got.problems == [] and got.preview.respondents == 8
    assert responses(got.tables, "enquete-2024") == responses(
        plan(fresh_data, case).tables, "enquete-2024"
    )


def test_apply_stores_the_database_its_preview_built(
    fresh_data: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """No second build at apply: the preview's candidate is stored, stamped with the new
    data's fingerprint (no rebuild on the next page), and equal table by table to a build."""
    ensure_database(fresh_data)
    got = plan(fresh_data, CASES[0])

    def no_build(*args: object, **kwargs: object) -> None:
        raise AssertionError("database built again at apply")

    monkeypatch.setattr(store, "build_database", no_build)
    apply_campaign(got, "Ana")
    monkeypatch.undo()
    db = store.default_db_path(fresh_data)
    assert store.stored_fingerprint(db) == store.fingerprint(fresh_data)
    rebuilt = store.build_database(fresh_data, tmp_path / "rebuilt.duckdb")
    stored = database_rows(db)
    assert stored == database_rows(rebuilt)
    assert shares(fresh_data, CASES[0])["respondents"] == {"enquete-2019": 34, "enquete-2021": 20}


def database_rows(db: Path) -> dict[str, object]:
    """Every table's sorted content, except the build stamp."""
    con = connect(db)
    try:
        names = [r[0] for r in con.execute("SELECT table_name FROM duckdb_tables()").fetchall()]
        return {
            name: con.execute(f'SELECT * FROM "{name}" ORDER BY ALL').fetchall()
            for name in names
            if name != "build_info"
        }
    finally:
        con.close()
