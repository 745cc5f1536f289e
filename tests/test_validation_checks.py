"""Each kind of problem the DuckDB checks find, on tiny files, with its exact French message;
files read by DuckDB and by the csv module give the same problems; long lists are capped."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import duckdb
import pytest

from eigdata import formatting as fmt
from eigdata.schemas import dataset, datasets
from eigdata.validation import CAP, Checker, configure, rules, validate_text

BUDGET = "promotion,line,amount,status,source_doc,source_section,note\n"
PROMOTIONS = (
    "promotion,programme,year,sort_order,duration_months,start_month,label_en,"
    "source_doc,source_section,note\n"
)
FIGURES = "indicator,scope,value,unit,approximate,source_doc,source_section,note\n"
DOC = "004_091d441f4f0f9050.txt"
KNOWN = {
    ("promotions", "promotion"): {"EIG 1", "EIG 2"},
    ("budget_lines", "line"): {"salaires", "communication"},
    ("sources", "source_doc"): {DOC},
}
OK = f"EIG 1,salaires,10,réalisé,{DOC},Budget,"


def problems(text: str, name: str = "pia_budget", known: dict | None = None) -> list[str]:
    _, found = validate_text("f.csv", text, dataset(name), KNOWN if known is None else known)
    return [str(p) for p in found]


@pytest.mark.parametrize(
    ("text", "name", "expected"),
    [
        (
            PROMOTIONS + f"EIG 1,EIG,2017.5,1,,,,{DOC},x,\n",
            "promotions",
            "ligne 2, colonne « year » : « 2017.5 » n'est pas un nombre entier",
        ),
        (
            BUDGET + f"EIG 1,salaires,1 000,réalisé,{DOC},Budget,\n",
            "pia_budget",
            "ligne 2, colonne « amount » : « 1 000 » n'est pas un nombre (point décimal)",
        ),
        (
            FIGURES + f"eig,EIG 1,3,personnes,oui,{DOC},x,\n",
            "programme_figures",
            "ligne 2, colonne « approximate » : « oui » n'est pas vrai ou faux (true/false, 1/0)",
        ),
        (
            PROMOTIONS + f"EIG 1,EIG,2017,1,30,,,{DOC},x,\n",
            "promotions",
            "ligne 2, colonne « duration_months » : « 30 » dépasse le maximum autorisé (24)",
        ),
        (
            PROMOTIONS + f"EIG 1,EIG,2017,1,,2017-1,,{DOC},x,\n",
            "promotions",
            "ligne 2, colonne « start_month » : « 2017-1 » n'a pas la forme attendue "
            "([0-9]{4}-[0-9]{2})",
        ),
        (
            PROMOTIONS + f"EIG 1,PIG,2017,1,,,,{DOC},x,\n",
            "promotions",
            "ligne 2, colonne « programme » : « PIG » n'est pas une valeur autorisée "
            "(« EIG », « DIG ») ; valeur la plus proche : « EIG »",
        ),
        (
            PROMOTIONS + f"EIG 1,EIG,2017,1,,,,{DOC},x,\nEIG 2,EIG,2018,01,,,,{DOC},x,\n",
            "promotions",
            "ligne 3, colonne « sort_order » : valeur en double pour la clé (sort_order)",
        ),
        (
            BUDGET + f"{OK}\n,,,,,,\n",
            "pia_budget",
            "ligne 3 : valeur en double pour la clé (promotion, line)",
        ),
        (BUDGET + f"{OK},de trop\n", "pia_budget", "ligne 2 : plus de valeurs que de colonnes"),
        (
            BUDGET + f"EIG 1,salaires,10,réalisé,{DOC},Budget\n",
            "pia_budget",
            "ligne 2, colonne « note » : valeur manquante (ligne trop courte)",
        ),
        (
            BUDGET + f"\n\nEIG 9,salaires,10,réalisé,{DOC},Budget,\n",
            "pia_budget",
            "ligne 2, colonne « promotion » : « EIG 9 » n'existe pas dans promotions.csv "
            "(colonne promotion) ; valeur la plus proche : « EIG 2 »",
        ),
    ],
)
def test_one_problem_of_each_kind(text: str, name: str, expected: str) -> None:
    assert f"fichier f.csv, {expected}" in problems(text, name)


def test_blank_lines_count_in_row_numbers_but_not_for_foreign_keys() -> None:
    text = BUDGET + f"{OK}\n\nEIG 9,salaires,x,réalisé,{DOC},Budget,\n"
    assert problems(text) == [
        "fichier f.csv, ligne 3 : valeur en double pour la clé (promotion, line)",
        "fichier f.csv, ligne 3, colonne « promotion » : « EIG 9 » n'existe pas dans "
        "promotions.csv (colonne promotion) ; valeur la plus proche : « EIG 2 »",
        "fichier f.csv, ligne 4, colonne « amount » : « x » n'est pas un nombre (point décimal)",
    ]


def test_a_short_record_misses_each_cell() -> None:
    assert problems(BUDGET + "EIG 1,salaires,10,réalisé\n") == [
        "fichier f.csv, ligne 2, colonne « note » : valeur manquante (ligne trop courte)",
        "fichier f.csv, ligne 2, colonne « source_doc » : valeur obligatoire manquante",
        "fichier f.csv, ligne 2, colonne « source_doc » : valeur manquante (ligne trop courte)",
        "fichier f.csv, ligne 2, colonne « source_section » : valeur obligatoire manquante",
        "fichier f.csv, ligne 2, colonne « source_section » : valeur manquante (ligne trop courte)",
    ]


def test_two_columns_of_the_same_name_leave_only_header_and_references() -> None:
    text = BUDGET.strip() + f",note\nEIG 9,salaires,x,réalisé,{DOC},Budget,a,b\n"
    assert problems(text) == [
        "fichier f.csv : fichier illisible (error)",
        "fichier f.csv, ligne 1, colonne « note » : colonne en double",
        "fichier f.csv, ligne 2, colonne « promotion » : « EIG 9 » n'existe pas dans "
        "promotions.csv (colonne promotion) ; valeur la plus proche : « EIG 2 »",
    ]


def test_a_header_naming_no_field() -> None:
    found = problems("a,b\n1,2\n")
    assert found[0] == "fichier f.csv : fichier illisible (unmatched-header)"
    assert "fichier f.csv, ligne 1, colonne « a » : colonne inconnue" in found
    assert len(found) == 1 + 2 + 7  # unknown a and b, the 7 columns missing


def test_spaces_around_a_label_still_check_its_cells() -> None:
    text = BUDGET.replace("amount", " amount") + f"EIG 1,salaires,x,réalisé,{DOC},Budget,\n"
    assert problems(text)[-1] == (
        "fichier f.csv, ligne 2, colonne « amount » : « x » n'est pas un nombre (point décimal)"
    )


@pytest.mark.parametrize(
    ("amount", "expected"),
    [
        ("NaN", "« NaN » n'est pas un nombre (point décimal)"),
        ("inf", "« inf » n'est pas un nombre (point décimal)"),
        ("1e3", None),
        ("+5", None),
        (" 7 ", None),
        ("1_000", None),
        (".5", None),
    ],
)
def test_numbers_as_python_reads_them_that_duckdb_can_load(
    amount: str, expected: str | None
) -> None:
    """Frictionless accepted NaN and infinity, which a DECIMAL column cannot hold (the old
    build then failed): they are now a type problem."""
    found = problems(BUDGET + f"EIG 1,salaires,{amount},réalisé,{DOC},Budget,\n")
    assert found == (
        [f"fichier f.csv, ligne 2, colonne « amount » : {expected}"] if expected else []
    )


def test_an_integer_beyond_64_bits_is_a_type_problem() -> None:
    found = problems(PROMOTIONS + f"EIG 1,EIG,99999999999999999999,1,,,,{DOC},x,\n", "promotions")
    assert found == [
        "fichier f.csv, ligne 2, colonne « year » : « 99999999999999999999 » "
        "n'est pas un nombre entier"
    ]


def test_many_identical_problems_are_capped_and_counted() -> None:
    rows = "".join(f"EIG 1,l{i},,réalisé,{DOC},Budget,\n" for i in range(2500))
    _, found = validate_text("f.csv", BUDGET + rows, dataset("pia_budget"), KNOWN)
    required = [p for p in found if p.code == "contrainte"]
    references = [p for p in found if p.code == "reference-inconnue"]
    assert len(required) == len(references) == CAP
    assert [p.row for p in required] == list(range(2, CAP + 2))
    assert required[0].message == "valeur obligatoire manquante"
    assert required[-1].message == (
        f"valeur obligatoire manquante ({fmt.number(2500)} problèmes de ce type dans cette "
        f"colonne ; seuls les {fmt.number(1000)} premiers sont listés)"
    )
    assert references[-1].message == (
        f"« l999 » n'existe pas dans budget_lines.csv (colonne line) ({fmt.number(2500)} "
        f"problèmes de ce type dans cette colonne ; seuls les {fmt.number(1000)} premiers "
        "sont listés)"
    )


def test_an_empty_text_and_a_header_alone() -> None:
    assert problems("") == ["fichier f.csv : le fichier est vide"]
    assert problems(BUDGET) == []


def test_a_lone_carriage_return_is_reported_not_raised() -> None:
    assert problems(BUDGET + "EIG 1,sal\raires\n") == [
        "fichier f.csv : le fichier n'est pas un CSV lisible (retour à la ligne isolé au "
        "milieu d'une ligne ?) ; enregistrez-le de nouveau au format CSV"
    ]


def test_every_schema_uses_only_checked_types_and_constraints() -> None:
    assert [found for ds in datasets().values() for found in rules.unsupported(ds)] == []


FILES = {
    "plain": BUDGET + f"{OK}\n" + f"EIG 2,communication,x,réalisé,{DOC},Budget,\n",
    "crlf": (BUDGET + f"{OK}\nEIG 9,salaires,1,réalisé,{DOC},Budget,\n").replace("\n", "\r\n"),
    "trailing empty cell": BUDGET + f"{OK},\n",
    "blank line": BUDGET + f"{OK}\n\nEIG 9,salaires,1,réalisé,{DOC},Budget,\n",
    "quoted newline": BUDGET + f'EIG 1,salaires,1,réalisé,{DOC},Budget,"a\nb"\n{OK}\n',
    "space before quote": BUDGET + f'EIG 1,salaires,1,réalisé,{DOC},Budget, "a"\n',
    "short record": BUDGET + "EIG 1,salaires\n",
    "unclosed quote": BUDGET + f'EIG 1,salaires,1,réalisé,{DOC},Budget,"a\n{OK}\n',
    "no final newline": BUDGET + OK,
}
READ_BY_DUCKDB = {"plain", "crlf", "quoted newline", "no final newline"}


@pytest.mark.parametrize("name", FILES)
def test_a_file_read_by_duckdb_or_by_csv_gives_what_the_text_gives(
    name: str, tmp_path: Path
) -> None:
    path = tmp_path / "f.csv"
    path.write_bytes(FILES[name].encode("utf-8"))
    ds = dataset("pia_budget")
    with duckdb.connect() as con:
        configure(con)
        checker = Checker(con, KNOWN)
        from_file = checker.check_file(ds, path, "f.csv")
        assert checker.staged[ds.name].exact == (name in READ_BY_DUCKDB)
        rows = checker.rows(ds)
    texts, from_text = validate_text("f.csv", FILES[name], ds, KNOWN)
    assert [str(p) for p in from_file] == [str(p) for p in from_text]
    assert rows == len(texts)


def test_a_file_not_in_utf8_says_where(tmp_path: Path) -> None:
    path = tmp_path / "sources.csv"
    path.write_bytes("source_doc\nRéunion\n".encode("cp1252"))
    with duckdb.connect() as con:
        configure(con)
        found = Checker(con).check_file(dataset("sources"), path)
    assert [str(p) for p in found] == [
        "fichier sources.csv : le fichier n'est pas en UTF-8 (octet illisible en position 12)"
    ]


def test_texts_checked_at_once_by_several_threads_keep_their_own_problems() -> None:
    texts = [BUDGET + f"EIG {i},salaires,{i}x,réalisé,{DOC},Budget,\n" for i in range(1, 9)]
    with ThreadPoolExecutor(max_workers=4) as pool:
        found = list(pool.map(problems, texts))
    assert [len(f) for f in found] == [1, 1, 2, 2, 2, 2, 2, 2]
    assert [f[0] for f in found] == [
        f"fichier f.csv, ligne 2, colonne « amount » : « {i}x » n'est pas un nombre (point décimal)"
        for i in range(1, 9)
    ]
