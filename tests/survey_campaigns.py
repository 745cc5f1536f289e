"""Test data: two more survey campaigns with exactly known answers, appended to a copy of
the data directory (survey_campaigns.csv, sources.csv, survey_responses.csv), as the data
files are written (UTF-8, comma, "\\n" line ends, columns in schema order).

« enquete-2021 » — EIG questionnaire only: 20 EIG of EIG 3 (12) and EIG 4 (8).
    intention_admin_apres: 14 oui, 4 non, 2 ne_sait_pas (14 sur 20)
    intention_admin_avant: 6 oui, 12 non, 1 ne_sait_pas, 1 sans_reponse (6 sur 19)
    outils_maintenus: 15 oui, 5 non (15 sur 20); expertise_etalab: 8 oui, 12 non
« enquete-2022 » — both questionnaires: 12 EIG (EIG 4: 9, DIG: 3 designers) and 8 mentors
    (EIG 4: 6, DIG: 2).
    intention_admin_apres: 8 oui, 3 non, 1 ne_sait_pas (8 sur 12; DIG alone: 3 EIG)
    intention_admin_avant: 4 oui, 8 non (4 sur 12)
    outils_maintenus: EIG 8 oui, 4 non; mentors 6 oui, 2 non (14 sur 20)
    statut_outil (mentors): 4 en_production, 2 en_developpement_prevue,
    1 en_developpement_non_prevue, 1 sans_reponse
"""

from __future__ import annotations

import csv
from pathlib import Path

from eigdata.schemas import dataset

TITLE_2021 = "Enquête 2021 — promotions 3 et 4"
TITLE_2022 = "Enquête 2022 — promotion 4 et DIG"
SOURCES = [
    {
        "source_doc": "export-enquete-eig-2021.csv",
        "short_title": "Export de l'enquête 2021",
        "title": "Export des réponses au questionnaire aux EIG, automne 2021",
        "publisher": "DINUM (programme EIG)",
        "published": "2021-10",
        "language": "fr",
    },
    {
        "source_doc": "export-enquete-eig-2022.csv",
        "short_title": "Export de l'enquête 2022",
        "title": "Export des réponses aux questionnaires aux EIG et aux mentors, automne 2022",
        "publisher": "DINUM (programme EIG)",
        "published": "2022-10",
        "language": "fr",
    },
]
CAMPAIGNS = [
    {
        "campaign": "enquete-2021",
        "title": TITLE_2021,
        "year": "2021",
        "reconstructed": "false",
        "invited_eig": "31",
        "invited_mentor": "",
        "source_doc": "export-enquete-eig-2021.csv",
        "source_section": "Questionnaire aux EIG (seul questionnaire de la campagne)",
        "note": "Réponses exportées de l'outil d'enquête ; identifiants pseudonymes",
    },
    {
        "campaign": "enquete-2022",
        "title": TITLE_2022,
        "year": "2022",
        "reconstructed": "false",
        "invited_eig": "16",
        "invited_mentor": "12",
        "source_doc": "export-enquete-eig-2022.csv",
        "source_section": "Questionnaires aux EIG et aux mentors",
        "note": "Réponses exportées de l'outil d'enquête ; identifiants pseudonymes",
    },
]
# Respondents, in id order: (type, promotion, profile, how many).
PEOPLE = {
    "enquete-2021": [
        ("eig", "EIG 3", "developer", 5),
        ("eig", "EIG 3", "data_scientist", 4),
        ("eig", "EIG 3", "designer", 3),
        ("eig", "EIG 4", "developer", 4),
        ("eig", "EIG 4", "data_scientist", 2),
        ("eig", "EIG 4", "designer", 2),
    ],
    "enquete-2022": [
        ("eig", "EIG 4", "developer", 5),
        ("eig", "EIG 4", "data_scientist", 4),
        ("eig", "DIG", "designer", 3),
        ("mentor", "EIG 4", "", 6),
        ("mentor", "DIG", "", 2),
    ],
}
# Answers per question, in respondent order of the questionnaire's respondents: (code, count).
ANSWERS = {
    "enquete-2021": {
        "eig": {
            "intention_admin_avant": [
                ("oui", 4), ("non", 7), ("sans_reponse", 1),  # EIG 3
                ("oui", 2), ("non", 5), ("ne_sait_pas", 1),  # EIG 4
            ],
            "intention_admin_apres": [
                ("oui", 9), ("non", 2), ("ne_sait_pas", 1),
                ("oui", 5), ("non", 2), ("ne_sait_pas", 1),
            ],
            "outils_maintenus": [("oui", 10), ("non", 2), ("oui", 5), ("non", 3)],
            "expertise_etalab": [("oui", 6), ("non", 6), ("oui", 2), ("non", 6)],
        },
    },
    "enquete-2022": {
        "eig": {
            "intention_admin_avant": [("oui", 3), ("non", 6), ("oui", 1), ("non", 2)],
            "intention_admin_apres": [
                ("oui", 6), ("non", 2), ("ne_sait_pas", 1),  # EIG 4
                ("oui", 2), ("non", 1),  # DIG
            ],
            "outils_maintenus": [("oui", 6), ("non", 3), ("oui", 2), ("non", 1)],
        },
        "mentor": {
            "statut_outil": [
                ("en_production", 3), ("en_developpement_prevue", 2),
                ("en_developpement_non_prevue", 1),  # EIG 4
                ("en_production", 1), ("sans_reponse", 1),  # DIG
            ],
            "outils_maintenus": [("oui", 5), ("non", 1), ("oui", 1), ("non", 1)],
        },
    },
}  # fmt: skip


def add_campaigns(folder: Path) -> Path:
    """Append the 2021 and 2022 campaigns to the data CSVs of `folder`; return `folder`."""
    append_rows(folder, "sources", SOURCES)
    append_rows(folder, "survey_campaigns", CAMPAIGNS)
    for campaign in PEOPLE:
        append_rows(folder, "survey_responses", response_rows(campaign))
    return folder


def response_rows(campaign: str) -> list[dict[str, str]]:
    """The long-format rows of a campaign: one per respondent and question."""
    people = _respondents(campaign)
    rows = []
    for kind, questions in ANSWERS[campaign].items():
        group = [p for p in people if p["respondent_type"] == kind]
        for question, counts in questions.items():
            answers = [code for code, count in counts for _ in range(count)]
            assert len(answers) == len(group), (campaign, question)
            for person, answer in zip(group, answers, strict=True):
                rows.append(
                    {**person, "campaign": campaign, "question_id": question, "answer": answer}
                )
    return rows


def _respondents(campaign: str) -> list[dict[str, str]]:
    people, numbers = [], {"eig": 0, "mentor": 0}
    for kind, promotion, profile, count in PEOPLE[campaign]:
        for _ in range(count):
            numbers[kind] += 1
            prefix = "R-EIG" if kind == "eig" else "R-MEN"
            people.append(
                {
                    "respondent_id": f"{prefix}-{numbers[kind]:02d}",
                    "respondent_type": kind,
                    "promotion": promotion,
                    "profile": profile,
                }
            )
    return people


def append_rows(folder: Path, name: str, rows: list[dict[str, str]]) -> None:
    """Append rows to the CSV of dataset `name` in `folder`, columns in schema order."""
    columns = dataset(name).columns
    with (folder / dataset(name).path).open("a", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, columns, lineterminator="\n")
        writer.writerows({c: row.get(c, "") for c in columns} for row in rows)
