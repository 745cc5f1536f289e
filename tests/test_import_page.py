"""The import and history pages end to end (AppTest): bad file, preview with figures that move,
confirmation, figures moved, history, rollback; survey uploads as survey tools export them."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from eigdata.formatting import plain
from eigdata.ingest import plan_import
from eigdata.storage.store import DATA_DIR
from tests.test_ingest import tree_hashes
from widgets import md_escape

ROOT = Path(__file__).resolve().parent.parent
HERE = Path(__file__).parent / "data"
FRENCH = HERE / "good" / "pia_budget_excel_fr.csv"
BAD = HERE / "bad" / "04_value_not_allowed.csv"
EXPECTED = json.loads((HERE / "bad" / "expected.json").read_text(encoding="utf-8"))
ROLE = {"eig_analyst": True}


def page(name: str, analyst: bool = True) -> AppTest:
    at = AppTest.from_file(str(ROOT / "pages" / name), default_timeout=90)
    if analyst:
        at.session_state["eig_analyst"] = True
    return at.run()


def budget_total() -> str:
    at = AppTest.from_file(str(ROOT / "pages/budget.py"), default_timeout=90).run()
    return plain(next(m.value for m in at.metric if m.label == "Dépenses (sélection)"))


def upload(at: AppTest, path: Path, name: str | None = None, raw: bytes | None = None) -> None:
    at.file_uploader[0].set_value((name or path.name, raw or path.read_bytes(), "text/csv"))
    at.run()


def test_whole_flow_bad_file_preview_confirm_history_rollback(data: Path) -> None:
    assert budget_total() == "5 134 558,47 €"
    before = tree_hashes(data)
    at = page("import_donnees.py")
    assert not at.exception
    at.radio(key="import-mode").set_value("table").run()
    at.selectbox[0].set_value("pia_budget").run()
    labels = [b.label for b in at.get("download_button")]
    assert labels[:3] == [
        "Modèle CSV (virgule)",
        "Modèle CSV pour Excel (point-virgule)",
        "Modèle Excel avec instructions",
    ]

    upload(at, BAD)
    assert [e.value for e in at.error] == [
        "1 problème(s) distinct(s) sur 1 ligne(s) dans le fichier : rien n'a été enregistré."
    ]
    shown = "\n".join(m.value for m in at.markdown)
    assert f"- {md_escape(EXPECTED[BAD.name]['lines'][0])}" in shown
    assert "Télécharger en CSV (virgule)" in [b.label for b in at.get("download_button")]
    assert tree_hashes(data) == before

    upload(at, FRENCH)
    assert not at.exception and [e.value for e in at.error] == []
    assert "**Détecté :** CSV, encodage Windows-1252 (Latin-1), séparateur point-virgule" in (
        "\n".join(m.value for m in at.markdown)
    )
    metrics = {m.label: m.value for m in at.metric}
    assert (metrics["Lignes ajoutées"], metrics["Lignes supprimées"]) == ("1", "0")
    moved = at.dataframe[-1].value.map(plain).values.tolist()
    assert ["Budget PIA", "Total — dépenses", "5 134 558,47 €", "6 369 126,36 €"] in moved
    assert ["Budget PIA", "EIG 4 — dépenses", "—", "1 234 567,89 €"] in moved
    assert tree_hashes(data) == before  # the preview wrote nothing

    at.button(key="confirm-import").click().run()
    assert not at.exception
    assert [s.value for s in at.success] == [
        "Import enregistré : « pia_budget » version 1 (16 ligne(s) : 1 ajoutée(s), "
        "0 supprimée(s), 0 modifiée(s))."
    ]
    audit = at.dataframe[0].value
    assert audit.loc[0, ["Par", "Action", "Version", "Fichier"]].tolist() == [
        "analyste (mot de passe)",
        "import",
        1,
        FRENCH.name,
    ]
    # the file is still in the uploader: the same file again changes nothing
    assert [i.value for i in at.info] == [
        "Fichier identique à la version active (même empreinte) : rien ne changera."
    ]
    assert budget_total() == "6 369 126,36 €"

    history = page("historique.py")
    assert not history.exception
    journal = history.dataframe[0].value
    assert journal[["Action", "Jeu de données", "Version"]].values.tolist() == [
        ["import", "pia_budget", 1]
    ]
    history.button(key="rollback-pia_budget-0").click().run()
    assert history.warning[0].value.startswith("« Budget PIA par promotion » reviendra à la")
    assert budget_total() == "6 369 126,36 €"  # nothing before the confirmation
    history.button(key="rollback-confirm").click().run()
    assert [s.value for s in history.success] == [
        "« pia_budget » revient à la version 0 (retour en arrière enregistré)."
    ]
    assert history.dataframe[0].value["Action"].tolist() == ["retour en arrière", "import"]
    assert budget_total() == "5 134 558,47 €"


def test_many_problems_show_the_first_twenty_and_the_count(data: Path) -> None:
    lines = (DATA_DIR / "pia_budget.csv").read_text(encoding="utf-8").splitlines()
    broken = [lines[0]] + [
        line.replace("réalisé", f"fait {i}") for i, line in enumerate(lines[1:] * 2)
    ]
    at = page("import_donnees.py")
    at.radio(key="import-mode").set_value("table").run()
    at.selectbox[0].set_value("pia_budget").run()
    upload(at, BAD, "budget.csv", "\n".join(broken).encode())
    (error,) = [e.value for e in at.error]
    count = int(error.split(" ")[0])
    assert count > 20
    assert error == (
        f"{count} problème(s) distinct(s) sur 25 ligne(s) dans le fichier : rien n'a été "
        "enregistré. Les 20 premiers :"
    )
    items = [m.value for m in at.markdown if m.value.startswith("- fichier budget.csv")]
    assert len(items) == 1 and items[0].count("\n- ") == 19


def test_roster_upload_with_unknown_promotion_offers_the_promotions_file(data: Path) -> None:
    text = (DATA_DIR / "roster_defis.csv").read_text(encoding="utf-8")
    at = page("import_donnees.py")
    at.radio(key="import-mode").set_value("table").run()
    at.selectbox[0].set_value("roster_defis").run()
    upload(at, BAD, "defis.csv", text.replace(",EIG 1,EIG,2017,", ",EIG 9,EIG,2017,", 1).encode())
    assert "Promotion(s) inconnue(s) : « EIG 9 »." in at.info[0].value
    labels = [b.label for b in at.get("download_button")]
    assert "Fichier des promotions à compléter" in labels


def test_refused_without_role_even_with_data(data: Path) -> None:
    at = page("import_donnees.py", analyst=False)
    assert len(at.file_uploader) == 0
    assert at.warning[0].value.startswith("Cette page est réservée aux analystes.")


def survey_export(wide: bool) -> bytes:
    """The shipped responses re-exported: question wording, upper-case answer labels, `;`."""
    questions = {
        r["question_id"]: r["label_fr"]
        for r in csv.DictReader((DATA_DIR / "survey_questions.csv").open(encoding="utf-8"))
    }
    labels = {
        (r["question_id"], r["answer"]): r["label_fr"]
        for r in csv.DictReader((DATA_DIR / "survey_answer_options.csv").open(encoding="utf-8"))
    }
    rows = list(csv.DictReader((DATA_DIR / "survey_responses.csv").open(encoding="utf-8")))
    out = io.StringIO()
    if not wide:
        writer = csv.DictWriter(out, list(rows[0]), delimiter=";")
        writer.writeheader()
        for r in rows:
            answer = labels.get((r["question_id"], r["answer"]), "Sans réponse").upper()
            writer.writerow({**r, "question_id": questions[r["question_id"]], "answer": answer})
        return out.getvalue().encode("utf-8")
    identity = ["campaign", "respondent_id", "respondent_type", "promotion", "profile"]
    people: dict[tuple, dict[str, list[str]]] = {}
    for r in rows:
        answers = people.setdefault(tuple(r[c] for c in identity), {})
        answers.setdefault(r["question_id"], []).append(r["answer"])
    writer = csv.writer(out)
    writer.writerow(identity + [questions[q] for q in questions])
    for person, answers in people.items():
        writer.writerow([*person, *(" | ".join(answers.get(q, [])) for q in questions)])
    return out.getvalue().encode("utf-8")


@pytest.mark.parametrize("wide", [False, True], ids=["long", "wide"])
def test_survey_export_with_wording_and_labels_is_the_same_data(
    fresh_data: Path, wide: bool
) -> None:
    plan = plan_import(fresh_data, "survey_responses", "export.csv", survey_export(wide))
    assert [str(p) for p in plan.problems] == []
    assert plan.changes_nothing
    assert plan.summary() == "Même contenu que la version active : rien ne changera."


def test_survey_answer_not_allowed_for_its_question(fresh_data: Path) -> None:
    text = (DATA_DIR / "survey_responses.csv").read_text(encoding="utf-8")
    first = text.splitlines()[1]
    wrong = text.replace(first, first.rsplit(",", 1)[0] + ",Peut-être", 1)
    plan = plan_import(fresh_data, "survey_responses", "export.csv", wrong.encode())
    assert [str(p) for p in plan.problems] == [
        "fichier export.csv, ligne 2, colonne « answer » : « Peut-être » n'est pas une réponse "
        "possible à la question « intention_admin_avant » (réponses permises : « ne_sait_pas », "
        "« non », « oui », « sans_reponse »)"
    ]


def test_pages_follow_an_import_made_from_the_command_line(data: Path) -> None:
    from eigdata.__main__ import main as cli

    assert budget_total() == "5 134 558,47 €"  # the connection is now cached
    assert cli(["import", "pia_budget", str(FRENCH), "--data", str(data), "--yes"]) == 0
    assert budget_total() == "6 369 126,36 €"


def test_file_content_is_shown_literally() -> None:
    shown = md_escape("<script>alert(1)</script> **gras** [lien](http://x) $x$ :red[rouge]")
    assert shown == (
        r"\<script\>alert(1)\</script\> \*\*gras\*\* \[lien\](http://x) \$x\$ :red\[rouge\]"
    )
