"""Regenerate the survey-tool export fixtures: `python tests/data/exports/make_exports.py`.

Each file is written the way its tool writes it; the people, e-mails and IP addresses are
invented (example.org, TEST-NET addresses). Known figures (asserted by the tests):

- google_forms_eig_2021.csv — Google Forms, UTF-8, « , »: campaign enquete-2021, EIG of
  promotions EIG 3 and EIG 4, 20 respondents; 13 of 20 wish to stay (intention_admin_apres =
  oui), 6 of 19 considered it before (one left it empty), 9 of 20 work in the administration.
- limesurvey_texte_excel_fr.csv — LimeSurvey « full question text » headings and full answers,
  French interface, re-saved by Excel in French (cp1252, « ; », CRLF): enquete-2022, EIG of
  EIG 4 (no promotion column), 18 rows of which 2 incomplete (empty « Date de soumission »);
  11 of 16 wish to stay, 5 of 16 considered it before, 9 of 16 in the administration.
- limesurvey_codes.csv — LimeSurvey code headings (id, submitdate, …, question ids), answers as
  codes (Y/N for yes/no): enquete-2023, EIG, 12 respondents with a promotion column written
  « EIG 4 », « eig4 », « Promotion 4 », « EIG 3 »; 8 of 12 wish to stay; a free-text column
  `commentaire_libre` that matches no question (mapping: correspondance_limesurvey_codes.csv).
- tableau_de_bord_large.csv — the dashboard's wide format: enquete-2024, EIG, 10
  respondents R-EIG-101…110; 6 of 10 wish to stay.
- tableau_de_bord_long.csv — the dashboard's long format (schema columns): enquete-2024, 8
  mentors R-MEN-101…108 and 3 EIG (left out when importing the mentors); 5 of 8 tools in
  production, 6 of 8 maintained.
- limesurvey_mentors_en.csv — LimeSurvey, English interface, full question text, UTF-8 with
  BOM: enquete-2021 mentors, 13 rows of which 1 incomplete; 7 of 12 tools in production,
  9 of 12 maintained.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

HERE = Path(__file__).parent

AVANT = (
    "Avant le programme, envisagiez-vous de travailler (ou de continuer à travailler) "
    "dans l’administration ?"
)
APRES = "Après votre défi, souhaitez-vous continuer à travailler dans l’administration"
SITUATION = "Quelle est votre situation professionnelle aujourd’hui ? "
SATISFACTION = "Êtes-vous satisfait de l’environnement de travail proposé ?"
ENV = "Les moyens techniques fournis correspondaient-ils à vos besoins ?"
MAINTENU = "La réalisation du défi est-elle maintenue aujourd’hui ?"
MODE = "Comment la réalisation est-elle maintenue ?"

YES_NO = {"O": "Oui", "N": "Non", "?": "Ne sait pas", "": ""}
SITUATIONS = {
    "C": "Dans l’administration, comme contractuel",
    "A": "Dans l'administration, sous une autre forme",
    "I": "Indépendant",
    "T": "En thèse (doctorat)",
    "P": "Salarié du secteur privé",
    "X": "Autre situation",
    "": "",
}
SITUATION_CODES = {
    "C": "administration_contractuel",
    "A": "administration_autre",
    "I": "independant",
    "T": "these",
    "P": "secteur_prive",
    "X": "autre",
}
SATISFACTIONS = {
    "TS": "Très satisfait",
    "S": "Satisfait",
    "PS": "Peu satisfait",
    "NS": "Pas satisfait",
}
MODES = {
    "E": "Par les EIG devenus prestataires ou contractuels",
    "I": "Intégration au système d'information de l'administration",
    "C": "Combinaison de ces solutions",
    "X": "Autre solution",
    "": "",
}
STATUTS = {
    "P": "En production",
    "D": "En développement, mise en production prévue",
    "N": "En développement, pas de mise en production prévue",
}

# promotion, profile, avant, après, situation, satisfaction, moyens, maintenue, mode
GOOGLE_FORMS = [
    ("EIG 3", "Développeuse", "N", "O", "C", "TS", "O", "O", "I"),
    ("EIG 3", "Data Scientist", "N", "O", "C", "S", "O", "O", "E"),
    ("EIG 3", "Designer", "O", "O", "A", "S", "O", "N", ""),
    ("EIG 3", "Développeur·se", "N", "N", "P", "PS", "N", "O", "I"),
    ("EIG 3", "Développeuse", "?", "O", "C", "S", "O", "O", "C"),
    ("EIG 3", "Data Scientist", "N", "N", "I", "S", "O", "N", ""),
    ("EIG 3", "Designer", "O", "O", "A", "TS", "O", "O", "I"),
    ("EIG 3", "Développeur·se", "N", "?", "T", "S", "N", "O", "X"),
    ("EIG 3", "Développeuse", "", "O", "C", "S", "O", "O", "I"),
    ("EIG 3", "Data Scientist", "N", "N", "P", "PS", "O", "N", ""),
    ("EIG 4", "Designer", "O", "O", "C", "TS", "O", "O", "E"),
    ("EIG 4", "Développeuse", "N", "O", "A", "S", "O", "O", "I"),
    ("EIG 4", "Data Scientist", "N", "N", "P", "S", "N", "N", ""),
    ("EIG 4", "Développeur·se", "O", "O", "C", "TS", "O", "O", "C"),
    ("EIG 4", "Designer", "O", "O", "X", "S", "O", "O", "I"),
    ("EIG 4", "Développeuse", "?", "N", "I", "PS", "N", "N", ""),
    ("EIG 4", "Data Scientist", "N", "O", "P", "S", "O", "O", "I"),
    ("EIG 4", "Designer", "O", "?", "P", "S", "O", "O", "E"),
    ("EIG 4", "Développeur·se", "N", "O", "I", "TS", "O", "N", ""),
    ("EIG 4", "Développeuse", "N", "O", "P", "NS", "N", "O", "I"),
]
FIRST_NAMES = [
    "Camille", "Yanis", "Maëlle", "Théo", "Inès", "Hugo", "Salomé", "Nathan", "Léna", "Ilyes",
    "Margaux", "Bastien", "Anouk", "Rayan", "Clémence", "Gaspard", "Lou", "Titouan", "Zoé",
    "Malo",
]  # fmt: skip
LAST_NAMES = [
    "Kerjean", "Dubreuil", "Audibert", "Lestrade", "Bonnafous", "Quéméner", "Vasseur",
    "Delmotte", "Ferrandis", "Gourvennec", "Lhermitte", "Roussillon", "Tessier", "Ybert",
    "Marchadier", "Pélissier", "Castagné", "Abgrall", "Villeneuve", "Jouannet",
]  # fmt: skip


def email(index: int) -> str:
    """The invented e-mail of respondent `index` (tests look for it under the data dir)."""
    first = FIRST_NAMES[index % 20].lower().replace("ë", "e").replace("é", "e")
    return f"{first}.{LAST_NAMES[index % 20].lower().replace('é', 'e')}{index}@example.org"


def ip(index: int) -> str:
    return f"192.0.2.{10 + index}"


def write(name: str, rows: list[list[str]], *, delimiter: str = ",", crlf: bool = False,
          encoding: str = "utf-8", quote_all: bool = False) -> None:  # fmt: skip
    buffer = io.StringIO()
    quoting = csv.QUOTE_ALL if quote_all else csv.QUOTE_MINIMAL
    terminator = "\r\n" if crlf else "\n"
    csv.writer(buffer, delimiter=delimiter, lineterminator=terminator, quoting=quoting).writerows(
        rows
    )
    (HERE / name).write_bytes(buffer.getvalue().encode(encoding))


def google_forms() -> None:
    header = ["Horodateur", "Adresse e-mail", "Promotion", "Profil", AVANT, APRES, SITUATION]
    header += [SATISFACTION, ENV, MAINTENU, MODE]
    rows = [header]
    for i, (promo, profile, avant, apres, sit, sat, env, maint, mode) in enumerate(GOOGLE_FORMS):
        stamp = f"2021/06/{14 + i // 8:02d} {9 + i % 8:02d}:{(7 * i) % 60:02d}:05 UTC+2"
        rows.append(
            [stamp, email(i), promo, profile, YES_NO[avant], YES_NO[apres], SITUATIONS[sit],
             SATISFACTIONS[sat], YES_NO[env], YES_NO[maint], MODES[mode]]
        )  # fmt: skip
    write("google_forms_eig_2021.csv", rows)


# id, complete, profile, avant, après, situation, moyens, satisfaction
LIMESURVEY_TEXT = [
    (3, True, "Développeur", "N", "O", "C", "O", "TS"),
    (4, True, "Data scientist", "O", "O", "C", "O", "S"),
    (5, True, "Designer", "N", "O", "A", "N", "S"),
    (6, False, "Développeuse", "N", "", "", "", ""),
    (7, True, "Développeuse", "N", "N", "P", "O", "PS"),
    (8, True, "Data scientist", "O", "O", "C", "O", "S"),
    (9, True, "Designer", "N", "?", "I", "O", "S"),
    (10, True, "Développeur", "O", "O", "A", "O", "TS"),
    (11, True, "Développeuse", "N", "O", "P", "N", "S"),
    (12, True, "Data scientist", "N", "N", "T", "O", "PS"),
    (13, False, "Designer", "O", "O", "", "", ""),
    (14, True, "Designer", "O", "O", "C", "O", "S"),
    (15, True, "Développeur", "N", "O", "P", "O", "S"),
    (16, True, "Développeuse", "?", "O", "C", "N", "TS"),
    (17, True, "Data scientist", "N", "N", "X", "O", "S"),
    (18, True, "Designer", "N", "O", "A", "O", "S"),
    (19, True, "Développeur", "O", "N", "P", "O", "PS"),
    (20, True, "Développeuse", "N", "O", "C", "O", "S"),
]
LS_TEXT_AVANT = (
    "Avant le programme, envisagiez-vous de travailler (ou de continuer à travailler) "
    "dans l'administration ?"
)
LS_TEXT_APRES = "Après votre défi, souhaitez-vous continuer à travailler dans l'administration ?"


def limesurvey_text() -> None:
    header = ["ID de la réponse", "Date de soumission", "Dernière page", "Langue de départ",
              "Graine", "Date de lancement", "Date de la dernière action", "Adresse IP",
              "URL de provenance", "Adresse courriel", "Prénom", "Nom", "Profil",
              LS_TEXT_AVANT, LS_TEXT_APRES, "Quelle est votre situation professionnelle "
              "aujourd’hui ?", ENV, SATISFACTION.replace("’", "'"), "Temps total"]  # fmt: skip
    rows = [header]
    for n, (rid, complete, profile, avant, apres, sit, env, sat) in enumerate(LIMESURVEY_TEXT):
        started = f"{12 + n // 6:02d}/09/2022 {10 + n % 6:02d}:1{n % 10}"
        rows.append(
            [str(rid), started.replace(":1", ":4") if complete else "", "3" if complete else "1",
             "fr", str(1_000_003 * rid % 99_999_991), started, started.replace(":1", ":4"),
             ip(20 + n), "https://enquetes.example.org/index.php/482913", email(20 + n),
             FIRST_NAMES[n], LAST_NAMES[n], profile, YES_NO[avant], YES_NO[apres],
             SITUATIONS[sit].replace("’", "'"), YES_NO[env], SATISFACTIONS.get(sat, ""),
             str(180 + 37 * n)]
        )  # fmt: skip
    write("limesurvey_texte_excel_fr.csv", rows, delimiter=";", crlf=True, encoding="cp1252")


# id, promotion as typed, profile code, avant, après, situation, moyens (Y/N), agile (Y/N)
LIMESURVEY_CODES = [
    (101, "EIG 4", "developer", "non", "oui", "C", "Y", "Y"),
    (102, "eig4", "designer", "oui", "oui", "A", "Y", "Y"),
    (103, "Promotion 4", "data_scientist", "non", "non", "P", "N", "Y"),
    (104, "EIG 4", "developer", "non", "oui", "C", "Y", "N"),
    (105, "EIG 3", "designer", "ne_sait_pas", "oui", "I", "Y", "Y"),
    (106, "EIG 3", "developer", "non", "non", "P", "N", "Y"),
    (107, "EIG 3", "data_scientist", "oui", "oui", "C", "Y", "Y"),
    (108, "EIG 3", "developer", "non", "oui", "A", "Y", "N"),
    (109, "EIG 4", "designer", "non", "ne_sait_pas", "T", "Y", "Y"),
    (110, "EIG 3", "developer", "oui", "oui", "C", "N", "Y"),
    (111, "EIG 4", "data_scientist", "non", "non", "X", "Y", "Y"),
    (112, "EIG 3", "designer", "non", "oui", "P", "Y", "Y"),
]
COMMENTS = {
    101: "Programme exigeant, merci à l'équipe Etalab",
    104: "Plus de temps avec les mentors aurait aidé",
    110: "Je recommande vivement",
}


def limesurvey_codes() -> None:
    header = ["id", "token", "submitdate", "lastpage", "startlanguage", "seed", "startdate",
              "datestamp", "ipaddr", "refurl", "firstname", "lastname", "email", "promotion",
              "profil", "intention_admin_avant", "intention_admin_apres", "situation_actuelle",
              "env_technique_adapte", "methode_agile", "commentaire_libre",
              "interviewtime"]  # fmt: skip
    rows = [header]
    for n, (rid, promo, profile, avant, apres, sit, env, agile) in enumerate(LIMESURVEY_CODES):
        stamp = f"2023-06-{5 + n:02d} 14:{10 + n:02d}:33"
        rows.append(
            [str(rid), f"tk{rid * 7919 % 100000:05d}", stamp, "4", "fr",
             str(rid * 104729 % 9_999_991), stamp, stamp, ip(40 + n), "",
             FIRST_NAMES[n + 5], LAST_NAMES[n + 5], email(40 + n), promo, profile, avant, apres,
             SITUATION_CODES[sit], env, agile, COMMENTS.get(rid, ""), f"{212.4 + n:.2f}"]
        )  # fmt: skip
    write("limesurvey_codes.csv", rows, quote_all=True)
    write("correspondance_limesurvey_codes.csv", [["colonne", "question"],
                                                 ["commentaire_libre", "ignorer"]])  # fmt: skip


IDENTITY = ["campaign", "respondent_id", "respondent_type", "promotion", "profile"]
# id, profile, avant, après, situation, satisfaction (code), agile
WIDE = [
    (101, "developer", "non", "oui", "administration_contractuel", "satisfait", "oui"),
    (102, "designer", "oui", "oui", "administration_autre", "tres_satisfait", "oui"),
    (103, "data_scientist", "non", "non", "secteur_prive", "peu_satisfait", "non"),
    (104, "developer", "non", "oui", "independant", "satisfait", "oui"),
    (105, "designer", "oui", "oui", "administration_contractuel", "satisfait", "oui"),
    (106, "developer", "non", "non", "secteur_prive", "satisfait", "oui"),
    (107, "data_scientist", "ne_sait_pas", "oui", "these", "tres_satisfait", ""),
    (108, "developer", "non", "ne_sait_pas", "autre", "satisfait", "non"),
    (109, "designer", "non", "oui", "administration_contractuel", "pas_satisfait", "oui"),
    (110, "data_scientist", "oui", "non", "secteur_prive", "satisfait", "oui"),
]


def dashboard_wide() -> None:
    questions = ["intention_admin_avant", "intention_admin_apres", "situation_actuelle",
                 "satisfaction_env_travail", "methode_agile"]  # fmt: skip
    rows = [IDENTITY + questions]
    for rid, profile, *answers in WIDE:
        rows.append(["enquete-2024", f"R-EIG-{rid}", "eig", "EIG 4", profile, *answers])
    write("tableau_de_bord_large.csv", rows)


# id, statut, maintenus, satisfaction, compétences acquises
MENTORS_2024 = [
    (101, "en_production", "oui", "repondent", "oui"),
    (102, "en_production", "oui", "depassent", "oui"),
    (103, "en_developpement_prevue", "non", "globalement", "non"),
    (104, "en_production", "oui", "repondent", "oui"),
    (105, "en_developpement_non_prevue", "non", "partiellement", "oui"),
    (106, "en_production", "oui", "repondent", "non"),
    (107, "en_developpement_prevue", "oui", "globalement", "oui"),
    (108, "en_production", "oui", "depassent", "oui"),
]


def dashboard_long() -> None:
    rows = [[*IDENTITY, "question_id", "answer"]]
    for rid, profile, avant, apres, *_ in WIDE[:3]:
        person = ["enquete-2024", f"R-EIG-{rid}", "eig", "EIG 4", profile]
        rows += [
            [*person, "intention_admin_avant", avant],
            [*person, "intention_admin_apres", apres],
        ]
    for rid, statut, maintenus, satisfaction, acquises in MENTORS_2024:
        person = ["enquete-2024", f"R-MEN-{rid}", "mentor", "EIG 4", ""]
        rows += [
            [*person, "statut_outil", statut],
            [*person, "outils_maintenus", maintenus],
            [*person, "satisfaction_realisations", satisfaction],
            [*person, "competences_acquises", acquises],
        ]
    write("tableau_de_bord_long.csv", rows)


# id, complete, promotion, statut, maintenue, satisfaction, compétences acquises
MENTORS_2021 = [
    (1, True, "EIG 3", "P", "O", "Répondent aux attentes", "O"),
    (2, True, "EIG 3", "P", "O", "Dépassent les attentes", "O"),
    (3, True, "EIG 3", "D", "N", "Répondent en partie aux attentes", "N"),
    (4, True, "EIG 3", "P", "O", "Répondent globalement aux attentes", "O"),
    (5, False, "EIG 4", "P", "", "", ""),
    (6, True, "EIG 3", "N", "N", "Ne répondent pas aux attentes", "N"),
    (7, True, "EIG 3", "P", "O", "Répondent aux attentes", "O"),
    (8, True, "EIG 4", "D", "O", "Répondent globalement aux attentes", "O"),
    (9, True, "EIG 4", "P", "O", "Répondent aux attentes", "N"),
    (10, True, "EIG 4", "N", "N", "Répondent en partie aux attentes", "O"),
    (11, True, "EIG 4", "P", "O", "Dépassent les attentes", "O"),
    (12, True, "EIG 4", "D", "O", "Répondent aux attentes", "O"),
    (13, True, "EIG 4", "P", "O", "Répondent globalement aux attentes", "N"),
]


def limesurvey_mentors() -> None:
    header = ["Response ID", "Date submitted", "Last page", "Start language", "Seed",
              "Date started", "Date last action", "IP address", "Referrer URL",
              "Email address", "First name", "Last name", "Promotion",
              "Où en est la réalisation du défi ?", MAINTENU.replace("’", "'"),
              "Les réalisations des EIG répondent-elles à vos attentes ?",
              "Avez-vous acquis des compétences pendant le défi ?", "Total time"]  # fmt: skip
    rows = [header]
    for n, (rid, complete, promo, statut, maint, sat, acquired) in enumerate(MENTORS_2021):
        stamp = f"2021-07-{1 + n:02d} 16:{20 + n:02d}:12"
        rows.append(
            [str(rid), stamp if complete else "", "2" if complete else "1", "fr",
             str(rid * 7561 % 999_983), stamp, stamp, ip(60 + n), "", email(60 + n),
             FIRST_NAMES[(n + 11) % 20], LAST_NAMES[(n + 11) % 20], promo, STATUTS[statut],
             YES_NO[maint], sat, YES_NO[acquired], f"{95 + 13 * n}"]
        )  # fmt: skip
    write("limesurvey_mentors_en.csv", rows, quote_all=True, encoding="utf-8-sig")


def main() -> None:
    google_forms()
    limesurvey_text()
    limesurvey_codes()
    dashboard_wide()
    dashboard_long()
    limesurvey_mentors()


if __name__ == "__main__":
    main()
