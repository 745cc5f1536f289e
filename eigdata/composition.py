"""Questions of the « Composition des promotions » page: counts, profiles, défis, gaps."""

from __future__ import annotations

import duckdb
import pandas as pd

from eigdata import formatting as fmt
from eigdata import labels, queries
from eigdata.i18n import N_, _, lang
from eigdata.runner import run

Connection = duckdb.DuckDBPyConnection

# The indicators shown per promotion, in display order (labels: `labels.indicator`).
INDICATORS = (
    "eig",
    "mentors",
    "defis",
    "host_administrations",
    "new_host_services",
    "returning_host_services",
    "candidates",
    "defis_proposed",
    "candidates_per_place",
    "defis_proposed_per_defi",
)
# Derived ratios: key -> (numerator, denominator).
RATIOS = {
    "candidates_per_place": ("candidates", "eig"),
    "defis_proposed_per_defi": ("defis_proposed", "defis"),
}
HIGHLIGHT = "designer"  # the profile whose rise the page must show at a glance
# Where a figure comes from (codes of the `origin` column) and how it is named.
ORIGINS = {"publié": N_("publié"), "site": N_("site"), "calcul": N_("calcul")}
SITE_SOURCE = N_("Site du programme EIG (liste des défis et des participants)")
SEPARATOR = N_(" ; ")  # between the items of a list in a sentence


def origin_label(origin: str) -> str:
    """« publié », « site », « calcul » (or several, « publié, site ») in the run's language;
    unknown codes as they are."""
    return ", ".join(
        _(ORIGINS[code]) if code in ORIGINS else code for code in str(origin).split(", ")
    )


def promotion_names(con: Connection) -> list[str]:
    """Every promotion, oldest first (promotions are data, never code)."""
    return queries.promotions(con)["promotion"].tolist()


def promotion_labels(con: Connection) -> dict[str, str]:
    """Promotion -> its name in the run's language (`label_en` in English), oldest first."""
    return queries.promotion_labels(con)


def profile_groups(con: Connection) -> dict[str, str]:
    """Profile group -> its label in the run's language, in display order."""
    frame = run(con, "profile_groups", lang=lang())
    return dict(zip(frame["profile_group"], frame["label"], strict=True))


def shown(frame: pd.DataFrame) -> pd.DataFrame:
    """A frame of this module as displayed: each promotion by its name in the run's language
    (column `promotion`) and, when there is one, the origin spelled out (codes dropped)."""
    out = frame.assign(promotion=frame["promotion_label"]).drop(columns="promotion_label")
    if "origin" in out:
        out["origin"] = out["origin"].map(origin_label)
    return out


def promotion_figures(con: Connection, promotions: list[str] | None = None) -> pd.DataFrame:
    """Per promotion and indicator: its name and label in the run's language, value shown,
    its origin (code: publié, site, calcul), source.

    Published figures win; roster-derived ones fill the gaps; the two ratios are computed
    from whichever figures are shown and say so.
    """
    raw = run(con, "composition_figures", promotions=promotions)
    raw = raw[raw["indicator"].isin(INDICATORS)].copy()
    raw.loc[raw["origin"] == "site", "source"] = _(SITE_SOURCE)
    rows = [raw]
    for key, (num, den) in RATIOS.items():
        wide = raw.pivot(index=["promotion", "sort_order"], columns="indicator", values="value")
        origin = raw.pivot(index="promotion", columns="indicator", values="origin")
        if num not in wide or den not in wide:
            continue
        for (promotion, order), row in wide.iterrows():
            if pd.isna(row[num]) or pd.isna(row[den]) or not row[den]:
                continue
            origins = sorted({origin.at[promotion, num], origin.at[promotion, den]})
            rows.append(
                pd.DataFrame(
                    [
                        {
                            "promotion": promotion,
                            "sort_order": order,
                            "indicator": key,
                            "value": float(row[num]) / float(row[den]),
                            "origin": "calcul",
                            "source": _ratio_source(num, den, origins),
                        }
                    ]
                )
            )
    frame = pd.concat(rows, ignore_index=True)
    frame["promotion_label"] = frame["promotion"].map(promotion_labels(con))
    frame["label"] = frame["indicator"].map(labels.indicator)
    frame["rank"] = frame["indicator"].map(INDICATORS.index)
    frame = frame.sort_values(["sort_order", "rank"])
    columns = ["promotion", "promotion_label", "indicator", "label", "value", "origin", "source"]
    return frame[columns].reset_index(drop=True)


def _ratio_source(num: str, den: str, origins: list[str]) -> str:
    """« calcul : candidatures / EIG recrutés (publié) »."""
    return _("calcul : {numerator} / {denominator} ({origins})").format(
        numerator=_lower_first(labels.indicator(num)),
        denominator=_lower_first(labels.indicator(den)),
        origins=", ".join(origin_label(o) for o in origins),
    )


def figures_table(figures: pd.DataFrame) -> pd.DataFrame:
    """Indicators in rows, promotions in columns; each cell « 41 (publié) »."""

    def cell(row: pd.Series) -> str:
        decimals = 1 if row["indicator"] in RATIOS else 0
        return f"{fmt.number(row['value'], decimals)} ({origin_label(row['origin'])})"

    cells = figures.assign(cell=figures.apply(cell, axis=1))
    order = list(dict.fromkeys(figures["promotion_label"]))
    table = cells.pivot(index="label", columns="promotion_label", values="cell")
    rows = [labels.indicator(code) for code in INDICATORS]
    table = table.reindex(index=[r for r in rows if r in table.index], columns=order).fillna("—")
    table.columns.name = None
    return table.reset_index().rename(columns={"label": _("Indicateur")})


def counts_reading(figures: pd.DataFrame) -> str:
    """One sentence: the largest promotion and the overall candidates per place."""
    eig = figures[figures["indicator"] == "eig"].set_index("promotion_label")["value"]
    if eig.empty:
        return _("Aucun effectif n'est disponible pour les promotions choisies.")
    biggest = eig.astype(float).idxmax()
    count = fmt.number(eig[biggest])
    if len(eig) == 1:
        return _("{promotion} compte {count} EIG.").format(promotion=biggest, count=count)
    text = _("Sur les promotions choisies, {promotion} est la plus nombreuse avec {count} EIG")
    text = text.format(promotion=biggest, count=count)
    ratio = figures[figures["indicator"] == "candidates_per_place"]
    if not ratio.empty:
        best = ratio.loc[ratio["value"].idxmax()]
        text += _(
            " ; la sélection la plus forte est celle de la promotion {promotion} "
            "({ratio} candidats par place)"
        ).format(promotion=best["promotion_label"], ratio=fmt.number(best["value"], 1))
    return text + "."


def profile_mix(
    con: Connection, promotions: list[str] | None = None, groups: list[str] | None = None
) -> pd.DataFrame:
    """EIG per promotion and profile group (site du programme), share of the whole
    promotion, with the published share and count beside them; only the chosen groups.
    Promotion and profile labels in the run's language."""
    names = profile_groups(con)
    mix = queries.roster_profile_mix(con, promotions)
    meta = queries.promotions(con)[["promotion", "programme"]]
    mix = mix.merge(meta, on="promotion", how="left")
    mix["promotion_eig"] = mix.groupby("promotion")["roster_count"].transform("sum")
    if groups is not None:
        mix = mix[mix["profile_group"].isin(groups)]
    mix = mix.assign(
        promotion_label=mix["promotion"].map(promotion_labels(con)),
        profile=mix["profile_group"].map(names),
        profile_rank=mix["profile_group"].map(list(names).index),
    ).sort_values(["sort_order", "profile_rank"])
    return mix[
        [
            "promotion",
            "promotion_label",
            "programme",
            "profile_group",
            "profile",
            "roster_count",
            "roster_share",
            "promotion_eig",
            "published_share_pct",
            "published_count",
        ]
    ].reset_index(drop=True)


def profile_table(mix: pd.DataFrame) -> pd.DataFrame:
    """The profile mix with headings in the run's language and formatted shares."""
    return pd.DataFrame(
        {
            _("Promotion"): mix["promotion_label"],
            _("Profil"): mix["profile"],
            _("EIG (site)"): mix["roster_count"].astype(int),
            _("Part (site)"): mix["roster_share"].map(fmt.percent),
            _("Part publiée"): mix["published_share_pct"].map(
                lambda v: "—" if pd.isna(v) else fmt.percent(float(v) / 100)
            ),
            _("Effectif publié"): mix["published_count"].map(
                lambda v: "—" if pd.isna(v) else fmt.number(v)
            ),
        }
    )


def profile_reading(mix: pd.DataFrame, group: str = HIGHLIGHT) -> str:
    """One sentence on how a profile's share moved from the first to the last promotion
    of the main programme (promotions of a single-profile programme are told apart).
    When the profile is filtered out, the first profile shown is described instead."""
    if mix.empty:
        return _("Aucun profil à afficher pour les filtres choisis.")
    if group not in set(mix["profile_group"]):
        group = mix["profile_group"].iloc[0]
    rows = mix[mix["profile_group"] == group]
    main = rows[rows["programme"] == "EIG"]
    label = str(rows["profile"].iloc[0]).lower()
    text = _main_share(main, label) if not main.empty else ""
    others = rows[rows["programme"] != "EIG"]
    if not others.empty:
        listed = ", ".join(
            _("{promotion} : {share}").format(
                promotion=r.promotion_label, share=fmt.percent(r.roster_share)
            )
            for r in others.itertuples()
        )
        if text:
            text += _(" ; hors programme EIG, {shares}").format(shares=listed)
        else:
            text = _("Part des profils « {profile} » : {shares}").format(
                profile=label, shares=listed
            )
    return text + "."


def _main_share(main: pd.DataFrame, label: str) -> str:
    """The share of a profile in the first and last promotions of the main programme."""
    first, last = main.iloc[0], main.iloc[-1]
    size = _("({count} EIG sur {total})").format(
        count=fmt.number(last["roster_count"]), total=fmt.number(last["promotion_eig"])
    )
    if first["promotion"] == last["promotion"]:
        return _(
            "Dans {promotion}, la part des profils « {profile} » est de {share} {size}"
        ).format(
            promotion=last["promotion_label"],
            profile=label,
            share=fmt.percent(last["roster_share"]),
            size=size,
        )
    return _(
        "La part des profils « {profile} » passe de {first_share} dans {first} à "
        "{last_share} dans {last} {size}"
    ).format(
        profile=label,
        first_share=fmt.percent(first["roster_share"]),
        first=first["promotion_label"],
        last_share=fmt.percent(last["roster_share"]),
        last=last["promotion_label"],
        size=size,
    )


def trend_reading(mix: pd.DataFrame) -> str:
    """One sentence: the profiles whose share rose and fell most across the EIG promotions."""
    main = mix[mix["programme"] == "EIG"]
    names = list(dict.fromkeys(main["promotion"]))
    if len(names) < 2:
        return _("Choisissez au moins deux promotions EIG pour voir une évolution.")
    shares = main.pivot(index="profile", columns="promotion", values="roster_share")
    change = (shares[names[-1]] - shares[names[0]]).sort_values()
    up, down = change.index[-1], change.index[0]
    parts = []
    if change[up] > 0:
        parts.append(
            _("la part des profils « {profile} » progresse le plus ({points})").format(
                profile=up.lower(), points=_points(change[up])
            )
        )
    if change[down] < 0:
        falls = (
            _("celle des profils « {profile} » recule le plus ({points})")
            if parts
            else _("la part des profils « {profile} » recule le plus ({points})")
        )
        parts.append(falls.format(profile=down.lower(), points=_points(change[down])))
    shown_names = dict(zip(main["promotion"], main["promotion_label"], strict=True))
    first, last = shown_names[names[0]], shown_names[names[-1]]
    if not parts:
        return _("De {first} à {last}, la part des profils choisis ne change pas.").format(
            first=first, last=last
        )
    return _("De {first} à {last}, {changes}.").format(
        first=first, last=last, changes=", ".join(parts)
    )


def _points(delta: float) -> str:
    sign = "+" if delta >= 0 else "−"
    return _("{value} points").format(value=f"{sign}{fmt.number(abs(delta) * 100)}")


def defis(con: Connection, promotions: list[str] | None = None, search: str = "") -> pd.DataFrame:
    """The défis of the promotions (site du programme), optionally searched by any text;
    headings and promotion names in the run's language, défi texts as published."""
    frame = run(con, "composition_defis", promotions=promotions)
    table = pd.DataFrame(
        {
            _("Promotion"): frame["promotion"].map(promotion_labels(con)),
            _("Défi"): frame["title"],
            _("Administration d'accueil"): frame["administration"],
            _("Service"): frame["host_service"],
            _("Périmètre ministériel"): frame["host_perimeter"],
            _("Compétences"): frame["skills"].fillna(""),
            "EIG": frame["n_eig"].astype(int),
            _("Mentors"): frame["n_mentor"].astype(int),
            _("Chiffres clés"): frame["key_figures"].map(_key_figures),
            _("Page du défi"): frame["page_url"],
        }
    )
    return search_table(table, search)


def search_table(table: pd.DataFrame, search: str) -> pd.DataFrame:
    """Rows where any cell contains every word of the search (case-insensitive)."""
    words = search.lower().split()
    if not words:
        return table.reset_index(drop=True)
    text = table.astype(str).agg(" ".join, axis=1).str.lower()
    keep = pd.Series(True, index=table.index)
    for word in words:
        keep &= text.str.contains(word, regex=False)
    return table[keep].reset_index(drop=True)


def _key_figures(items: object) -> str:
    if items is None or pd.api.types.is_scalar(items):
        return ""
    parts = []
    for item in items:
        amount = float(item["amount"])
        decimals = 0 if amount.is_integer() else 1
        parts.append(f"{fmt.number(amount, decimals)} {item['description']}")
    return _(SEPARATOR).join(parts)


# The verdict of each compared figure (codes of the reconciliation query) and how it is shown.
VERDICTS = {"identique": N_("identique"), "écart": N_("⚠ écart")}


def reconciliation(con: Connection, promotions: list[str] | None = None) -> pd.DataFrame:
    """Published and site-derived counts side by side where both exist, gaps flagged;
    headings, promotions, indicators and verdicts in the run's language."""
    frame = queries.reconciliation(con, promotions)
    both = frame[frame["published"].notna() & frame["roster"].notna()]
    return pd.DataFrame(
        {
            _("Promotion"): both["promotion"].map(promotion_labels(con)),
            _("Indicateur"): both["indicator"].map(labels.indicator),
            _("Publié"): both["published"].astype(int),
            _("Site du programme"): both["roster"].astype(int),
            _("Écart"): both["difference"].astype(int),
            _("Constat"): both["status"].map(lambda s: _(VERDICTS[s]) if s in VERDICTS else s),
        }
    ).reset_index(drop=True)


def reconciliation_reading(table: pd.DataFrame) -> str:
    """One sentence: how many of the compared figures (`reconciliation`) differ."""
    if table.empty:
        return _("Aucun chiffre n'est à la fois publié et calculable d'après le site.")
    gaps = table[table[_("Écart")] != 0]
    if gaps.empty:
        return _("Les {count} chiffres comparés sont identiques dans les deux sources.").format(
            count=fmt.number(len(table))
        )
    listed = ", ".join(
        f"{_lower_first(indicator)} ({promotion})"
        for indicator, promotion in zip(gaps[_("Indicateur")], gaps[_("Promotion")], strict=True)
    )
    return _(
        "{gaps} des {count} chiffres comparés diffèrent entre le document publié "
        "et le site du programme ({listed})."
    ).format(gaps=fmt.number(len(gaps)), count=fmt.number(len(table)), listed=listed)


def _lower_first(label: str) -> str:
    """« Mentors » -> « mentors », but « EIG recrutés » stays as it is."""
    if len(label) > 1 and label[1].isupper():
        return label
    return label[:1].lower() + label[1:]
