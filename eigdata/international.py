"""Questions of the « Comparaison internationale » page: the EIG programme among the seven
programmes abroad of the May 2019 note.

Every cell of the comparison says what it is: published, approximate (« environ »), a bound
(« plus de »), a range, computed from published or stored figures, not published, or not
applicable (a programme that recruits no fellows). A figure the source does not give is
never zero: it has no value. Amounts are converted to euros at the rates of
`international_rates.csv`, stated on the page.

Two EIG rows: the figures published in 2019-2020 (programme `eig` of the CSV, fixed), and
the row computed from the dashboard's own data (promotions, PIA lines, survey campaigns),
which moves when promotions and campaigns are imported.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import asdict, dataclass

import duckdb
import pandas as pd

from eigdata import formatting as fmt
from eigdata.runner import run
from eigdata.survey import Filters, trends

Connection = duckdb.DuckDBPyConnection
EIG = "eig"
LIVE = "eig_donnees"
LIVE_LABEL = "EIG — données du tableau de bord"
PUBLISHED_LABEL = "EIG — chiffres publiés (2019-2020)"
INDICATORS = {
    "start_year": "Année de lancement",
    "fellows_per_year": "Fellows par an",
    "duration_months": "Durée",
    "annual_pay": "Rémunération annuelle (€)",
    "budget": "Budget (€)",
    "selectivity": "Candidats par place",
    "stayed": "Restés dans le secteur public",
    "wished": "Souhaitant rester dans le secteur public",
    "funding": "Financement",
    "employer": "Employeur des fellows",
}
UNITS = {  # unit of the numbers of each comparison column (amounts in euros)
    "start_year": "année",
    "fellows_per_year": "personnes par an",
    "duration_months": "mois",
    "annual_pay": "euros par an",
    "budget": "euros",
    "selectivity": "candidats par place",
    "stayed": "part (0 à 1)",
    "wished": "part (0 à 1)",
    "funding": "",
    "employer": "",
}
FELLOW_INDICATORS = {
    "fellows_per_year",
    "duration_months",
    "annual_pay",
    "selectivity",
    "stayed",
    "wished",
}
PUBLISHED, APPROXIMATE, BOUND, RANGE = "publié", "approché", "borne", "fourchette"
COMPUTED, UNPUBLISHED, NOT_APPLICABLE = "calculé", "non publié", "sans objet"
STATUSES = [PUBLISHED, APPROXIMATE, BOUND, RANGE, COMPUTED, UNPUBLISHED, NOT_APPLICABLE]
BOUNDS = {">", "<", "≤", "≥"}
PREFIX = {"=": "", "≈": "≈ ", ">": "plus de ", "<": "moins de ", "≤": "au plus ", "≥": "au moins "}
SYMBOLS = {"EUR": "€", "USD": "$ US", "AUD": "$ AU", "CAD": "$ CA"}
BUDGETS = {  # budget figures in order of preference, and how the cell names them
    "budget_year": "budget annuel",
    "salary_budget_year": "budget annuel des salaires",
    "budget_total": "budget cumulé",
    "cost_per_fellow_year": "coût par participant et par an",
}
CHARTS = {  # indicator -> (chart title, axis title)
    "fellows_per_year": ("Fellows recrutés par an", "Fellows par an"),
    "annual_pay": ("Rémunération annuelle en euros", "Rémunération annuelle (€)"),
}
IN_ADMINISTRATION = ["administration_contractuel", "administration_autre"]
STAYED_QUESTION, WISHED_QUESTION = "situation_actuelle", trends.AFTER
LIVE_SOURCE = "Données du tableau de bord"
EIG_GROUP, OTHER_GROUP = "Programme EIG", "Programmes étrangers"
NBSP = fmt.NARROW_NBSP
MONTHS, PERCENT, EURO = f"{NBSP}mois", f"{NBSP}%", f"{NBSP}€"


@dataclass(frozen=True)
class Cell:
    """One cell of the comparison: its value (euros for amounts, a share for shares), the
    upper bound of a range, its status, the text shown and where it comes from."""

    value: float | None = None
    high: float | None = None
    status: str = UNPUBLISHED
    period: str = ""
    text: str = UNPUBLISHED
    source: str = ""
    detail: str = ""


# --- Reading the data ------------------------------------------------------------------


def figures(con: Connection) -> pd.DataFrame:
    """Every published figure of the compared programmes, euros converted, with its source."""
    return run(con, "international_figures")


def programmes(con: Connection) -> pd.DataFrame:
    """The compared programmes in display order: country, funding model, employer."""
    return run(con, "international_programmes")


def rates(con: Connection) -> pd.DataFrame:
    """The conversion rates to euros (units per euro), their date and source."""
    return run(con, "international_rates")


def eig_promotions(con: Connection) -> pd.DataFrame:
    """Per promotion: year, duration, EIG, published candidates and PIA spending."""
    return run(con, "international_eig_promotions")


# --- The comparison --------------------------------------------------------------------


def cells(con: Connection) -> pd.DataFrame:
    """The comparison in long form: one row per row of the table (the EIG computed from
    the data, the EIG as published, then each programme abroad) and per indicator."""
    progs = programmes(con).set_index("programme")
    figs = figures(con)
    rows = []
    if EIG in progs.index:
        rows.append((LIVE, LIVE_LABEL, progs.loc[EIG], live_cells(con, progs.loc[EIG])))
    for code, prog in progs.iterrows():
        label = PUBLISHED_LABEL if code == EIG else str(prog["name"])
        rows.append(
            (str(code), label, prog, published_cells(figs[figs["programme"] == code], prog))
        )
    return pd.DataFrame(
        [
            {
                "row": code,
                "label": label,
                "country": str(prog["country"]),
                "group": EIG_GROUP if code in (EIG, LIVE) else OTHER_GROUP,
                "indicator": indicator,
                "heading": INDICATORS[indicator],
                **asdict(cell),
            }
            for code, label, prog, found in rows
            for indicator, cell in found.items()
        ]
    )


def published_cells(figs: pd.DataFrame, prog: pd.Series) -> dict[str, Cell]:
    """Every indicator of one programme from its published figures; a missing figure is
    « non publié », or « sans objet » for a fellows' figure of a programme recruiting none."""
    by = {ind: rows.sort_values("period_end") for ind, rows in figs.groupby("indicator")}
    found = {
        "start_year": _latest(by, "start_year", _year_cell),
        "fellows_per_year": _latest(by, "fellows_per_year", _count_cell),
        "duration_months": _latest(by, "duration_months", _months_cell),
        "annual_pay": _pay(by),
        "budget": _budget(by),
        "selectivity": _selectivity(by),
        "stayed": _stayed(by),
        "wished": _latest(by, "wished_share", _share_cell),
    }
    out = {ind: cell or _missing(ind, prog) for ind, cell in found.items()}
    return out | _attributes(prog)


def live_cells(con: Connection, prog: pd.Series) -> dict[str, Cell]:
    """The EIG row computed from the dashboard's data: promotions (published EIG counts,
    else the programme site's), PIA lines, the net salary and the latest survey campaigns."""
    promos = eig_promotions(con)
    found = {
        "start_year": _live_start(promos),
        "fellows_per_year": _live_fellows(promos),
        "duration_months": _live_duration(promos),
        "annual_pay": _live_pay(con),
        "budget": _live_budget(promos),
        "selectivity": _live_selectivity(promos),
        "stayed": _live_share(
            con, STAYED_QUESTION, IN_ADMINISTRATION, "travaillent dans l'administration"
        ),
        "wished": _live_share(con, WISHED_QUESTION, ["oui"], "souhaitent y rester"),
    }
    out = {ind: cell or Cell() for ind, cell in found.items()}
    return out | _attributes(prog)


# --- Published cells -------------------------------------------------------------------


def _latest(
    by: dict[str, pd.DataFrame], indicator: str, build: Callable[[pd.Series], Cell]
) -> Cell | None:
    """The cell of the latest period of a published indicator (None if unpublished)."""
    rows = by.get(indicator)
    return None if rows is None or rows.empty else build(rows.iloc[-1])


def _status(qualifier: str, high: object, computed: bool = False) -> str:
    if qualifier in BOUNDS:
        return BOUND
    if _num(high) is not None:
        return RANGE
    if qualifier == "≈":
        return APPROXIMATE
    return COMPUTED if computed else PUBLISHED


def _span(
    low: float,
    high: float | None,
    qualifier: str,
    render: Callable[[float], str] = fmt.number,
    unit: str = "",
) -> str:
    """« 15 à 20 », « 6 à 12 mois », « ≈ 1 300 », « plus de 70 % »."""
    body = render(low) if high is None else f"{render(low)} à {render(high)}"
    return PREFIX[qualifier] + body + unit


def _cell(
    row: pd.Series,
    render: Callable[[float], str] = fmt.number,
    unit: str = "",
    with_period: bool = True,
) -> Cell:
    """A published figure as it is: its value (or range), qualifier, period and source."""
    low, high = float(row["value"]), _num(row["value_max"])
    text = _span(low, high, row["qualifier"], render, unit)
    return Cell(
        value=low,
        high=high,
        status=_status(row["qualifier"], high),
        period=str(row["period"]),
        text=f"{text} ({row['period']})" if with_period else text,
        source=str(row["source"]),
        detail=str(row["note"]),
    )


def _year_cell(row: pd.Series) -> Cell:
    return _cell(row, _year, with_period=False)


def _count_cell(row: pd.Series) -> Cell:
    return _cell(row)


def _months_cell(row: pd.Series) -> Cell:
    return _cell(row, unit=MONTHS)


def _share_cell(row: pd.Series) -> Cell:
    return _cell(row, _hundred, PERCENT)


def _money_cell(row: pd.Series, what: str = "") -> Cell:
    """An amount in euros at the dashboard's rate, with the amount as published (and the
    source's own euro equivalent, if it gives one)."""
    low, high = _num(row["value_eur"]), _num(row["value_max_eur"])
    if low is None:  # a currency without a rate: shown as published, not converted
        return Cell(status=UNPUBLISHED, text="taux de conversion manquant", source=row["source"])
    symbol = f"{NBSP}{SYMBOLS.get(row['currency'], row['currency'])}"
    published = _span(row["value"], _num(row["value_max"]), row["qualifier"], unit=symbol)
    converted = _span(low, high, row["qualifier"], unit=EURO)
    said = [what] if what else []
    if row["currency"] != "EUR":
        said.insert(0, published)
    said.append(str(row["period"]))
    detail = [str(row["note"])] if row["note"] else []
    if _num(row["eur_published"]) is not None:
        given = _span(row["eur_published"], _num(row["eur_published_max"]), "≈", unit=EURO)
        detail.append(f"la source donne {given}")
    return Cell(
        value=low,
        high=high,
        status=_status(row["qualifier"], high),
        period=str(row["period"]),
        text=f"{converted} ({' ; '.join(said)})",
        source=str(row["source"]),
        detail=" ; ".join(detail),
    )


def _pay(by: dict[str, pd.DataFrame]) -> Cell | None:
    """The annual pay as published, else the net monthly pay × 12 (computed)."""
    if "annual_pay" in by:
        return _money_cell(by["annual_pay"].iloc[-1])
    if "monthly_pay_net" not in by:
        return None
    row = by["monthly_pay_net"].iloc[-1]
    monthly = _num(row["value_eur"])
    if monthly is None:
        return None
    return Cell(
        value=12 * monthly,
        status=_status(row["qualifier"], None, computed=True),
        period=str(row["period"]),
        text=f"{euros(12 * monthly)} nets ({euros(monthly)} nets par mois × 12 ; {row['period']})",
        source=str(row["source"]),
        detail=str(row["note"]),
    )


def _budget(by: dict[str, pd.DataFrame]) -> Cell | None:
    """The first budget figure published, in order of preference (`BUDGETS`)."""
    for indicator, what in BUDGETS.items():
        if indicator in by:
            return _money_cell(by[indicator].iloc[-1], what)
    return None


def _selectivity(by: dict[str, pd.DataFrame]) -> Cell | None:
    """Candidates per place: candidates over the fellows of the same period, else the
    inverse of the published admission rate."""
    if "candidates" in by:
        row = by["candidates"].iloc[-1]
        places = _same_period(by, ["fellows_per_year", "fellows_total"], row["period"])
        if places is not None and _num(places["value"]):
            return _ratio_cell(row, places)
    if "admission_rate" in by:
        return _admission_cell(by["admission_rate"].iloc[-1])
    return None


def _ratio_cell(candidates: pd.Series, places: pd.Series) -> Cell:
    ratio = float(candidates["value"]) / float(places["value"])
    exact = candidates["qualifier"] == "=" and places["qualifier"] == "="
    return Cell(
        value=ratio,
        status=COMPUTED if exact else APPROXIMATE,
        period=str(candidates["period"]),
        text=f"{fmt.number(ratio, 1)} ({fmt.number(candidates['value'])} candidats pour "
        f"{fmt.number(places['value'])} places ; {candidates['period']})",
        source=f"{candidates['source']} ; {places['source']}",
        detail=str(candidates["note"]),
    )


def _admission_cell(row: pd.Series) -> Cell:
    """1 / admission rate: 5 to 10 % admitted is 10 to 20 candidates per place."""
    low_rate, high_rate = float(row["value"]), _num(row["value_max"])
    low = 1 / (high_rate if high_rate else low_rate)
    high = 1 / low_rate if high_rate else None
    rate = _span(low_rate, high_rate, row["qualifier"], _hundred, PERCENT)
    return Cell(
        value=low,
        high=high,
        status=_status(row["qualifier"], high, computed=True),
        period=str(row["period"]),
        text=f"{_span(low, high, row['qualifier'])} ({rate} des candidats "
        f"retenus ; {row['period']})",
        source=str(row["source"]),
        detail=str(row["note"]),
    )


def _stayed(by: dict[str, pd.DataFrame]) -> Cell | None:
    """The published share that stayed, else the fellows who stayed over the fellows of
    the same period (computed)."""
    if "stayed_share" in by:
        return _share_cell(by["stayed_share"].iloc[-1])
    if "fellows_stayed" not in by:
        return None
    row = by["fellows_stayed"].iloc[-1]
    total = _same_period(by, ["fellows_total"], row["period"])
    if total is None or not _num(total["value"]):
        return None
    share = float(row["value"]) / float(total["value"])
    exact = row["qualifier"] == "=" and total["qualifier"] == "="
    return Cell(
        value=share,
        status=COMPUTED if exact else APPROXIMATE,
        period=str(row["period"]),
        text=f"{fmt.percent(share)} ({fmt.number(row['value'])} sur "
        f"{fmt.number(total['value'])} ; {row['period']})",
        source=str(row["source"]),
        detail=str(row["note"]),
    )


def _same_period(
    by: dict[str, pd.DataFrame], indicators: list[str], period: str
) -> pd.Series | None:
    for indicator in indicators:
        rows = by.get(indicator)
        if rows is not None:
            same = rows[rows["period"] == period]
            if not same.empty:
                return same.iloc[-1]
    return None


def _missing(indicator: str, prog: pd.Series) -> Cell:
    if indicator in FELLOW_INDICATORS and not bool(prog["recruits_fellows"]):
        return Cell(
            status=NOT_APPLICABLE,
            text=NOT_APPLICABLE,
            source=str(prog["source"]),
            detail=str(prog["note"]),
        )
    return Cell(status=UNPUBLISHED, text=UNPUBLISHED, source=str(prog["source"]))


def _attributes(prog: pd.Series) -> dict[str, Cell]:
    """Funding model and employer of the fellows, as the source describes them."""
    return {
        key: Cell(
            status=value if value in (UNPUBLISHED, NOT_APPLICABLE) else PUBLISHED,
            text=value,
            source=str(prog["source"]),
            detail=str(prog["note"]),
        )
        for key, value in (("funding", str(prog["funding"])), ("employer", str(prog["employer"])))
    }


# --- The EIG row from the dashboard's data ---------------------------------------------


def _live(
    value: float,
    text: str,
    period: str,
    source: str,
    detail: str = "",
    high: float | None = None,
) -> Cell:
    """A cell of the EIG row computed from the dashboard's data."""
    return Cell(value, high, COMPUTED, period, text, source, detail)


def _live_start(promos: pd.DataFrame) -> Cell | None:
    if promos.empty:
        return None
    first = promos.loc[promos["year"].idxmin()]
    return _live(
        float(first["year"]),
        _year(first["year"]),
        _year(first["year"]),
        f"{LIVE_SOURCE} : promotions ({first['promotion']})",
    )


def _live_fellows(promos: pd.DataFrame) -> Cell | None:
    """EIG recruited in the latest year with promotions (all promotions of that year)."""
    known = promos.dropna(subset=["eig"])
    if known.empty:
        return None
    by_year = known.groupby("year").agg(eig=("eig", "sum"), names=("promotion", ", ".join))
    year = int(by_year.index.max())
    latest = by_year.loc[year]
    every = " ; ".join(f"{y} : {fmt.number(r.eig)}" for y, r in by_year.iterrows())
    return _live(
        float(latest["eig"]),
        f"{fmt.number(latest['eig'])} ({year} ; {latest['names']})",
        str(year),
        f"{LIVE_SOURCE} : EIG par promotion (chiffre publié, sinon site du programme)",
        f"par année : {every}",
    )


def _live_duration(promos: pd.DataFrame) -> Cell | None:
    months = promos["duration_months"].dropna().astype(float)
    if months.empty:
        return None
    low, high = months.min(), months.max()
    varying = promos.loc[promos["duration_months"].isna(), "promotion"].tolist()
    detail = f"durée non uniforme pour {', '.join(varying)}" if varying else ""
    shown = _span(low, None if high == low else high, "=", unit=MONTHS)
    return _live(
        low, shown, "", f"{LIVE_SOURCE} : promotions", detail, None if high == low else high
    )


def _live_pay(con: Connection) -> Cell | None:
    found = run(con, "programme_indicator", indicator="salary_net_monthly")
    if found.empty:
        return None
    row = found.iloc[0]
    monthly = float(row["value"])
    return _live(
        12 * monthly,
        f"{euros(12 * monthly)} nets ({euros(monthly)} nets par mois × 12)",
        "",
        str(row["source"]),
    )


def _live_budget(promos: pd.DataFrame) -> Cell | None:
    spent = promos.dropna(subset=["spending"])
    if spent.empty:
        return None
    total = float(spent["spending"].sum())
    years = f"{int(spent['year'].min())}-{int(spent['year'].max())}"
    forecast = spent.loc[spent["budget_status"].str.contains("prévisionnel"), "promotion"]
    names = ", ".join(spent["promotion"])
    extra = f" ; dont prévisionnel : {', '.join(forecast)}" if not forecast.empty else ""
    return _live(
        total,
        f"{euros(total)} (budget cumulé ; {names}{extra} ; {years})",
        years,
        f"{LIVE_SOURCE} : lignes de dépense du budget PIA",
    )


def _live_selectivity(promos: pd.DataFrame) -> Cell | None:
    both = promos.dropna(subset=["candidates", "eig"])
    both = both[both["eig"] > 0]
    if both.empty:
        return None
    candidates, eig = float(both["candidates"].sum()), float(both["eig"].sum())
    ratio = candidates / eig
    each = " ; ".join(
        f"{r.promotion} : {fmt.number(r.candidates / r.eig, 1)}" for r in both.itertuples()
    )
    return _live(
        ratio,
        f"{fmt.number(ratio, 1)} ({fmt.number(candidates)} candidats pour {fmt.number(eig)} "
        f"EIG ; {', '.join(both['promotion'])})",
        "",
        f"{LIVE_SOURCE} : candidatures publiées et EIG par promotion",
        f"par promotion : {each}",
    )


def _live_share(con: Connection, question: str, answers: list[str], verb: str) -> Cell | None:
    """The share of EIG respondents giving one of `answers` in the latest campaign asking
    `question`, under the survey's privacy rule."""
    frame = trends.share_by_campaign(con, question, answers, Filters(["eig"]))
    if frame.empty:
        return None
    row = frame.iloc[-1]
    source = f"{LIVE_SOURCE} : {row['campaign_label']}"
    if isinstance(row["reason"], str) or pd.isna(row["share"]):
        return Cell(status=UNPUBLISHED, text=f"non affiché : {row['reason']}", source=source)
    return _live(
        float(row["share"]),
        f"{fmt.percent(row['share'])} ({fmt.number(row['n'])} sur "
        f"{fmt.number(row['denominator'])} EIG répondants {verb} ; {row['year']})",
        str(row["year"]),
        source,
        f"IC 95 % : {fmt.percent(row['low'])} à {fmt.percent(row['high'])}",
    )


# --- Tables, charts and their sentences ------------------------------------------------


def table(found: pd.DataFrame) -> pd.DataFrame:
    """One row per row of the comparison, one column per indicator: the cell's text."""
    wide = found.pivot(index=["label", "country"], columns="heading", values="text")
    order = list(dict.fromkeys(found["label"]))
    wide = wide.reindex(columns=list(INDICATORS.values())).reset_index()
    wide = wide.set_index("label").loc[order].reset_index()
    wide.columns.name = None
    return wide.rename(columns={"label": "Programme", "country": "Pays"})


def detail_table(found: pd.DataFrame) -> pd.DataFrame:
    """Every cell with its nature, period, numbers (euros for amounts) and source."""
    return pd.DataFrame(
        {
            "Programme": found["label"],
            "Indicateur": found["heading"],
            "Chiffre": found["text"],
            "Nature": found["status"],
            "Valeur": found["value"],
            "Valeur haute": found["high"],
            "Unité": found["indicator"].map(UNITS),
            "Période": found["period"],
            "Source": found["source"],
            "Précision": found["detail"],
        }
    )


def chart_frame(found: pd.DataFrame, indicator: str) -> pd.DataFrame:
    """The rows with a value for `indicator` (never the unpublished ones as zeros): bar at
    the value (low bound of a range), interval up to the high bound."""
    rows = found[(found["indicator"] == indicator) & found["value"].notna()].copy()
    rows["high"] = rows["high"].fillna(rows["value"])
    rows["shown"] = rows["text"].map(_short)
    return rows[["label", "group", "value", "high", "shown", "status", "period", "source"]]


def chart_table(frame: pd.DataFrame, heading: str) -> pd.DataFrame:
    """The chart's figures as an accessible table: text as shown, nature, period, source."""
    return pd.DataFrame(
        {
            "Programme": frame["label"],
            heading: frame["shown"],
            "Nature": frame["status"],
            "Période": frame["period"],
            "Source": frame["source"],
        }
    )


def chart_reading(found: pd.DataFrame, indicator: str, render: Callable[[float], str]) -> str:
    """One sentence: the EIG's figure from the data, the lowest and highest programme abroad,
    and the programmes without a figure (left out of the chart, never drawn as zero)."""
    rows = found[found["indicator"] == indicator]
    shown = rows[rows["value"].notna()]
    live = rows[rows["row"] == LIVE]
    parts = []
    if not live.empty:
        cell = live.iloc[0]
        parts.append(f"Programme EIG, d'après les données du tableau de bord : {cell['text']}")
    abroad = shown[shown["group"] == OTHER_GROUP]
    if not abroad.empty:
        highs = abroad["high"].fillna(abroad["value"])
        low, top = abroad.loc[abroad["value"].idxmin()], abroad.loc[highs.idxmax()]
        parts.append(
            f"à l'étranger, de {render(low['value'])} ({low['label']}) à "
            f"{render(highs[top.name])} ({top['label']})"
        )
    sentence = " ; ".join(parts) or "Aucun programme ne publie ce chiffre"
    return f"{sentence}. {absent_sentence(rows)}"


def absent_sentence(rows: pd.DataFrame) -> str:
    """« Non publié (absent du graphique, pas à zéro) : … ; sans objet : … »."""
    parts = []
    for status, said in ((UNPUBLISHED, "Non publié"), (NOT_APPLICABLE, "Sans objet")):
        names = rows.loc[rows["value"].isna() & (rows["status"] == status), "label"].tolist()
        if names:
            parts.append(f"{said} : {', '.join(names)}")
    if not parts:
        return "Tous les programmes ont un chiffre."
    return " ; ".join(parts) + " — ces programmes sont absents du graphique, pas à zéro."


def conversion(con: Connection) -> str:
    """The sentence stating the conversion rates the dashboard uses, their date and source."""
    return conversion_text(rates(con))


def conversion_text(found: pd.DataFrame) -> str:
    """« 1 € = 1,1151 $ US ; … (taux de référence de la BCE du 31 mai 2019) »."""
    if found.empty:
        return "Aucun taux de conversion : les montants en devises ne sont pas convertis."
    parts = [
        f"1{NBSP}€ = {fmt.number(r.per_euro, 4)}{NBSP}{SYMBOLS.get(r.currency, r.currency)}"
        for r in found.itertuples()
    ]
    dates = sorted({fmt.long_date(pd.Timestamp(d).date()) for d in found["rate_date"]})
    sources = sorted(set(found["source"]))
    return (
        f"Montants convertis en euros par le tableau de bord : {' ; '.join(parts)} "
        f"(taux du {', '.join(dates)} ; source : {', '.join(sources)})."
    )


def documents(con: Connection) -> list[str]:
    """The documents the comparison cites (figures, programmes, conversion rates), once each."""
    found = [*figures(con)["document"], *programmes(con)["document"], *rates(con)["source"]]
    return sorted(set(found))


# --- Shared ----------------------------------------------------------------------------


def _num(value: object) -> float | None:
    if value is None or pd.isna(value):
        return None
    return float(value)


def _year(value: float) -> str:
    return str(int(value))


def _short(text: str) -> str:
    """A cell's text without its parenthesis: « 41 (2020 ; EIG 4) » → « 41 »."""
    return text.split(" (")[0]


def euros(value: float) -> str:
    """Whole euros: « 48 000 € »."""
    return fmt.euros(value, False)


def _hundred(share: float) -> str:
    """A share as a number of percent, rounded as `fmt.percent` (0.377 → « 38 »)."""
    return fmt.number(100 * share)
