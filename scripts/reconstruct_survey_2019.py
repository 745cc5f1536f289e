"""Reconstruct the 2019 survey at respondent level from the rates the report publishes.

The 2019 report (shared/seeds/004_091d441f4f0f9050.txt) gives only percentages: 21 of
39 EIG and 13 of 24 mentors answered, mostly from promotion 2. This script writes
data/survey_responses.csv, one row per respondent, question and answer, so that every
published percentage (data/survey_published_figures.csv) is reproduced as the report
rounds it. It is deterministic (fixed seed) and checks its own output against the
targets before writing. The result is NOT raw survey data: promotions, profiles and the
pairing of answers are plausible choices, labelled « reconstituées » everywhere.

Usage: python scripts/reconstruct_survey_2019.py
"""

from __future__ import annotations

import csv
import random
from collections import Counter
from pathlib import Path

DATA = Path(__file__).resolve().parent.parent / "data"
CAMPAIGN = "enquete-2019"
NO_ANSWER = "sans_reponse"
SEED = 2019

# Respondents: 7 EIG 1 + 14 EIG 2 (profiles close to the published mix of each
# promotion), 5 mentors EIG 1 + 8 mentors EIG 2 (mentors have no profile).
PROFILE_CODES = {"dev": "developer", "ds": "data_scientist", "des": "designer"}


def _profiles(codes: str) -> list[str]:
    return [PROFILE_CODES[code] for code in codes.split()]


EIG_PROFILES = {
    "EIG 1": _profiles("dev ds dev dev ds dev dev"),
    "EIG 2": _profiles("ds des dev ds ds dev des ds dev ds dev ds dev ds"),
}
MENTORS = {"EIG 1": 5, "EIG 2": 8}

# Allocations: question -> respondent type -> group ("*" or a promotion) -> answer counts.
# Non-respondents are named explicitly (always in promotion 2, the larger group).
COUNTS: dict[str, dict[str, dict[str, dict[str, int]]]] = {
    "env_technique_adapte": {"eig": {"*": {"oui": 14, "non": 7}}},
    "satisfaction_env_travail": {
        "eig": {"*": {"tres_satisfait": 9, "satisfait": 11, "peu_satisfait": 1}}
    },
    "briques_libres_reutilisees": {"eig": {"*": {"oui": 13, "non": 7}}},
    "formations_organisees": {"eig": {"*": {"oui": 13, "non": 8}}},
    "expertise_etalab": {
        "eig": {"EIG 1": {"oui": 1, "non": 6}, "EIG 2": {"oui": 10, "non": 4}},
    },
    "methode_rencontres_utilisateurs": {"eig": {"*": {"oui": 14, "non": 6}}},
    "methode_agile": {"eig": {"*": {"oui": 9, "non": 12}}},
    "methode_sprints": {"eig": {"*": {"oui": 6, "non": 14}}},
    "outils_annexes": {
        "eig": {"*": {"oui": 16, "non": 5}},
        "mentor": {"*": {"oui": 8, "non": 4}},
    },
    "outils_maintenus": {
        "eig": {"EIG 1": {"oui": 3, "non": 4}, "EIG 2": {"oui": 12, "non": 2}},
    },
    "liens_autres_administrations": {
        "eig": {"*": {"oui": 14, "non": 7}},
        "mentor": {"*": {"oui": 8, "non": 5}},
    },
    "satisfaction_realisations": {
        "mentor": {
            "*": {"depassent": 3, "repondent": 5, "globalement": 4, "partiellement": 1},
        }
    },
    "moyens_techniques_differents": {"mentor": {"*": {"oui": 10, "non": 3}}},
    "env_travail_adapte": {"mentor": {"*": {"oui": 7, "non": 3}}},
    "apport_competences_absentes": {"mentor": {"*": {"oui": 12, "non": 1}}},
    "competences_acquises": {"mentor": {"*": {"oui": 9, "non": 1}}},
    "competences_numeriques_developpees": {"mentor": {"*": {"oui": 9, "non": 4}}},
    "communaute_appartenance": {"mentor": {"*": {"oui": 7, "non": 6}}},
}
SKIPPED = {
    "briques_libres_reutilisees": ["R-EIG-21"],
    "methode_rencontres_utilisateurs": ["R-EIG-20"],
    "methode_sprints": ["R-EIG-20"],
    "intention_admin_avant": ["R-EIG-19"],
    "situation_actuelle": ["R-EIG-21"],
    "statut_outil": ["R-MEN-13"],
    "outils_annexes": ["R-MEN-13"],
    "outils_maintenus": ["R-MEN-13"],
    "competences_reutilisees": ["R-MEN-13"],
    "env_travail_adapte": ["R-MEN-11", "R-MEN-12", "R-MEN-13"],
    "competences_acquises": ["R-MEN-11", "R-MEN-12", "R-MEN-13"],
}
# Before -> after intention, paired per respondent (3 « oui » before, 12 after).
TRANSITIONS = {
    ("oui", "oui"): 3,
    ("non", "oui"): 4,
    ("non", "non"): 3,
    ("non", "ne_sait_pas"): 2,
    ("ne_sait_pas", "oui"): 4,
    ("ne_sait_pas", "non"): 1,
    ("ne_sait_pas", "ne_sait_pas"): 3,
    (NO_ANSWER, "oui"): 1,
}
SITUATIONS = ["administration_contractuel"] * 5 + ["administration_autre"] * 6
SITUATIONS += ["independant"] * 4 + ["these"] * 2 + ["secteur_prive"] * 2 + ["autre"]
MAINTENANCE = ["eig_prestataires"] * 9 + ["integration_si"] * 7 + ["combinaison"] * 4
MAINTENANCE += ["autre"] * 3
# Tool status from the mentors, by promotion (promotion 2 more often in production).
STATUS = {
    "EIG 1": ["en_production"] * 2
    + ["en_developpement_prevue"] * 2
    + ["en_developpement_non_prevue"],
    "EIG 2": ["en_production"] * 4 + ["en_developpement_prevue"] * 3,
}


def respondents() -> list[dict[str, str]]:
    """Pseudonymous respondents with their (reconstructed) promotion and profile."""
    people = []
    for promotion, profiles in EIG_PROFILES.items():
        for profile in profiles:
            rid = f"R-EIG-{sum(p['type'] == 'eig' for p in people) + 1:02d}"
            people.append({"id": rid, "type": "eig", "promotion": promotion, "profile": profile})
    for promotion, count in MENTORS.items():
        for _ in range(count):
            rid = f"R-MEN-{sum(p['type'] == 'mentor' for p in people) + 1:02d}"
            people.append({"id": rid, "type": "mentor", "promotion": promotion, "profile": ""})
    return people


def allocate(pool: list[dict], counts: dict[str, int], rng: random.Random) -> dict[str, str]:
    """Give each respondent of the pool one answer, in a seeded random order."""
    answers = [code for code, n in counts.items() for _ in range(n)]
    if len(answers) != len(pool):
        raise ValueError(f"{len(answers)} answers for {len(pool)} respondents")
    order = sorted(pool, key=lambda p: p["id"])
    rng.shuffle(order)
    return {p["id"]: a for p, a in zip(order, answers, strict=True)}


def answers(people: list[dict]) -> dict[tuple[str, str], list[str]]:
    """Every (respondent, question) -> answer codes."""
    rng = random.Random(SEED)
    out: dict[tuple[str, str], list[str]] = {}
    by_id = {p["id"]: p for p in people}
    for question, skipped in SKIPPED.items():
        for rid in skipped:
            out[(rid, question)] = [NO_ANSWER]
    for question, per_type in COUNTS.items():
        for kind, groups in per_type.items():
            for group, counts in groups.items():
                pool = [
                    p
                    for p in people
                    if p["type"] == kind
                    and group in ("*", p["promotion"])
                    and (p["id"], question) not in out
                ]
                for rid, code in allocate(pool, counts, rng).items():
                    out[(rid, question)] = [code]
    eig = [p for p in people if p["type"] == "eig"]
    pairs = [pair for pair, n in TRANSITIONS.items() for _ in range(n) if pair[0] != NO_ANSWER]
    others = [p for p in eig if (p["id"], "intention_admin_avant") not in out]
    rng.shuffle(others)
    for person, (before, after) in zip(others, pairs, strict=True):
        out[(person["id"], "intention_admin_avant")] = [before]
        out[(person["id"], "intention_admin_apres")] = [after]
    out[("R-EIG-19", "intention_admin_apres")] = ["oui"]
    # Current situation: those who wish to stay are the ones still in the administration.
    open_ids = [p["id"] for p in eig if (p["id"], "situation_actuelle") not in out]
    staying = [r for r in open_ids if out[(r, "intention_admin_apres")] == ["oui"]]
    rest = [r for r in open_ids if r not in staying]
    for rid, code in zip(staying + rest, SITUATIONS, strict=True):
        out[(rid, "situation_actuelle")] = [code]
    _mentor_answers(people, out, rng)
    maintained = [p["id"] for p in people if out.get((p["id"], "outils_maintenus")) == ["oui"]]
    rng.shuffle(maintained)
    for rid, code in zip(maintained, MAINTENANCE, strict=True):
        out[(rid, "mode_maintenance")] = [code]
    assert all(rid in by_id for rid, _ in out)
    return out


def _mentor_answers(people: list[dict], out: dict, rng: random.Random) -> None:
    """Tool status, maintenance and reuse of skills, kept consistent per mentor."""
    for promotion, statuses in STATUS.items():
        mentors = [p["id"] for p in people if p["type"] == "mentor"]
        mentors = [m for m in mentors if (m, "statut_outil") not in out]
        mentors = [m for m in mentors if _promotion(people, m) == promotion]
        for rid, status in zip(mentors, statuses, strict=True):
            out[(rid, "statut_outil")] = [status]
        # Maintained: the tools in production, then those about to be (3 of 5, 5 of 7).
        ranked = sorted(mentors, key=lambda m: STATUS_RANK[out[(m, "statut_outil")][0]])
        kept = {"EIG 1": 3, "EIG 2": 5}[promotion]
        for i, rid in enumerate(ranked):
            out[(rid, "outils_maintenus")] = ["oui" if i < kept else "non"]
    # Reuse of skills: « non » for the one who acquired none and one more; « oui » otherwise.
    answered = [p["id"] for p in people if p["type"] == "mentor"]
    answered = [m for m in answered if (m, "competences_reutilisees") not in out]
    acquired_yes = [m for m in answered if out.get((m, "competences_acquises")) == ["oui"]]
    no_reuse = {m for m in answered if out.get((m, "competences_acquises")) == ["non"]}
    no_reuse.add(rng.choice(acquired_yes))
    for rid in answered:
        out[(rid, "competences_reutilisees")] = ["non" if rid in no_reuse else "oui"]


STATUS_RANK = {"en_production": 0, "en_developpement_prevue": 1, "en_developpement_non_prevue": 2}


def _promotion(people: list[dict], rid: str) -> str:
    return next(p["promotion"] for p in people if p["id"] == rid)


def rows(people: list[dict], out: dict) -> list[list[str]]:
    """The long CSV rows, in questionnaire order."""
    order = {}
    with open(DATA / "survey_questions.csv", encoding="utf-8") as f:
        for q in csv.DictReader(f):
            order[(q["questionnaire"], q["question_id"])] = int(q["sort_order"])
    table = []
    for p in people:
        asked = sorted((o, q) for (kind, q), o in order.items() if kind == p["type"])
        for _, question in asked:
            for code in out.get((p["id"], question), []):
                table.append(
                    [CAMPAIGN, p["id"], p["type"], p["promotion"], p["profile"], question, code]
                )
    return table


def check(table: list[list[str]]) -> None:
    """Every published figure is reproduced: same numerator and denominator."""
    with open(DATA / "survey_published_figures.csv", encoding="utf-8") as f:
        targets = list(csv.DictReader(f))
    for t in targets:
        kinds = t["respondent_types"].split(";")
        keep = [
            r
            for r in table
            if r[5] == t["question_id"]
            and r[2] in kinds
            and t["promotion"] in ("", r[3])
            and r[6] != NO_ANSWER
        ]
        num = len({r[1] for r in keep if r[6] in t["answers"].split(";")})
        den = len({r[1] for r in keep})
        got = Counter({"num": num, "den": den})
        want = Counter({"num": int(t["numerator"]), "den": int(t["denominator"])})
        if got != want:
            raise SystemExit(f"{t['figure_id']}: {num}/{den}, attendu {dict(want)}")


def main() -> None:
    people = respondents()
    table = rows(people, answers(people))
    check(table)
    header = ["campaign", "respondent_id", "respondent_type", "promotion", "profile"]
    header += ["question_id", "answer"]
    with open(DATA / "survey_responses.csv", "w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f, lineterminator="\n")
        writer.writerow(header)
        writer.writerows(table)
    print(f"{len(table)} lignes écrites dans data/survey_responses.csv")


if __name__ == "__main__":
    main()
