"""Questions of the « Comparaison internationale » page: the EIG programme among the seven
programmes abroad of the May 2019 note.

Every cell of the comparison says what it is: published, approximate (« environ »), a bound
(« plus de »), a range, computed from published or stored figures, not published, or not
applicable (a programme that recruits no fellows). A figure the source does not give is
never zero: it has no value. Amounts are converted to euros at the rates of
`international_rates.csv`, stated on the page.

Texts are in the run's language (`eigdata.i18n`): statuses, countries, funding models and
employers are French codes in the data and in the `status` column, translated where shown
(cell texts, `table`, `detail_table`, `chart_frame`, `chart_table`); the notes and sources
taken from the documents stay as published.

Two EIG rows: the figures published in 2019-2020 (programme `eig` of the CSV, fixed), and
the row computed from the dashboard's own data (promotions, PIA lines, survey campaigns),
which moves when promotions and campaigns are imported.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import asdict, dataclass

import duckdb
import pandas as pd

from eigdata import formatting as fmt
from eigdata.i18n import N_, _, lang
from eigdata.runner import run
from eigdata.survey import Filters, trends

Connection = duckdb.DuckDBPyConnection
EIG = "eig"
LIVE = "eig_donnees"
LIVE_LABEL = N_("EIG — données du tableau de bord")
PUBLISHED_LABEL = N_("EIG — chiffres publiés (2019-2020)")
INDICATORS = {
    "start_year": N_("Année de lancement"),
    "fellows_per_year": N_("Fellows par an"),
    "duration_months": N_("Durée"),
    "annual_pay": N_("Rémunération annuelle (€)"),
    "budget": N_("Budget (€)"),
    "selectivity": N_("Candidats par place"),
    "stayed": N_("Restés dans le secteur public"),
    "wished": N_("Souhaitant rester dans le secteur public"),
    "funding": N_("Financement"),
    "employer": N_("Employeur des fellows"),
}
UNITS = {  # unit of the numbers of each comparison column (amounts in euros)
    "start_year": N_("année"),
    "fellows_per_year": N_("personnes par an"),
    "duration_months": N_("mois"),
    "annual_pay": N_("euros par an"),
    "budget": N_("euros"),
    "selectivity": N_("candidats par place"),
    "stayed": N_("part (0 à 1)"),
    "wished": N_("part (0 à 1)"),
}
FELLOW_INDICATORS = {
    "fellows_per_year",
    "duration_months",
    "annual_pay",
    "selectivity",
    "stayed",
    "wished",
}
# The nature of a cell: codes of the `status` column (French), translated where shown.
PUBLISHED, APPROXIMATE, BOUND, RANGE = N_("publié"), N_("approché"), N_("borne"), N_("fourchette")
COMPUTED, UNPUBLISHED, NOT_APPLICABLE = N_("calculé"), N_("non publié"), N_("sans objet")
STATUSES = [PUBLISHED, APPROXIMATE, BOUND, RANGE, COMPUTED, UNPUBLISHED, NOT_APPLICABLE]
BOUNDS = {">", "<", "≤", "≥"}
PREFIX = {  # how a qualifier other than « = » reads before its figure
    "≈": N_("≈ {span}"),
    ">": N_("plus de {span}"),
    "<": N_("moins de {span}"),
    "≤": N_("au plus {span}"),
    "≥": N_("au moins {span}"),
}
EURO = "€"
SYMBOLS = {"USD": N_("$ US"), "AUD": N_("$ AU"), "CAD": N_("$ CA")}
BUDGETS = {  # budget figures in order of preference, and how the cell names them
    "budget_year": N_("budget annuel"),
    "salary_budget_year": N_("budget annuel des salaires"),
    "budget_total": N_("budget cumulé"),
    "cost_per_fellow_year": N_("coût par participant et par an"),
}
CHARTS = {  # indicator -> (chart title, axis title)
    "fellows_per_year": (N_("Fellows recrutés par an"), N_("Fellows par an")),
    "annual_pay": (N_("Rémunération annuelle en euros"), N_("Rémunération annuelle (€)")),
}
# Values of the programmes' CSV (French, as the schema declares them), translated where shown.
COUNTRIES = {
    "France": N_("France"),
    "États-Unis": N_("États-Unis"),
    "Australie": N_("Australie"),
    "Canada": N_("Canada"),
    "Italie": N_("Italie"),
    "Allemagne": N_("Allemagne"),
}
ATTRIBUTES = {  # funding model and employer of the fellows
    "public": N_("public"),
    "privé": N_("privé"),
    "mixte": N_("mixte"),
    "administration": N_("administration"),
    "association": N_("association"),
    UNPUBLISHED: UNPUBLISHED,
    NOT_APPLICABLE: NOT_APPLICABLE,
}
IN_ADMINISTRATION = ["administration_contractuel", "administration_autre"]
STAYED_QUESTION, WISHED_QUESTION = "situation_actuelle", trends.AFTER
EIG_GROUP, OTHER_GROUP = N_("Programme EIG"), N_("Programmes étrangers")
GROUPS = [EIG_GROUP, OTHER_GROUP]  # codes of the `group` column, translated in charts
NBSP = fmt.NARROW_NBSP
MONTHS = N_("mois")


@dataclass(frozen=True)
class Cell:
    """One cell of the comparison: its value (euros for amounts, a share for shares), the
    upper bound of a range, its status, the text shown and where it comes from."""

    value: float | None = None
    high: float | None = None
    status: str = UNPUBLISHED
    period: str = ""
    text: str = UNPUBLISHED  # shown: in the run's language (see `_unpublished`)
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
        rows.append((LIVE, _(LIVE_LABEL), progs.loc[EIG], live_cells(con, progs.loc[EIG])))
    for code, prog in progs.iterrows():
        label = _(PUBLISHED_LABEL) if code == EIG else str(prog["name"])
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
                "heading": _(INDICATORS[indicator]),
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
            con, STAYED_QUESTION, IN_ADMINISTRATION, _("travaillent dans l'administration")
        ),
        "wished": _live_share(con, WISHED_QUESTION, ["oui"], _("souhaitent y rester")),
    }
    out = {ind: cell or _unpublished() for ind, cell in found.items()}
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
    """« 15 à 20 », « 6 à 12 mois », « ≈ 1 300 », « plus de 70 % » (« 6 to 12 months »,
    « more than 70% » in English)."""
    if high is None:
        body = render(low) + unit
    else:
        body = _("{low} à {high}").format(low=render(low), high=render(high)) + unit
    return _(PREFIX[qualifier]).format(span=body) if qualifier in PREFIX else body


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
    return _cell(row, unit=_months())


def _share_cell(row: pd.Series) -> Cell:
    return _cell(row, _hundred, _percent())


def _money_cell(row: pd.Series, what: str = "") -> Cell:
    """An amount in euros at the dashboard's rate, with the amount as published (and the
    source's own euro equivalent, if it gives one)."""
    low, high = _num(row["value_eur"]), _num(row["value_max_eur"])
    if low is None:  # a currency without a rate: shown as published, not converted
        return Cell(status=UNPUBLISHED, text=_("taux de conversion manquant"), source=row["source"])
    in_currency = _amounts(symbol(row["currency"]))
    published = _span(row["value"], _num(row["value_max"]), row["qualifier"], *in_currency)
    converted = _span(low, high, row["qualifier"], *_amounts(EURO))
    said = [_(what)] if what else []
    if row["currency"] != "EUR":
        said.insert(0, published)
    said.append(str(row["period"]))
    detail = [str(row["note"])] if row["note"] else []
    if _num(row["eur_published"]) is not None:
        given = _span(row["eur_published"], _num(row["eur_published_max"]), "≈", *_amounts(EURO))
        detail.append(_("la source donne {amount}").format(amount=given))
    return Cell(
        value=low,
        high=high,
        status=_status(row["qualifier"], high),
        period=str(row["period"]),
        text=f"{converted} ({listed(said)})",
        source=str(row["source"]),
        detail=listed(detail),
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
        text=_("{annual} nets ({monthly} nets par mois × 12 ; {period})").format(
            annual=euros(12 * monthly), monthly=euros(monthly), period=row["period"]
        ),
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
        text=_("{ratio} ({candidates} candidats pour {places} places ; {period})").format(
            ratio=fmt.number(ratio, 1),
            candidates=fmt.number(candidates["value"]),
            places=fmt.number(places["value"]),
            period=candidates["period"],
        ),
        source=listed([str(candidates["source"]), str(places["source"])]),
        detail=str(candidates["note"]),
    )


def _admission_cell(row: pd.Series) -> Cell:
    """1 / admission rate: 5 to 10 % admitted is 10 to 20 candidates per place."""
    low_rate, high_rate = float(row["value"]), _num(row["value_max"])
    low = 1 / (high_rate if high_rate else low_rate)
    high = 1 / low_rate if high_rate else None
    rate = _span(low_rate, high_rate, row["qualifier"], _hundred, _percent())
    return Cell(
        value=low,
        high=high,
        status=_status(row["qualifier"], high, computed=True),
        period=str(row["period"]),
        text=_("{ratio} ({rate} des candidats retenus ; {period})").format(
            ratio=_span(low, high, row["qualifier"]), rate=rate, period=row["period"]
        ),
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
        text=_("{share} ({n} sur {total} ; {period})").format(
            share=fmt.percent(share),
            n=fmt.number(row["value"]),
            total=fmt.number(total["value"]),
            period=row["period"],
        ),
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
            text=_(NOT_APPLICABLE),
            source=str(prog["source"]),
            detail=str(prog["note"]),
        )
    return _unpublished(str(prog["source"]))


def _unpublished(source: str = "") -> Cell:
    """A figure the source does not give: no value, « non publié » in the run's language."""
    return Cell(status=UNPUBLISHED, text=_(UNPUBLISHED), source=source)


def _attributes(prog: pd.Series) -> dict[str, Cell]:
    """Funding model and employer of the fellows, as the source describes them."""
    return {
        key: Cell(
            status=value if value in (UNPUBLISHED, NOT_APPLICABLE) else PUBLISHED,
            text=shown(value, ATTRIBUTES),
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
        _("Données du tableau de bord : promotions ({promotion})").format(
            promotion=first["promotion"]
        ),
    )


def _live_fellows(promos: pd.DataFrame) -> Cell | None:
    """EIG recruited in the latest year with promotions (all promotions of that year)."""
    known = promos.dropna(subset=["eig"])
    if known.empty:
        return None
    by_year = known.groupby("year").agg(eig=("eig", "sum"), names=("promotion", ", ".join))
    year = int(by_year.index.max())
    latest = by_year.loc[year]
    every = listed(
        _("{year} : {count}").format(year=y, count=fmt.number(r.eig)) for y, r in by_year.iterrows()
    )
    return _live(
        float(latest["eig"]),
        _("{count} ({year} ; {promotions})").format(
            count=fmt.number(latest["eig"]), year=year, promotions=latest["names"]
        ),
        str(year),
        _(
            "Données du tableau de bord : EIG par promotion (chiffre publié, sinon site du "
            "programme)"
        ),
        _("par année : {years}").format(years=every),
    )


def _live_duration(promos: pd.DataFrame) -> Cell | None:
    months = promos["duration_months"].dropna().astype(float)
    if months.empty:
        return None
    low, high = months.min(), months.max()
    varying = promos.loc[promos["duration_months"].isna(), "promotion"].tolist()
    detail = (
        _("durée non uniforme pour {promotions}").format(promotions=", ".join(varying))
        if varying
        else ""
    )
    text = _span(low, None if high == low else high, "=", unit=_months())
    source = _("Données du tableau de bord : promotions")
    return _live(low, text, "", source, detail, None if high == low else high)


def _live_pay(con: Connection) -> Cell | None:
    found = run(con, "programme_indicator", indicator="salary_net_monthly")
    if found.empty:
        return None
    row = found.iloc[0]
    monthly = float(row["value"])
    return _live(
        12 * monthly,
        _("{annual} nets ({monthly} nets par mois × 12)").format(
            annual=euros(12 * monthly), monthly=euros(monthly)
        ),
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
    said = [_("budget cumulé"), ", ".join(spent["promotion"])]
    if not forecast.empty:
        said.append(_("dont prévisionnel : {promotions}").format(promotions=", ".join(forecast)))
    return _live(
        total,
        f"{euros(total)} ({listed([*said, years])})",
        years,
        _("Données du tableau de bord : lignes de dépense du budget PIA"),
    )


def _live_selectivity(promos: pd.DataFrame) -> Cell | None:
    both = promos.dropna(subset=["candidates", "eig"])
    both = both[both["eig"] > 0]
    if both.empty:
        return None
    candidates, eig = float(both["candidates"].sum()), float(both["eig"].sum())
    ratio = candidates / eig
    each = listed(
        _("{promotion} : {ratio}").format(
            promotion=r.promotion, ratio=fmt.number(r.candidates / r.eig, 1)
        )
        for r in both.itertuples()
    )
    return _live(
        ratio,
        _("{ratio} ({candidates} candidats pour {eig} EIG ; {promotions})").format(
            ratio=fmt.number(ratio, 1),
            candidates=fmt.number(candidates),
            eig=fmt.number(eig),
            promotions=", ".join(both["promotion"]),
        ),
        "",
        _("Données du tableau de bord : candidatures publiées et EIG par promotion"),
        _("par promotion : {promotions}").format(promotions=each),
    )


def _live_share(con: Connection, question: str, answers: list[str], verb: str) -> Cell | None:
    """The share of EIG respondents giving one of `answers` in the latest campaign asking
    `question`, under the survey's privacy rule."""
    frame = trends.share_by_campaign(con, question, answers, Filters(["eig"]))
    if frame.empty:
        return None
    row = frame.iloc[-1]
    source = _("Données du tableau de bord : {campaign}").format(campaign=row["campaign_label"])
    if isinstance(row["reason"], str) or pd.isna(row["share"]):
        text = _("non affiché : {reason}").format(reason=row["reason"])
        return Cell(status=UNPUBLISHED, text=text, source=source)
    return _live(
        float(row["share"]),
        _("{share} ({n} sur {total} EIG répondants {verb} ; {year})").format(
            share=fmt.percent(row["share"]),
            n=fmt.number(row["n"]),
            total=fmt.number(row["denominator"]),
            verb=verb,
            year=row["year"],
        ),
        str(row["year"]),
        source,
        _("IC 95 % : {low} à {high}").format(
            low=fmt.percent(row["low"]), high=fmt.percent(row["high"])
        ),
    )


# --- Tables, charts and their sentences ------------------------------------------------


def table(found: pd.DataFrame) -> pd.DataFrame:
    """One row per row of the comparison, one column per indicator: the cell's text (headers
    and countries in the run's language)."""
    wide = found.pivot(index=["label", "country"], columns="heading", values="text")
    order = list(dict.fromkeys(found["label"]))
    wide = wide.reindex(columns=[_(h) for h in INDICATORS.values()]).reset_index()
    wide = wide.set_index("label").loc[order].reset_index()
    wide.columns.name = None
    wide["country"] = wide["country"].map(lambda c: shown(c, COUNTRIES))
    return wide.rename(columns={"label": _("Programme"), "country": _("Pays")})


def detail_table(found: pd.DataFrame) -> pd.DataFrame:
    """Every cell with its nature, period, numbers (euros for amounts) and source."""
    return pd.DataFrame(
        {
            _("Programme"): found["label"],
            _("Indicateur"): found["heading"],
            _("Chiffre"): found["text"],
            _("Nature"): found["status"].map(status_label),
            _("Valeur"): found["value"],
            _("Valeur haute"): found["high"],
            _("Unité"): found["indicator"].map(lambda i: shown(i, UNITS) if i in UNITS else ""),
            _("Période"): found["period"],
            _("Source"): found["source"],
            _("Précision"): found["detail"],
        }
    )


def chart_frame(found: pd.DataFrame, indicator: str) -> pd.DataFrame:
    """The rows with a value for `indicator` (never the unpublished ones as zeros): bar at
    the value (low bound of a range), interval up to the high bound; the group (legend) and
    the status in the run's language."""
    rows = found[(found["indicator"] == indicator) & found["value"].notna()].copy()
    rows["high"] = rows["high"].fillna(rows["value"])
    rows["shown"] = rows["text"].map(_short)
    rows["group"] = rows["group"].map(group_label)
    rows["status"] = rows["status"].map(status_label)
    return rows[["label", "group", "value", "high", "shown", "status", "period", "source"]]


def chart_table(frame: pd.DataFrame, heading: str) -> pd.DataFrame:
    """The chart's figures as an accessible table: text as shown, nature, period, source."""
    return pd.DataFrame(
        {
            _("Programme"): frame["label"],
            heading: frame["shown"],
            _("Nature"): frame["status"],
            _("Période"): frame["period"],
            _("Source"): frame["source"],
        }
    )


def chart_reading(found: pd.DataFrame, indicator: str, render: Callable[[float], str]) -> str:
    """One sentence: the EIG's figure from the data, the lowest and highest programme abroad,
    and the programmes without a figure (left out of the chart, never drawn as zero)."""
    rows = found[found["indicator"] == indicator]
    with_value = rows[rows["value"].notna()]
    live = rows[rows["row"] == LIVE]
    parts = []
    if not live.empty:
        cell = live.iloc[0]
        parts.append(
            _("Programme EIG, d'après les données du tableau de bord : {figure}").format(
                figure=cell["text"]
            )
        )
    abroad = with_value[with_value["group"] == OTHER_GROUP]
    if not abroad.empty:
        highs = abroad["high"].fillna(abroad["value"])
        low, top = abroad.loc[abroad["value"].idxmin()], abroad.loc[highs.idxmax()]
        parts.append(
            _("à l'étranger, de {low} ({low_programme}) à {high} ({high_programme})").format(
                low=render(low["value"]),
                low_programme=low["label"],
                high=render(highs[top.name]),
                high_programme=top["label"],
            )
        )
    sentence = listed(parts) or _("Aucun programme ne publie ce chiffre")
    return f"{sentence}. {absent_sentence(rows)}"


def absent_sentence(rows: pd.DataFrame) -> str:
    """« Non publié (absent du graphique, pas à zéro) : … ; sans objet : … »."""
    parts = []
    for status, said in (
        (UNPUBLISHED, N_("Non publié : {programmes}")),
        (NOT_APPLICABLE, N_("Sans objet : {programmes}")),
    ):
        names = rows.loc[rows["value"].isna() & (rows["status"] == status), "label"].tolist()
        if names:
            parts.append(_(said).format(programmes=", ".join(names)))
    if not parts:
        return _("Tous les programmes ont un chiffre.")
    return _("{programmes} — ces programmes sont absents du graphique, pas à zéro.").format(
        programmes=listed(parts)
    )


def conversion(con: Connection) -> str:
    """The sentence stating the conversion rates the dashboard uses, their date and source."""
    return conversion_text(rates(con))


def conversion_text(found: pd.DataFrame) -> str:
    """« 1 € = 1,1151 $ US ; … (taux du 31 mai 2019 ; source : …) » (« €1 = US$1.1151 »
    in English)."""
    if found.empty:
        return _("Aucun taux de conversion : les montants en devises ne sont pas convertis.")
    euro = _amounts(EURO)
    parts = [
        f"{euro[0](1)}{euro[1]} = {_money(fmt.number(r.per_euro, 4), symbol(r.currency))}"
        for r in found.itertuples()
    ]
    dates = sorted({fmt.long_date(pd.Timestamp(d).date()) for d in found["rate_date"]})
    sources = sorted(set(found["source"]))
    return _(
        "Montants convertis en euros par le tableau de bord : {rates} (taux du {dates} ; "
        "source : {sources})."
    ).format(rates=listed(parts), dates=", ".join(dates), sources=", ".join(sources))


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


def listed(parts: Iterable[str]) -> str:
    """Parts joined by semicolons, « a ; b » in French, « a; b » in English."""
    return ("; " if lang() == "en" else " ; ").join(parts)


def shown(value: str, labels: Mapping[str, str]) -> str:
    """A code of the data (country, funding model, employer, unit…) in the run's language;
    a value that has no label is shown as it is."""
    return _(labels[value]) if value in labels else value


def status_label(status: str) -> str:
    """A cell's nature (a code of the `status` column) in the run's language."""
    return _(status) if status in STATUSES else status


def group_label(group: str) -> str:
    """« Programme EIG » or « Programmes étrangers » in the run's language."""
    return _(group) if group in GROUPS else group


def symbol(currency: str) -> str:
    """The symbol of a currency code in the run's language: « $ US » or « US$ »."""
    return EURO if currency == "EUR" else shown(currency, SYMBOLS)


def _money(number: str, currency_symbol: str) -> str:
    """A written amount and its symbol: « 75 000 $ CA » or « C$75,000 »."""
    return f"{currency_symbol}{number}" if lang() == "en" else f"{number}{NBSP}{currency_symbol}"


def _amounts(currency_symbol: str) -> tuple[Callable[[float], str], str]:
    """How a span of amounts is written: how each bound is rendered and the unit after the
    span; « 8 500 à 24 000 $ AU » in French, « A$8,500 to A$24,000 » in English."""
    if lang() == "en":
        return (lambda v: f"{currency_symbol}{fmt.number(v)}"), ""
    return fmt.number, f"{NBSP}{currency_symbol}"


def _months() -> str:
    """The unit after a number of months: « 10 mois », « 10 months »."""
    return f"{NBSP}{_(MONTHS)}"


def _percent() -> str:
    """The unit after a number of percent: « 70 % », « 70% »."""
    return "%" if lang() == "en" else f"{NBSP}%"


def _short(text: str) -> str:
    """A cell's text without its parenthesis: « 41 (2020 ; EIG 4) » → « 41 »."""
    return text.split(" (")[0]


def euros(value: float) -> str:
    """Whole euros: « 48 000 € »."""
    return fmt.euros(value, False)


def _hundred(share: float) -> str:
    """A share as a number of percent, rounded as `fmt.percent` (0.377 → « 38 »)."""
    return fmt.number(100 * share)
