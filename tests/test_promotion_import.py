"""A new promotion from one roster sheet: reading, checks, preview, storing, replace, undo, CLI.

The sheets (tests/data/rosters/, written by make_rosters.py) describe « EIG 5 » (2021): 12 EIG
on 5 défis — 3 designers, 4 developers and 1 data engineer (counted with development), 3 data
scientists, 1 « Juriste du numérique » (« autre ») — and 7 mentors, one on two défis.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
from pathlib import Path

import pytest

from eigdata import composition
from eigdata.__main__ import main as cli
from eigdata.errors import ValidationFailed
from eigdata.formatting import plain
from eigdata.ingest import changes, impact, promotion
from eigdata.ingest.detect import read_table
from eigdata.ingest.promotion import PromotionPlan, plan_promotion
from eigdata.schemas import datasets
from eigdata.storage import journal
from eigdata.storage.store import active_versions, connect, dataset_path, ensure_database
from tests.data.rosters import make_rosters

ROSTERS = Path(__file__).parent / "data" / "rosters"
XLSX = ROSTERS / "eig5.xlsx"
EXCEL_CSV = ROSTERS / "eig5-excel.csv"
UNKNOWN_ROLES = ROSTERS / "eig5-roles-inconnus.csv"
EXTRA_COLUMN = ROSTERS / "eig5-colonne-en-plus.xlsx"
ERRORS = ROSTERS / "eig5-erreurs.csv"
OTHERS = ["EIG 1", "EIG 2", "EIG 3", "DIG", "EIG 4"]
ROSTER = ["roster_defis", "roster_members", "roster_member_defis"]
TOUCHED = ["sources", "promotions", *ROSTER]
NEW_HOSTS = ["AESN", "Archives nationales", "Conseil d’État", "ONF"]
MIX = [  # group, label, EIG, share
    ("designer", "Designer", 3, 3 / 12),
    ("developer", "Développeur ou développeuse", 5, 5 / 12),
    ("data_scientist", "Data scientist", 3, 3 / 12),
    ("other", "Autre profil", 1, 1 / 12),
]


def plan(data: Path, path: Path = XLSX, name: str = "EIG 5", **options) -> PromotionPlan:
    return plan_promotion(data, path.name, path.read_bytes(), promotion=name, year=2021, **options)


def problems(found: PromotionPlan) -> list[str]:
    return [str(p) for p in found.problems]


def tree_hashes(folder: Path) -> dict[str, str]:
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def active_hashes(data: Path) -> dict[str, str]:
    """sha256 of the CSV each dataset is read from."""
    return {
        ds.name: hashlib.sha256(dataset_path(data, ds).read_bytes()).hexdigest()
        for ds in datasets().values()
    }


def composition_of(data: Path) -> tuple:
    """Figures and profile mix per promotion, on a fresh connection to the rebuilt database."""
    con = connect(ensure_database(data))
    try:
        return composition.promotion_figures(con), composition.profile_mix(con)
    finally:
        con.close()


def figure(figures, promotion_name: str, indicator: str) -> tuple:
    row = figures[(figures["promotion"] == promotion_name) & (figures["indicator"] == indicator)]
    assert len(row) == 1, (promotion_name, indicator)
    return float(row.iloc[0]["value"]), row.iloc[0]["origin"]


def of(frame, names: list[str]):
    return frame[frame["promotion"].isin(names)].reset_index(drop=True)


def sheet_texts() -> list[str]:
    """Every name and e-mail of the sheets, and each family name alone."""
    names = [r[0] for r in read_table(XLSX.name, XLSX.read_bytes()).rows]
    emails = [r[4] for r in read_table(EXTRA_COLUMN.name, EXTRA_COLUMN.read_bytes()).rows]
    family = [n.split(" ", 1)[1] for n in names]
    return sorted({t.casefold() for t in [*names, *emails, *family]})


def texts_found_under(folder: Path, texts: list[str]) -> list[str]:
    found = []
    for path in folder.rglob("*"):
        if path.is_file():
            content = path.read_bytes().decode("utf-8", errors="ignore").casefold()
            found += [f"{path.name}: {t}" for t in texts if t in content]
    return found


@pytest.fixture
def data(fresh_data: Path) -> Path:
    ensure_database(fresh_data)
    return fresh_data


def test_the_sheet_is_read_and_previewed_as_the_composition_page_will_show_it(
    data: Path,
) -> None:
    before = tree_hashes(data)
    found = plan(data, name="eig 5")
    assert problems(found) == []
    assert (found.promotion, found.programme, found.exists) == ("EIG 5", "EIG", False)
    assert found.detection.describe() == "classeur Excel (.xlsx), première feuille"
    assert [(c.name, c.target, c.how) for c in found.columns] == [
        (h, h, "reconnue") for h in promotion.COLUMNS
    ]
    preview = found.preview
    assert (preview.eig, preview.mentors, preview.defis) == (12, 7, 5)
    assert (preview.new_host_services, preview.returning_host_services) == (NEW_HOSTS, ["HAS"])
    assert [(g.group, g.label, g.count) for g in preview.profile_mix] == [m[:3] for m in MIX]
    assert [g.share for g in preview.profile_mix] == pytest.approx([m[3] for m in MIX])
    assert preview.unknown_profiles == [("Juriste du numérique", 1)]
    assert [plain(o.line()) for o in preview.others] == [
        "EIG 1 : 11 EIG, 9 défis — inchangée",
        "EIG 2 : 28 EIG, 13 défis — inchangée",
        "EIG 3 : 32 EIG, 15 défis — inchangée",
        "DIG : 20 EIG, 16 défis — inchangée",
        "EIG 4 : 41 EIG, 17 défis — inchangée",
    ]
    moved = [(c.label, c.before, c.after) for c in preview.figure_changes]
    assert moved == [
        ("Promotions (site)", "5", "6"),
        ("EIG et designers (site)", "130", "142"),
        ("Mentors (site)", "136", "143"),
        ("Défis (site)", "71", "76"),
        ("Services d'accueil (site)", "53", "57"),
        ("EIG 5 — EIG recrutés", "—", "12"),
        ("EIG 5 — Mentors", "—", "7"),
        ("EIG 5 — Défis", "—", "5"),
        ("EIG 5 — Services d'accueil", "—", "5"),
        ("EIG 5 — dont nouveaux services", "—", "4"),
        ("EIG 5 — dont services déjà accueillants", "—", "1"),
    ]
    assert moved == [
        (c.label, c.before, c.after) for c in impact.figure_changes_for(data, found.change.tables)
    ]
    assert plain(found.preview.hosts_line()) == (
        "Services d'accueil : 4 nouveaux (AESN, Archives nationales, Conseil d’État, ONF), "
        "1 déjà accueillant (HAS)."
    )
    assert {n: d.describe() for n, d in found.change.diffs.items()} == {
        "sources": "1 ajoutée(s), 0 supprimée(s), 0 modifiée(s)",
        "promotions": "1 ajoutée(s), 0 supprimée(s), 0 modifiée(s)",
        "roster_defis": "5 ajoutée(s), 0 supprimée(s), 0 modifiée(s)",
        "roster_members": "19 ajoutée(s), 0 supprimée(s), 0 modifiée(s)",
        "roster_member_defis": "20 ajoutée(s), 0 supprimée(s), 0 modifiée(s)",
        "roster_defi_key_figures": "0 ajoutée(s), 0 supprimée(s), 0 modifiée(s)",
    }
    assert tree_hashes(data) == before  # the plan wrote nothing


def test_the_french_excel_csv_gives_the_same_tables(data: Path) -> None:
    from_xlsx, from_csv = plan(data), plan(data, EXCEL_CSV)
    assert problems(from_csv) == []
    assert from_csv.detection.describe() == (
        "CSV, encodage Windows-1252 (Latin-1), séparateur point-virgule « ; », décimale point, "
        "fins de ligne CRLF"
    )
    assert [(c.name, c.target) for c in from_csv.columns] == [
        ("Nom", "Personne"),
        ("Role", "Rôle"),
        ("Profile", "Profil"),
        ("Projet", "Défi"),
        ("Administration d'accueil", "Administration"),
        ("Service d'accueil", "Service"),
        ("Ville", "Ville"),
        ("Durée (mois)", "Durée (mois)"),
    ]

    def tables(found: PromotionPlan, file_name: str) -> dict:
        return {
            name: [{k: v.replace(file_name, "FEUILLE") for k, v in r.items()} for r in rows]
            for name, rows in found.change.tables.items()
        }

    assert tables(from_csv, EXCEL_CSV.name) == tables(from_xlsx, XLSX.name)


def test_stored_rows_are_pseudonymous_and_complete(data: Path) -> None:
    found = plan(data)
    today = dt.date.today().isoformat()
    origin = f"feuille de promotion eig5.xlsx, importée le {today}"
    tables = found.change.tables
    assert tables["sources"][-1] == {
        "source_doc": "import-promotion-eig-5",
        "short_title": "Feuille de la promotion EIG 5",
        "title": f"Feuille de la promotion EIG 5 (eig5.xlsx, importée le {today})",
        "publisher": "Programme EIG (import d'une feuille de promotion)",
        "published": today,
        "language": "fr",
    }
    assert tables["promotions"][-1] == {
        "promotion": "EIG 5",
        "programme": "EIG",
        "year": "2021",
        "sort_order": "6",
        "duration_months": "10",
        "start_month": "",
        "label_en": "EIG class 5",
        "source_doc": "import-promotion-eig-5",
        "source_section": "feuille de promotion « eig5.xlsx »",
        "note": f"importée le {today} depuis la feuille de la promotion",
    }
    defis = {r["defi_id"]: r for r in tables["roster_defis"] if r["promotion"] == "EIG 5"}
    assert {
        k: (r["administration"], r["host_service"], r["n_eig"], r["n_mentor"], r["duration_months"])
        for k, r in defis.items()
    } == {
        "2021-datasante-360": ("Haute autorité de santé", "HAS", "3", "2", "10"),
        "2021-forets-ouvertes": ("Office national des forêts", "ONF", "2", "2", "10"),
        "2021-jurisprudence-augmentee": ("Conseil d’État", "Conseil d’État", "3", "1", "10"),
        "2021-eau-claire": ("Agence de l'eau Seine-Normandie", "AESN", "2", "2", "10"),
        "2021-archives-vivantes": ("Archives nationales", "Archives nationales", "2", "1", "12"),
    }
    assert defis["2021-datasante-360"]["host_perimeter"] == "Autorité indépendante"  # from EIG 4
    assert {r["source"] for r in defis.values()} == {origin}
    members = [r for r in tables["roster_members"] if r["first_promotion"] == "EIG 5"]
    assert [r["member_id"] for r in members] == [f"P{n}" for n in range(269, 288)]
    assert [r["role"] for r in members].count("eig") == 12
    assert [r["profile_norm"] for r in members if r["role"] == "eig"] == [
        "developer", "data_scientist", "designer", "data_scientist", "data_engineer",
        "Juriste du numérique", "developer", "designer", "data_scientist", "developer",
        "designer", "developer",
    ]  # fmt: skip
    shared = next(r for r in members if r["n_defis"] == "2")
    assert (shared["member_id"], shared["role"], shared["promotions"]) == (
        "P276",
        "mentor",
        "EIG 5",
    )
    links = [r for r in tables["roster_member_defis"] if r["promotion"] == "EIG 5"]
    assert sorted(r["defi_id"] for r in links if r["member_id"] == "P276") == [
        "2021-eau-claire",
        "2021-forets-ouvertes",
    ]
    assert {(r["is_programme_team"], r["role_source"], r["source"]) for r in links} == {
        ("0", "feuille de promotion", origin)
    }
    assert {r["profile_norm"] for r in links if r["role_in_defi"] == "mentor"} == {""}


def test_apply_counts_on_a_fresh_connection_others_unchanged_no_names_then_undo(
    data: Path,
) -> None:
    before_hashes = active_hashes(data)
    before_figures, before_mix = composition_of(data)
    texts = sheet_texts()
    assert len(texts_found_under(ROSTERS, texts)) > 50  # the search does find them
    assert texts_found_under(data, texts) == []

    result = promotion.apply_promotion(plan(data), "Ana")
    assert result.message == (
        "Import n° 1 enregistré (promotion EIG 5) : « sources » version 1, « promotions » "
        "version 1, « roster_defis » version 1, « roster_members » version 1, "
        "« roster_member_defis » version 1."
    )
    assert active_versions(data) == {name: 1 for name in TOUCHED}
    figures, mix = composition_of(data)
    assert {
        k: figure(figures, "EIG 5", k)
        for k in ("eig", "mentors", "defis", "host_administrations", "new_host_services",
                  "returning_host_services")
    } == {
        "eig": (12, "site"),
        "mentors": (7, "site"),
        "defis": (5, "site"),
        "host_administrations": (5, "site"),
        "new_host_services": (4, "site"),
        "returning_host_services": (1, "site"),
    }  # fmt: skip
    mine = of(mix, ["EIG 5"])
    assert list(zip(mine["profile_group"], mine["roster_count"], strict=True)) == [
        (g, n) for g, _, n, _ in MIX
    ]
    assert mine["roster_share"].tolist() == pytest.approx([m[3] for m in MIX])
    assert mine["promotion_eig"].unique().tolist() == [12]
    assert of(figures, OTHERS).equals(of(before_figures, OTHERS))
    assert of(mix, OTHERS).equals(of(before_mix, OTHERS))
    eig2 = mix.set_index(["promotion", "profile_group"]).loc[("EIG 2", "data_scientist")]
    assert eig2["roster_share"] == pytest.approx(0.5)
    assert composition.promotion_names(connect(ensure_database(data))) == [*OTHERS, "EIG 5"]
    assert texts_found_under(data, texts) == []  # CSVs, versions, mapping, journal, database
    assert journal.history(data)["scope"].unique().tolist() == ["promotion EIG 5"]

    undone = changes.undo_change(data, result.change, "Ana")
    assert undone.versions == {name: 0 for name in TOUCHED}
    assert active_hashes(data) == before_hashes
    figures, mix = composition_of(data)
    assert figures.equals(before_figures) and mix.equals(before_mix)


def test_an_existing_promotion_needs_replace_and_then_only_it_changes(data: Path) -> None:
    first = promotion.apply_promotion(plan(data), "Ana")
    refused = plan(data, EXCEL_CSV, "eig 5")
    assert refused.exists and refused.preview is None
    assert problems(refused) == [
        "fichier eig5-excel.csv : la promotion EIG 5 existe déjà : cochez « remplacer »"
    ]
    before_figures, before_mix = composition_of(data)

    replaced = plan(data, EXCEL_CSV, "eig 5", replace=True)
    assert problems(replaced) == []
    assert {n: d.describe() for n, d in replaced.change.diffs.items() if n in ROSTER} == {
        "roster_defis": "0 ajoutée(s), 0 supprimée(s), 5 modifiée(s)",  # same ids, new source
        "roster_members": "19 ajoutée(s), 19 supprimée(s), 0 modifiée(s)",
        "roster_member_defis": "20 ajoutée(s), 20 supprimée(s), 0 modifiée(s)",
    }
    assert [plain(o.line()) for o in replaced.preview.others][-1] == (
        "EIG 4 : 41 EIG, 17 défis — inchangée"
    )
    second = promotion.apply_promotion(replaced, "Ana")
    assert second.change == first.change + 1
    figures, mix = composition_of(data)
    assert figures.equals(before_figures) and mix.equals(before_mix)
    members = changes.current_tables(data)["roster_members"]
    assert len(members) == 268 + 19
    assert [r["member_id"] for r in members if r["first_promotion"] == "EIG 5"] == [
        f"P{n}" for n in range(288, 307)
    ]
    promotions = changes.current_tables(data)["promotions"]
    assert [(r["promotion"], r["sort_order"]) for r in promotions][-1] == ("EIG 5", "6")


def test_replacing_a_shipped_promotion_keeps_members_shared_with_others(data: Path) -> None:
    found = plan(data, name="EIG 4", replace=True)
    assert problems(found) == []
    members = {r["member_id"]: r for r in found.change.tables["roster_members"]}
    changed = found.change.diffs["roster_members"].changed
    assert changed == ["P089", "P098", "P134", "P152"]
    assert all("EIG 4" not in members[m]["promotions"].split(";") for m in changed)
    assert len(found.change.diffs["roster_members"].removed) == 86
    assert found.change.diffs["roster_defi_key_figures"].describe() == (
        "0 ajoutée(s), 35 supprimée(s), 0 modifiée(s)"
    )
    assert [plain(o.line()) for o in found.preview.others] == [
        "EIG 1 : 11 EIG, 9 défis — inchangée",
        "EIG 2 : 28 EIG, 13 défis — inchangée",
        "EIG 3 : 32 EIG, 15 défis — inchangée",
        "DIG : 20 EIG, 16 défis — inchangée",
    ]
    assert found.preview.new_host_services == sorted([*NEW_HOSTS, "HAS"])


def test_unknown_roles_are_one_grouped_problem(data: Path) -> None:
    found = plan(data, UNKNOWN_ROLES, "dig 2")
    assert (found.promotion, found.programme) == ("DIG 2", "DIG")
    assert found.detection.describe().startswith("CSV, encodage UTF-8 avec BOM")
    assert problems(found) == [
        "fichier eig5-roles-inconnus.csv, colonne « Rôle » : rôle inconnu « Stagiaire » "
        "(attendu : EIG ou Mentor) — lignes 4 à 6 et 15 (4 lignes)"
    ]
    with pytest.raises(ValidationFailed):
        promotion.apply_promotion(found, "Ana")


def test_missing_values_two_profiles_and_two_administrations(data: Path) -> None:
    found = plan(data, ERRORS)
    assert problems(found) == [
        "fichier eig5-erreurs.csv, colonne « Projet » : valeur obligatoire manquante — lignes 8 "
        "et 9 (2 lignes)",
        "fichier eig5-erreurs.csv, colonne « Nom » : valeur obligatoire manquante — ligne 12",
        "fichier eig5-erreurs.csv, colonne « Profile » : un même EIG a deux profils différents "
        "(« Développeuse », « Data Scientist ») — lignes 2 et 22 (2 lignes)",
        "fichier eig5-erreurs.csv, colonne « Administration d'accueil » : le défi « Eau claire » "
        "est rattaché à deux administrations (« Agence de l'eau Seine-Normandie », « Agence de "
        "l'eau Loire-Bretagne ») — lignes 15 à 18 et 22 (5 lignes)",
    ]


def test_settings_are_checked_with_the_sheet(data: Path) -> None:
    found = plan(data, UNKNOWN_ROLES, "EIG 4", programme="XYZ", duration_months=30)
    assert problems(found) == [
        "fichier eig5-roles-inconnus.csv : programme inconnu « XYZ » (EIG ou DIG)",
        "fichier eig5-roles-inconnus.csv : durée invalide : 30 mois (entre 1 et 24)",
        "fichier eig5-roles-inconnus.csv : la promotion EIG 4 existe déjà : cochez « remplacer »",
        "fichier eig5-roles-inconnus.csv, colonne « Rôle » : rôle inconnu « Stagiaire » "
        "(attendu : EIG ou Mentor) — lignes 4 à 6 et 15 (4 lignes)",
    ]


def test_an_unmatched_column_blocks_until_mapped_and_is_never_stored(data: Path) -> None:
    blocked = plan(data, EXTRA_COLUMN)
    assert [c.name for c in blocked.unmatched] == ["Courriel"]
    assert problems(blocked) == [
        "fichier eig5-colonne-en-plus.xlsx, colonne « Courriel » : colonne non reconnue : "
        "associez-la à une colonne (« Personne », « Rôle », « Profil », « Défi », "
        "« Administration », « Service », « Ville », « Durée (mois) ») ou à « ignorer »"
    ]
    assert [(c.name, c.how) for c in blocked.columns][-1] == ("Commentaire", "vide, ignorée")

    mapping = promotion.read_mapping(b"colonne,question\r\nCourriel,Ignorer\r\n")
    assert mapping == {"Courriel": "Ignorer"}
    found = plan(data, EXTRA_COLUMN, column_map=mapping)
    assert problems(found) == [] and found.preview.eig == 12
    assert [(c.name, c.target, c.how) for c in found.columns if c.name == "Courriel"] == [
        ("Courriel", "ignorer", "choisie par l'analyste")
    ]
    promotion.apply_promotion(found, "Ana")
    (stored,) = (data / "versions" / "mappings").glob("*.csv")
    assert stored.name == f"import-promotion-eig-5-{found.checksum[:12]}.csv"
    assert stored.read_text(encoding="utf-8").splitlines() == [
        "colonne,question",
        *(f"{h},{h}" for h in ["Personne", "Rôle", "Profil", "Défi"]),
        "Courriel,ignorer",
        *(f"{h},{h}" for h in ["Administration", "Service", "Ville", "Durée (mois)"]),
        "Commentaire,ignorer",
    ]
    assert promotion.read_mapping(stored.read_bytes())["Courriel"] == "ignorer"
    assert texts_found_under(data, sheet_texts()) == []


@pytest.mark.parametrize(
    ("text", "role"),
    [
        ("EIG", "eig"),
        ("eig", "eig"),
        ("Entrepreneur", "eig"),
        ("Designer d’intérêt général", "eig"),
        ("MENTOR", "mentor"),
        ("Encadrante", "mentor"),
        ("Stagiaire", None),
    ],
)
def test_roles(text: str, role: str | None) -> None:
    assert promotion.role_of(text) == role


@pytest.mark.parametrize(
    ("header", "column"),
    [
        ("Name", "Personne"),
        ("Host administration", "Administration"),
        ("Challenge", "Défi"),
        ("DUREE (MOIS)", "Durée (mois)"),
        ("Duration (months)", "Durée (mois)"),
        ("Service d’accueil", "Service"),
        ("Courriel", None),
    ],
)
def test_headers(header: str, column: str | None) -> None:
    assert promotion.target_of(header) == column


def test_command_line_previews_then_stores_with_yes(
    data: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    base = ["import-promotion", str(EXCEL_CSV), "--promotion", "EIG 5", "--year", "2021"]
    base += ["--data", str(data)]
    before = active_hashes(data)
    assert cli(base) == 0
    out = plain(capsys.readouterr().out)
    assert "Détecté : CSV, encodage Windows-1252 (Latin-1), séparateur point-virgule" in out
    assert "  « Projet » → Défi (reconnue)" in out
    assert "Promotion EIG 5 : 12 EIG, 7 mentors, 5 défis." in out
    assert (
        "Profils (page Composition) : Designer 3 (25 %) ; Développeur ou développeuse 5 (42 %) ; "
        "Data scientist 3 (25 %) ; Autre profil 1 (8 %)."
    ) in out
    assert "  EIG 4 : 41 EIG, 17 défis — inchangée" in out
    assert out.rstrip().endswith("Aperçu seulement : relancez avec --yes pour enregistrer.")
    assert active_hashes(data) == before

    assert cli([*base, "--yes", "--user", "Ana"]) == 0
    out = capsys.readouterr().out
    assert "Import n° 1 enregistré (promotion EIG 5)" in out
    assert "Numéro de l'import : 1 (pour l'annuler : python -m eigdata undo 1)" in out
    assert active_versions(data) == {name: 1 for name in TOUCHED}

    assert cli(base) == 1
    assert "la promotion EIG 5 existe déjà : cochez « remplacer »" in capsys.readouterr().err


def test_command_line_reports_grouped_problems_and_reads_a_mapping(
    data: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    base = ["import-promotion", "--promotion", "EIG 5", "--year", "2021", "--data", str(data)]
    assert cli([*base, str(UNKNOWN_ROLES)]) == 1
    err = capsys.readouterr().err
    assert "rôle inconnu « Stagiaire » (attendu : EIG ou Mentor) — lignes 4 à 6 et 15" in err
    mapping = tmp_path / "colonnes.csv"
    with mapping.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows([["colonne", "question"], ["Courriel", "ignorer"]])
    assert cli([*base, str(EXTRA_COLUMN), "--mapping", str(mapping)]) == 0
    assert "  « Courriel » → ignorer (choisie par l'analyste)" in capsys.readouterr().out


def sheet(rows: list[list[str]]) -> bytes:
    """A variant of the EIG 5 sheet, saved as French Excel writes CSV."""
    return make_rosters.french_excel([make_rosters.HEADER, *rows])


def test_one_profile_written_two_ways_is_one_profile_and_months_are_read(data: Path) -> None:
    rows = make_rosters.text_rows()
    rows.append(["CAMILLE VASSEUR", "EIG", "Développeur·se", *map(str, make_rosters.D4)])
    rows[-1][-1] = "10 mois"
    found = plan_promotion(
        data, "variante.csv", sheet(rows), promotion="EIG 5", year=2021, duration_months=9
    )
    assert problems(found) == []
    assert (found.preview.eig, found.preview.mentors) == (12, 7)
    members = [r for r in found.change.tables["roster_members"] if r["member_id"] == "P269"]
    assert [(r["profile_norm"], r["n_defis"]) for r in members] == [("developer", "2")]
    defis = {r["title"]: r for r in found.change.tables["roster_defis"] if r["year"] == "2021"}
    assert (defis["Eau claire"]["n_eig"], defis["Eau claire"]["duration_months"]) == ("3", "10")
    assert found.change.tables["promotions"][-1]["duration_months"] == "9"


def test_a_duration_that_is_not_a_number_of_months(data: Path) -> None:
    rows = make_rosters.text_rows()
    rows[2][-1] = rows[3][-1] = "douze"
    found = plan_promotion(data, "variante.csv", sheet(rows), promotion="EIG 5", year=2021)
    assert problems(found) == [
        "fichier variante.csv, colonne « Durée (mois) » : durée invalide « douze » (un nombre de "
        "mois entre 1 et 24) — lignes 4 et 5 (2 lignes)"
    ]
