"""Data for the benchmarks (issue #11): a scaled data directory and a survey-tool export.

`scaled_data` writes a complete data directory: the shipped CSVs (the 2019 campaign and
everything published byte for byte), generated survey campaigns « enquete-2021 »,
« enquete-2022 »… (reconstructed false, both questionnaires) and a multiplied roster.
`survey_export` writes what an analyst receives from LimeSurvey: « full question text »
headings and answers, French interface, re-saved by Excel in French.

Answer shares start from the 2019 campaign's (smoothed), then drift from one campaign to the
next (a trend per question plus noise); promotions and profiles follow the programme site's
roster (the DIG are all designers, EIG 1 had none). Everything is drawn with numpy for a whole
campaign at once and written by Arrow's CSV writer: 1 M respondents (≈ 14 M answer rows) take
seconds, never a Python loop per row.
"""

from __future__ import annotations

import csv
import datetime as dt
import shutil
import unicodedata
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pa_csv

from eigdata.ingest.answers import NO_ANSWER
from eigdata.schemas import dataset
from eigdata.storage.store import DATA_DIR

FIRST_YEAR = 2021  # generated campaigns: enquete-2021, enquete-2022…
FIRST_NUMBER = 100  # generated respondent ids: R-EIG-100… (2019's are R-EIG-01…)
MAX_NUMBER = 999_999  # respondent_id pattern R-(EIG|MEN)-[0-9]{2,6}
EIG_SHARE = 0.62  # share of EIG among a campaign's respondents (the rest: mentors)
PREFIX = {"eig": "R-EIG-", "mentor": "R-MEN-"}
NOT_ASKED, NO_REPLY = -1, -2  # local answer index of a question not asked / left unanswered
EXPORT_STEP = 2  # how far the export's shares drifted from 2019's
Rows = list[dict[str, str]]


@dataclass(frozen=True)
class Question:
    """A closed question of one questionnaire and how its answers are drawn."""

    question_id: str
    label: str  # French wording
    kind: str  # yes_no, single_choice, multiple_choice, scale
    options: tuple[str, ...]  # answer codes, in display order
    labels: tuple[str, ...]  # their French labels
    shares: tuple[float, ...]  # base share of each option (2019, smoothed)
    no_reply: float  # probability of leaving it unanswered
    trigger: tuple[str, str] | None  # asked_if: (question, answer code)


Given = dict[str, tuple[Question, np.ndarray]]  # question → its answers (local indices)


@dataclass(frozen=True)
class SurveyModel:
    """What drawing respondents needs, read from the shipped data."""

    questions: dict[str, tuple[Question, ...]]  # questionnaire → questions in sort order
    promotions: tuple[str, ...]
    promotion_shares: dict[str, tuple[float, ...]]  # questionnaire → share of each promotion
    profiles: tuple[str, ...]
    profile_shares: dict[str, tuple[float, ...]]  # promotion → share of each profile (EIG)
    respondents: int  # shipped respondents (all campaigns)

    @property
    def question_ids(self) -> list[str]:
        return sorted({q.question_id for qs in self.questions.values() for q in qs})

    @property
    def answer_codes(self) -> list[str]:
        found = {c for qs in self.questions.values() for q in qs for c in q.options}
        return sorted(found | {NO_ANSWER})


@dataclass(frozen=True)
class Campaign:
    """One generated campaign: code, year and respondents of each questionnaire."""

    code: str
    year: int
    eig: int
    mentor: int
    step: int  # how far its shares drifted from the base (1 for the first)


@dataclass(frozen=True)
class ExportSpec:
    """What importing a `survey_export` file needs, and what it should find."""

    campaign: str
    title: str
    year: int
    questionnaire: str
    promotion: str
    complete: int  # complete rows (a submit date): the respondents the import keeps
    rows: int  # every row of the file, incomplete ones included
    invited: int

    def plan_arguments(self) -> dict[str, object]:
        """Keyword arguments of `eigdata.ingest.campaign.plan_campaign`."""
        return {
            "campaign": self.campaign,
            "title": self.title,
            "year": self.year,
            "questionnaire": self.questionnaire,
            "promotion": self.promotion,
            "invited": self.invited,
        }

    def cli_arguments(self) -> list[str]:
        """Options of `python -m eigdata import-survey FILE`."""
        return [
            *("--campaign", self.campaign, "--title", self.title, "--year", str(self.year)),
            *("--questionnaire", self.questionnaire, "--promotion", self.promotion),
            *("--invited", str(self.invited)),
        ]


# --- the scaled data directory -------------------------------------------------------------


def scaled_data(
    target: Path, respondents: int, *, roster_factor: int = 1, campaigns: int = 4, seed: int = 0
) -> Path:
    """A data directory at `target` with `respondents` survey respondents in all (the shipped
    ones plus `campaigns` generated campaigns) and the roster multiplied by `roster_factor`."""
    target = Path(target)
    model = survey_model()
    extra = respondents - model.respondents
    if extra < 0 or (extra and campaigns < 1):
        raise ValueError(f"au moins {model.respondents} répondants et une campagne générée")
    target.mkdir(parents=True, exist_ok=True)
    for path in sorted(DATA_DIR.glob("*.csv")):
        shutil.copyfile(path, target / path.name)
    rng = np.random.default_rng(seed)
    planned = plan_campaigns(extra, campaigns if extra else 0, rng)
    append_rows(target, "sources", [source_row(c) for c in planned])
    append_rows(target, "survey_campaigns", [campaign_row(c, rng) for c in planned])
    write_responses(target / dataset("survey_responses").path, model, planned, rng)
    scale_roster(target, roster_factor)
    return target


def plan_campaigns(respondents: int, campaigns: int, rng: np.random.Generator) -> list[Campaign]:
    """`respondents` split over `campaigns` growing campaigns, ~62 % EIG in each."""
    if not campaigns:
        return []
    sizes = _split(respondents, np.linspace(1.0, 1.6, campaigns))
    out, numbers = [], {"eig": 0, "mentor": 0}
    for index, size in enumerate(sizes):
        eig = round(size * (EIG_SHARE + rng.uniform(-0.03, 0.03)))
        year = FIRST_YEAR + index
        out.append(Campaign(f"enquete-{year}", year, eig, size - eig, index + 1))
        numbers["eig"] += eig
        numbers["mentor"] += size - eig
    if max(numbers.values()) > MAX_NUMBER - FIRST_NUMBER + 1:
        raise ValueError("trop de répondants d'un type pour des identifiants à 6 chiffres")
    return out


def _split(total: int, weights: np.ndarray) -> list[int]:
    """`total` split in proportion to `weights` (largest remainders), summing exactly."""
    exact = total * weights / weights.sum()
    sizes = np.floor(exact).astype(int)
    for index in np.argsort(sizes - exact)[: total - sizes.sum()]:
        sizes[index] += 1
    return [int(s) for s in sizes]


def source_row(campaign: Campaign) -> dict[str, str]:
    """The sources.csv row of a generated campaign's export."""
    return {
        "source_doc": f"export-{campaign.code}.csv",
        "short_title": f"Export de l'enquête {campaign.year}",
        "title": f"Export des réponses aux questionnaires aux EIG et aux mentors, "
        f"automne {campaign.year}",
        "publisher": "DINUM (programme EIG)",
        "published": f"{campaign.year}-10",
        "language": "fr",
    }


def campaign_row(campaign: Campaign, rng: np.random.Generator) -> dict[str, str]:
    """The survey_campaigns.csv row: invited counts from a 55–75 % response rate."""

    def invited(count: int) -> str:
        return str(int(np.ceil(count / rng.uniform(0.55, 0.75)))) if count else ""

    return {
        "campaign": campaign.code,
        "title": f"Enquête {campaign.year} — promotions 1 à 4 et DIG",
        "year": str(campaign.year),
        "reconstructed": "false",
        "invited_eig": invited(campaign.eig),
        "invited_mentor": invited(campaign.mentor),
        "source_doc": f"export-{campaign.code}.csv",
        "source_section": "Questionnaires aux EIG et aux mentors",
        "note": "Réponses générées pour les mesures de performance (bench/generate.py) ; "
        "identifiants pseudonymes",
    }


def append_rows(folder: Path, name: str, rows: Rows) -> None:
    """Append rows to a data CSV as its files are written (UTF-8, comma, "\\n", schema order)."""
    columns = dataset(name).columns
    with (folder / dataset(name).path).open("a", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, columns, lineterminator="\n")
        writer.writerows({c: row.get(c, "") for c in columns} for row in rows)


def write_responses(
    path: Path, model: SurveyModel, campaigns: list[Campaign], rng: np.random.Generator
) -> None:
    """Append every generated campaign's answers to survey_responses.csv, one campaign ×
    questionnaire at a time (respondent after respondent, questions in sort order)."""
    with path.open(encoding="utf-8") as handle:
        header = handle.readline().rstrip("\n")
    if header.split(",") != dataset("survey_responses").columns:
        raise ValueError(f"en-tête inattendu dans {path.name} : {header}")
    trends = _trends(model, rng)
    options = pa_csv.WriteOptions(include_header=False, quoting_style="none")
    first = {"eig": FIRST_NUMBER, "mentor": FIRST_NUMBER}
    with path.open("ab") as handle:
        for campaign in campaigns:
            for kind in ("eig", "mentor"):
                count = getattr(campaign, kind)
                if count:
                    table = response_table(model, campaign, kind, first[kind], trends, rng)
                    pa_csv.write_csv(table, handle, options)
                first[kind] += count


def response_table(
    model: SurveyModel,
    campaign: Campaign,
    kind: str,
    first: int,
    trends: dict[str, np.ndarray],
    rng: np.random.Generator,
) -> pa.Table:
    """The long-format rows of one campaign × questionnaire, as an Arrow table whose text
    columns are dictionaries (codes drawn by numpy, strings only for the dictionaries)."""
    count = getattr(campaign, kind)
    promotions = rng.choice(len(model.promotions), count, p=model.promotion_shares[kind])
    profiles = _profiles(model, promotions, rng) if kind == "eig" else np.full(count, -1)
    codes = {code: index for index, code in enumerate(model.answer_codes)}
    matrix, question_of = _answer_matrix(model, kind, count, campaign.step, trends, codes, rng)
    person, column = np.nonzero(matrix >= 0)  # row-major: respondent by respondent
    ids = [f"{PREFIX[kind]}{n}" for n in range(first, first + count)]
    size = len(person)
    return pa.table(
        {
            "campaign": _dictionary(np.zeros(size, np.int8), [campaign.code]),
            "respondent_id": _dictionary(person.astype(np.int32), ids),
            "respondent_type": _dictionary(np.zeros(size, np.int8), [kind]),
            "promotion": _dictionary(promotions[person], list(model.promotions)),
            "profile": _dictionary(profiles[person], list(model.profiles)),
            "question_id": _dictionary(question_of[column], model.question_ids),
            "answer": _dictionary(matrix[person, column], model.answer_codes),
        }
    )


def _dictionary(indices: np.ndarray, values: list[str]) -> pa.DictionaryArray:
    """Dictionary-encoded text; a negative index is an empty cell."""
    indices = indices.astype(np.int32)
    return pa.DictionaryArray.from_arrays(pa.array(indices, mask=indices < 0), pa.array(values))


def _answer_matrix(
    model: SurveyModel,
    kind: str,
    count: int,
    step: int,
    trends: dict[str, np.ndarray],
    codes: dict[str, int],
    rng: np.random.Generator,
) -> tuple[np.ndarray, np.ndarray]:
    """One column per possible answer row (a multiple choice has one per option and one for
    « sans réponse »): the answer code's index, or -1 where there is no row; and the index
    of each column's question."""
    question_index = {q: i for i, q in enumerate(model.question_ids)}
    columns, question_of = [], []
    given: Given = {}
    for q in model.questions[kind]:
        asked = _asked(q, given, count)
        shares = drifted(q, step, trends[q.question_id], rng)
        option_codes = np.array([codes[c] for c in q.options])
        if q.kind == "multiple_choice":
            found = _multiple(q, asked, shares, option_codes, codes[NO_ANSWER], rng)
        else:
            local = draw(q, asked, shares, rng)
            given[q.question_id] = (q, local)
            found = [_global(local, option_codes, codes[NO_ANSWER])]
        columns += found
        question_of += [question_index[q.question_id]] * len(found)
    return np.column_stack(columns).astype(np.int16), np.array(question_of, np.int16)


def _asked(q: Question, given: Given, count: int) -> np.ndarray:
    """Who is asked `q`: everyone, or those who gave the answer its asked_if names."""
    if q.trigger is None:
        return np.ones(count, bool)
    source, local = given[q.trigger[0]]
    return local == source.options.index(q.trigger[1])


def _global(local: np.ndarray, option_codes: np.ndarray, no_answer: int) -> np.ndarray:
    """Local answer indices (or NOT_ASKED / NO_REPLY) as indices of the answer codes."""
    out = option_codes[np.clip(local, 0, None)]
    out[local == NO_REPLY] = no_answer
    out[local == NOT_ASKED] = -1
    return out


def _multiple(
    q: Question,
    asked: np.ndarray,
    shares: np.ndarray,
    option_codes: np.ndarray,
    no_answer: int,
    rng: np.random.Generator,
) -> list[np.ndarray]:
    """A multiple choice: each option ticked on its own; nothing ticked is « sans réponse »."""
    ticked = rng.random((len(asked), len(q.options))) < np.clip(shares * 2, 0.05, 0.9)
    ticked &= asked[:, None]
    columns = [np.where(ticked[:, i], option_codes[i], -1) for i in range(len(q.options))]
    return [*columns, np.where(asked & ~ticked.any(axis=1), no_answer, -1)]


def draw(
    q: Question,
    asked: np.ndarray,
    shares: np.ndarray,
    rng: np.random.Generator,
    no_reply: float | None = None,
) -> np.ndarray:
    """One answer per respondent: option index, NO_REPLY or NOT_ASKED."""
    local = rng.choice(len(q.options), len(asked), p=shares)
    skipped = rng.random(len(asked)) < (q.no_reply if no_reply is None else no_reply)
    local[skipped] = NO_REPLY
    local[~asked] = NOT_ASKED
    return local


def _trends(model: SurveyModel, rng: np.random.Generator) -> dict[str, np.ndarray]:
    """Per question, the direction its shares move in from one campaign to the next."""
    options = {q.question_id: len(q.options) for qs in model.questions.values() for q in qs}
    return {question: rng.normal(0.0, 0.2, n) for question, n in sorted(options.items())}


def drifted(q: Question, step: int, trend: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """The question's shares `step` campaigns after the base: trend plus a little noise."""
    logits = np.log(np.array(q.shares)) + step * trend + rng.normal(0.0, 0.08, len(q.options))
    shares = np.exp(logits - logits.max())
    return shares / shares.sum()


def _profiles(model: SurveyModel, promotions: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """A profile for each EIG, drawn from their promotion's mix."""
    out = np.full(len(promotions), -1, np.int8)
    for index, promotion in enumerate(model.promotions):
        mask = promotions == index
        shares = model.profile_shares[promotion]
        out[mask] = rng.choice(len(model.profiles), int(mask.sum()), p=shares)
    return out


# --- the roster -------------------------------------------------------------------------


def scale_roster(data_dir: Path, factor: int) -> None:
    """Multiply the roster (roster_members, roster_member_defis) by `factor`: the shipped rows
    stay, each copy gets new pseudonymous ids (P001 → P001001, P001002…), same défis."""
    if factor <= 1:
        return
    members = _read(data_dir, "roster_members")
    width = max(3, len(str(factor - 1)))
    shipped = set(members["member_id"])
    for name in ("roster_members", "roster_member_defis"):
        table = _read(data_dir, name)
        copies = [
            table.assign(member_id=table["member_id"] + f"{copy:0{width}d}")
            for copy in range(1, factor)
        ]
        added = pd.concat(copies, ignore_index=True)
        if shipped & set(added["member_id"]):
            raise ValueError("identifiants de membres en double")
        with (data_dir / dataset(name).path).open("a", encoding="utf-8", newline="") as handle:
            added.to_csv(handle, header=False, index=False, lineterminator="\n")


def _read(data_dir: Path, name: str) -> pd.DataFrame:
    path = data_dir / dataset(name).path
    return pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")


# --- the survey model, from the shipped data ----------------------------------------------


def survey_model(data_dir: Path = DATA_DIR) -> SurveyModel:
    """Questions, answer shares, promotion and profile mixes read from a data directory."""
    responses = _rows(data_dir, "survey_responses")
    roster = [r for r in _rows(data_dir, "roster_member_defis") if r["is_programme_team"] != "1"]
    promotions = tuple(r["promotion"] for r in _rows(data_dir, "promotions"))
    profiles = tuple(r["profile"] for r in _rows(data_dir, "profiles"))
    by_role = {
        kind: Counter(r["promotion"] for r in roster if r["role_in_defi"] == kind)
        for kind in ("eig", "mentor")
    }
    return SurveyModel(
        questions=_questions(data_dir, responses),
        promotions=promotions,
        promotion_shares={k: _shares([c[p] for p in promotions]) for k, c in by_role.items()},
        profiles=profiles,
        profile_shares=_profile_shares(roster, promotions, profiles),
        respondents=len({(r["campaign"], r["respondent_id"]) for r in responses}),
    )


def _questions(data_dir: Path, responses: Rows) -> dict[str, tuple[Question, ...]]:
    """The closed questions of each questionnaire, with 2019's shares (smoothed by ½)."""
    options: dict[str, list[dict[str, str]]] = {}
    for row in sorted(_rows(data_dir, "survey_answer_options"), key=lambda r: int(r["sort_order"])):
        options.setdefault(row["question_id"], []).append(row)
    counts = Counter((r["respondent_type"], r["question_id"], r["answer"]) for r in responses)
    asked = Counter((r["respondent_type"], r["question_id"]) for r in responses)
    out: dict[str, list[Question]] = {}
    questions = sorted(_rows(data_dir, "survey_questions"), key=lambda r: int(r["sort_order"]))
    for row in questions:
        kind, question = row["questionnaire"], row["question_id"]
        if row["type"] == "free_text" or question not in options:
            continue
        codes = tuple(o["answer"] for o in options[question])
        source, _, code = row["asked_if"].partition("=")
        out.setdefault(kind, []).append(
            Question(
                question_id=question,
                label=row["label_fr"],
                kind=row["type"],
                options=codes,
                labels=tuple(o["label_fr"] for o in options[question]),
                shares=_shares([counts[(kind, question, c)] + 0.5 for c in codes]),
                no_reply=(counts[(kind, question, NO_ANSWER)] + 1) / (asked[(kind, question)] + 25),
                trigger=(source, code) if row["asked_if"] else None,
            )
        )
    return {kind: tuple(qs) for kind, qs in out.items()}


def _profile_shares(
    roster: Rows, promotions: tuple[str, ...], profiles: tuple[str, ...]
) -> dict[str, tuple[float, ...]]:
    """Per promotion, the share of each profile among its EIG on the site (every profile but
    designer when a promotion has no EIG listed)."""
    counts = Counter(
        (r["promotion"], r["profile_norm"]) for r in roster if r["role_in_defi"] == "eig"
    )
    out = {}
    for promotion in promotions:
        found = [counts[(promotion, p)] for p in profiles]
        if not sum(found):
            found = [0 if p == "designer" else 1 for p in profiles]
        out[promotion] = _shares(found)
    return out


def _shares(counts: list[float]) -> tuple[float, ...]:
    total = float(sum(counts))
    return tuple(c / total for c in counts)


def _rows(data_dir: Path, name: str) -> Rows:
    with (Path(data_dir) / dataset(name).path).open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


# --- the survey-tool export -------------------------------------------------------------

# LimeSurvey's French headings of its own columns (as in tests/data/exports).
TOOL_COLUMNS = [
    "ID de la réponse", "Date de soumission", "Dernière page", "Langue de départ", "Graine",
    "Date de lancement", "Date de la dernière action", "Adresse IP", "URL de provenance",
    "Adresse courriel", "Prénom", "Nom", "Profil",
]  # fmt: skip
# Question wordings as the LimeSurvey export of tests/data/exports has them (others: label_fr).
HEADINGS = {
    "intention_admin_avant": "Avant le programme, envisagiez-vous de travailler (ou de "
    "continuer à travailler) dans l'administration ?",
    "intention_admin_apres": "Après votre défi, souhaitez-vous continuer à travailler dans "
    "l'administration ?",
    "situation_actuelle": "Quelle est votre situation professionnelle aujourd’hui ?",
    "env_technique_adapte": "Les moyens techniques fournis correspondaient-ils à vos besoins ?",
    "satisfaction_env_travail": "Êtes-vous satisfait de l'environnement de travail proposé ?",
}
# Answers as respondents' survey showed them, where it differs from label_fr.
ANSWER_TEXTS = {
    ("situation_actuelle", "administration_contractuel"): "Dans l’administration, comme contractuel"
}
# How people typed their profile (each is a label or alias of profiles.csv).
PROFILE_TEXTS = {
    "designer": ["Designer", "Designer", "Designeuse", "UX designer"],
    "developer": ["Développeur", "Développeuse", "Développeur·se", "Développeur web"],
    "data_scientist": ["Data scientist", "Data Scientist", "Data scientist", "Data science"],
    "data_engineer": ["Data engineer", "Ingénieure data", "Data engineer", "Ingénieur data"],
    "other": ["Autre", "Autre", "Autre", "Autre"],
}
FIRST_NAMES = [
    "Camille", "Yanis", "Maëlle", "Théo", "Inès", "Hugo", "Salomé", "Nathan", "Léna", "Ilyes",
    "Margaux", "Bastien", "Anouk", "Rayan", "Clémence", "Gaspard", "Lou", "Titouan", "Zoé",
    "Malo", "Agathe", "Noé", "Héloïse", "Sacha", "Capucine", "Aurélien", "Jade", "Élias",
]  # fmt: skip
LAST_NAMES = [
    "Kerjean", "Dubreuil", "Audibert", "Lestrade", "Bonnafous", "Quéméner", "Vasseur",
    "Delmotte", "Ferrandis", "Gourvennec", "Lhermitte", "Roussillon", "Tessier", "Ybert",
    "Marchadier", "Pélissier", "Castagné", "Abgrall", "Villeneuve", "Jouannet", "Le Goff",
    "N'Diaye", "Bérard", "Chevallier", "Moreau-Lefèvre", "Nguyen", "Lagarde", "Fontaine",
]  # fmt: skip
FIRST_PAGE = 3  # questions on the survey's first page (what incomplete rows answered)
SURVEY_URL = "https://enquetes.example.org/index.php/482913"


def survey_export(path: Path, respondents: int, *, seed: int = 0, year: int = 2025) -> ExportSpec:
    """Write a LimeSurvey export of the EIG questionnaire (« full question text » headings and
    answers, French interface, re-saved by Excel in French: cp1252, « ; », CRLF, decimal
    comma, dd/mm/yyyy hh:mm dates), of promotion EIG 4, with ~3 % incomplete rows (no submit
    date). E-mails, names and IP addresses are invented (example.org, TEST-NET) but look
    personal: write the file outside any data directory."""
    model = survey_model()
    rng = np.random.default_rng(seed)
    incomplete = _incomplete(respondents, rng)
    spec = ExportSpec(
        campaign=f"enquete-{year}",
        title=f"Enquête {year} — promotion 4",
        year=year,
        questionnaire="eig",
        promotion="EIG 4",
        complete=int((~incomplete).sum()),
        rows=respondents,
        invited=int(np.ceil(respondents / rng.uniform(0.6, 0.7))),
    )
    seconds = rng.lognormal(np.log(420.0), 0.5, respondents) * np.where(incomplete, 0.3, 1.0)
    columns = _tool_columns(respondents, incomplete, year, spec.promotion, seconds, model, rng)
    columns.update(_question_columns(model, incomplete, rng))
    columns["Temps total"] = _decimal_comma(seconds)
    Path(path).parent.mkdir(parents=True, exist_ok=True)
    Path(path).write_bytes(excel_csv(columns))
    return spec


def excel_csv(columns: dict[str, np.ndarray]) -> bytes:
    """Columns of texts as Excel in French saves them: cp1252, « ; », CRLF, quotes only
    around a value holding « ; », a quote or a line break. Joined by Arrow, not per row."""
    values = [_excel_quoted(pa.array(v, pa.string())) for v in columns.values()]
    lines = pc.binary_join_element_wise(*values, ";").to_pylist()
    header = ";".join(_excel_quoted(pa.array(list(columns), pa.string())).to_pylist())
    return "\r\n".join([header, *lines, ""]).encode("cp1252")


def _excel_quoted(values: pa.Array) -> pa.Array:
    """Values holding « ; », a quote or a line break quoted (quotes doubled), others as is."""
    needs = pc.match_substring_regex(values, '[;"\r\n]')
    if not pc.any(needs).as_py():
        return values
    doubled = pc.replace_substring(values, '"', '""')
    return pc.if_else(needs, pc.binary_join_element_wise('"', doubled, '"', ""), values)


def _incomplete(respondents: int, rng: np.random.Generator) -> np.ndarray:
    """Whether each row is incomplete: ~3 % of them, at least one (from two rows on)."""
    count = max(1, round(0.03 * respondents)) if respondents >= 2 else 0
    out = np.zeros(respondents, bool)
    out[rng.choice(respondents, count, replace=False)] = True
    return out


def _tool_columns(
    n: int,
    incomplete: np.ndarray,
    year: int,
    promotion: str,
    seconds: np.ndarray,
    model: SurveyModel,
    rng: np.random.Generator,
) -> dict[str, np.ndarray]:
    """LimeSurvey's own columns, personal data and the profile, column by column (the last
    action `seconds` after the start)."""
    ids = np.arange(1, n + 1).astype(str)
    start = rng.integers(0, 14, n) * 1440 + rng.integers(8 * 60, 22 * 60, n)  # minutes
    last = start + np.round(seconds / 60).astype(np.int64)
    first_day = dt.datetime(year, 9, 12)
    last_text = _minutes_text(last, first_day)
    first, family = rng.integers(0, len(FIRST_NAMES), n), rng.integers(0, len(LAST_NAMES), n)
    mail = (np.array([_ascii(f) for f in FIRST_NAMES], object)[first] + "."
            + np.array([_ascii(f) for f in LAST_NAMES], object)[family]
            + ids.astype(object) + "@example.org")  # fmt: skip
    return dict(
        zip(
            TOOL_COLUMNS,
            [
                ids,
                np.where(incomplete, "", last_text),
                np.where(incomplete, rng.integers(1, 3, n), 3).astype(str),
                np.full(n, "fr"),
                rng.integers(10**6, 2 * 10**9, n).astype(str),
                _minutes_text(start, first_day),
                last_text,
                _ips(n, rng),
                np.where(rng.random(n) < 0.8, SURVEY_URL, ""),
                mail,
                np.array(FIRST_NAMES, object)[first],
                np.array(LAST_NAMES, object)[family],
                _profile_texts(model, promotion, n, rng),
            ],
            strict=True,
        )
    )


def _minutes_text(minutes: np.ndarray, origin: dt.datetime) -> np.ndarray:
    """Minutes after `origin` as « 12/09/2022 10:40 » (each distinct minute formatted once)."""
    distinct, index = np.unique(minutes, return_inverse=True)
    texts = [f"{origin + dt.timedelta(minutes=int(m)):%d/%m/%Y %H:%M}" for m in distinct]
    return np.array(texts, object)[index]


def _ascii(name: str) -> str:
    """« Moreau-Lefèvre » → « moreau-lefevre » (for an e-mail address)."""
    plain = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return plain.lower().replace(" ", "").replace("'", "")


def _ips(n: int, rng: np.random.Generator) -> np.ndarray:
    """Addresses of the documentation ranges (TEST-NET-1, 2 and 3)."""
    nets = np.array(["192.0.2.", "198.51.100.", "203.0.113."], object)
    return nets[rng.integers(0, 3, n)] + rng.integers(1, 255, n).astype(str).astype(object)


def _profile_texts(
    model: SurveyModel, promotion: str, n: int, rng: np.random.Generator
) -> np.ndarray:
    """The profile as typed, drawn from the promotion's mix."""
    shares = model.profile_shares[promotion]
    codes = rng.choice(len(model.profiles), n, p=shares)
    texts = np.array([PROFILE_TEXTS[p] for p in model.profiles], object)
    return texts[codes, rng.integers(0, texts.shape[1], n)]


def _question_columns(
    model: SurveyModel, incomplete: np.ndarray, rng: np.random.Generator
) -> dict[str, np.ndarray]:
    """Heading → answer texts of each question (empty when not asked or not answered;
    incomplete rows answered the first page only). The first question is mandatory."""
    n, out = len(incomplete), {}
    given: Given = {}
    trends = _trends(model, rng)
    for position, q in enumerate(model.questions["eig"]):
        if q.kind == "multiple_choice":
            continue  # LimeSurvey exports one column per option: mapped by hand, not here
        asked = _asked(q, given, n) & (~incomplete if position >= FIRST_PAGE else True)
        shares = drifted(q, EXPORT_STEP, trends[q.question_id], rng)
        local = draw(q, asked, shares, rng, no_reply=0.0 if position == 0 else None)
        given[q.question_id] = (q, local)
        texts = [
            ANSWER_TEXTS.get((q.question_id, code), label)
            for code, label in zip(q.options, q.labels, strict=True)
        ]
        cells = np.array([*texts, ""], object)  # the last one: not asked, or unanswered
        out[HEADINGS.get(q.question_id, q.label)] = cells[np.where(local < 0, len(texts), local)]
    return out


def _decimal_comma(seconds: np.ndarray) -> np.ndarray:
    """412.374 → « 412,37 » (as Excel in French writes it)."""
    cents = np.round(seconds * 100).astype(np.int64)
    whole = (cents // 100).astype(str).astype(object)
    return whole + "," + np.char.zfill((cents % 100).astype(str), 2).astype(object)
