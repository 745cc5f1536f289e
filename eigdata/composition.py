"""Questions of the « Composition des promotions » page: counts, profiles, défis, gaps."""

from __future__ import annotations

import duckdb
import pandas as pd

from eigdata import formatting as fmt
from eigdata import labels, queries
from eigdata.runner import run

Connection = duckdb.DuckDBPyConnection

# The indicators shown per promotion, in display order, with their French label.
INDICATORS = {
    key: labels.INDICATORS[key]
    for key in (
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
}
# Derived ratios: key -> (numerator, denominator).
RATIOS = {
    "candidates_per_place": ("candidates", "eig"),
    "defis_proposed_per_defi": ("defis_proposed", "defis"),
}
HIGHLIGHT = "designer"  # the profile whose rise the page must show at a glance


def promotion_names(con: Connection) -> list[str]:
    """Every promotion, oldest first (promotions are data, never code)."""
    return queries.promotions(con)["promotion"].tolist()


def profile_groups(con: Connection) -> dict[str, str]:
    """Profile group -> French label, in display order."""
    frame = run(con, "profile_groups")
    return dict(zip(frame["profile_group"], frame["label_fr"], strict=True))


def promotion_figures(con: Connection, promotions: list[str] | None = None) -> pd.DataFrame:
    """Per promotion and indicator: value shown, its origin (publié, site, calcul), source.

    Published figures win; roster-derived ones fill the gaps; the two ratios are computed
    from whichever figures are shown and say so.
    """
    raw = run(con, "composition_figures", promotions=promotions)
    raw = raw[raw["indicator"].isin(INDICATORS)]
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
                            "source": f"calcul : {_lower_first(INDICATORS[num])} / "
                            f"{_lower_first(INDICATORS[den])} ({', '.join(origins)})",
                        }
                    ]
                )
            )
    frame = pd.concat(rows, ignore_index=True)
    frame["label"] = frame["indicator"].map(INDICATORS)
    frame["rank"] = frame["indicator"].map(list(INDICATORS).index)
    frame = frame.sort_values(["sort_order", "rank"])
    return frame[["promotion", "indicator", "label", "value", "origin", "source"]].reset_index(
        drop=True
    )


def figures_table(figures: pd.DataFrame) -> pd.DataFrame:
    """Indicators in rows, promotions in columns; each cell « 41 (publié) »."""

    def cell(row: pd.Series) -> str:
        decimals = 1 if row["indicator"] in RATIOS else 0
        return f"{fmt.number(row['value'], decimals)} ({row['origin']})"

    shown = figures.assign(cell=figures.apply(cell, axis=1))
    order = list(dict.fromkeys(figures["promotion"]))
    table = shown.pivot(index="label", columns="promotion", values="cell")
    labels = [label for label in INDICATORS.values() if label in table.index]
    table = table.reindex(index=labels, columns=order).fillna("—")
    return table.reset_index().rename(columns={"label": "Indicateur"})


def counts_reading(figures: pd.DataFrame) -> str:
    """One sentence: the largest promotion and the overall candidates per place."""
    eig = figures[figures["indicator"] == "eig"].set_index("promotion")["value"]
    if eig.empty:
        return "Aucun effectif n'est disponible pour les promotions choisies."
    biggest = eig.astype(float).idxmax()
    if len(eig) == 1:
        return f"{biggest} compte {fmt.number(eig[biggest])} EIG."
    text = (
        f"Sur les promotions choisies, {biggest} est la plus nombreuse avec "
        f"{fmt.number(eig[biggest])} EIG"
    )
    ratio = figures[figures["indicator"] == "candidates_per_place"]
    if not ratio.empty:
        best = ratio.loc[ratio["value"].idxmax()]
        text += (
            f" ; la sélection la plus forte est celle de la promotion {best['promotion']} "
            f"({fmt.number(best['value'], 1)} candidats par place)"
        )
    return text + "."


def profile_mix(
    con: Connection, promotions: list[str] | None = None, groups: list[str] | None = None
) -> pd.DataFrame:
    """EIG per promotion and profile group (site du programme), share of the whole
    promotion, with the published share and count beside them; only the chosen groups."""
    labels = profile_groups(con)
    mix = queries.roster_profile_mix(con, promotions)
    meta = queries.promotions(con)[["promotion", "programme"]]
    mix = mix.merge(meta, on="promotion", how="left")
    mix["promotion_eig"] = mix.groupby("promotion")["roster_count"].transform("sum")
    if groups is not None:
        mix = mix[mix["profile_group"].isin(groups)]
    mix = mix.assign(
        profile=mix["profile_group"].map(labels),
        profile_rank=mix["profile_group"].map(list(labels).index),
    ).sort_values(["sort_order", "profile_rank"])
    return mix[
        [
            "promotion",
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
    """The profile mix with French headings and formatted shares."""
    return pd.DataFrame(
        {
            "Promotion": mix["promotion"],
            "Profil": mix["profile"],
            "EIG (site)": mix["roster_count"].astype(int),
            "Part (site)": mix["roster_share"].map(fmt.percent),
            "Part publiée": mix["published_share_pct"].map(
                lambda v: "—" if pd.isna(v) else fmt.percent(float(v) / 100)
            ),
            "Effectif publié": mix["published_count"].map(
                lambda v: "—" if pd.isna(v) else fmt.number(v)
            ),
        }
    )


def profile_reading(mix: pd.DataFrame, group: str = HIGHLIGHT) -> str:
    """One sentence on how a profile's share moved from the first to the last promotion
    of the main programme (promotions of a single-profile programme are told apart).
    When the profile is filtered out, the first profile shown is described instead."""
    if mix.empty:
        return "Aucun profil à afficher pour les filtres choisis."
    if group not in set(mix["profile_group"]):
        group = mix["profile_group"].iloc[0]
    rows = mix[mix["profile_group"] == group]
    main = rows[rows["programme"] == "EIG"]
    label = str(rows["profile"].iloc[0]).lower()
    text = ""
    if not main.empty:
        first, last = main.iloc[0], main.iloc[-1]
        size = f"({fmt.number(last['roster_count'])} EIG sur {fmt.number(last['promotion_eig'])})"
        if first["promotion"] == last["promotion"]:
            text = (
                f"Dans {last['promotion']}, la part des profils « {label} » est de "
                f"{fmt.percent(last['roster_share'])} {size}"
            )
        else:
            text = (
                f"La part des profils « {label} » passe de "
                f"{fmt.percent(first['roster_share'])} dans {first['promotion']} à "
                f"{fmt.percent(last['roster_share'])} dans {last['promotion']} {size}"
            )
    others = rows[rows["programme"] != "EIG"]
    if not others.empty:
        listed = ", ".join(
            f"{r.promotion} : {fmt.percent(r.roster_share)}" for r in others.itertuples()
        )
        text += (" ; hors programme EIG, " if text else f"Part des profils « {label} » : ") + (
            listed
        )
    return text + "."


def trend_reading(mix: pd.DataFrame) -> str:
    """One sentence: the profiles whose share rose and fell most across the EIG promotions."""
    main = mix[mix["programme"] == "EIG"]
    names = list(dict.fromkeys(main["promotion"]))
    if len(names) < 2:
        return "Choisissez au moins deux promotions EIG pour voir une évolution."
    shares = main.pivot(index="profile", columns="promotion", values="roster_share")
    change = (shares[names[-1]] - shares[names[0]]).sort_values()
    up, down = change.index[-1], change.index[0]
    parts = []
    if change[up] > 0:
        parts.append(
            f"la part des profils « {up.lower()} » progresse le plus ({_points(change[up])})"
        )
    if change[down] < 0:
        subject = "celle" if parts else "la part"
        parts.append(
            f"{subject} des profils « {down.lower()} » recule le plus ({_points(change[down])})"
        )
    if not parts:
        return f"De {names[0]} à {names[-1]}, la part des profils choisis ne change pas."
    return f"De {names[0]} à {names[-1]}, " + ", ".join(parts) + "."


def _points(delta: float) -> str:
    sign = "+" if delta >= 0 else "−"
    return f"{sign}{fmt.number(abs(delta) * 100)} points"


def defis(con: Connection, promotions: list[str] | None = None, search: str = "") -> pd.DataFrame:
    """The défis of the promotions (site du programme), optionally searched by any text."""
    frame = run(con, "composition_defis", promotions=promotions)
    table = pd.DataFrame(
        {
            "Promotion": frame["promotion"],
            "Défi": frame["title"],
            "Administration d'accueil": frame["administration"],
            "Service": frame["host_service"],
            "Périmètre ministériel": frame["host_perimeter"],
            "Compétences": frame["skills"].fillna(""),
            "EIG": frame["n_eig"].astype(int),
            "Mentors": frame["n_mentor"].astype(int),
            "Chiffres clés": frame["key_figures"].map(_key_figures),
            "Page du défi": frame["page_url"],
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
    return " ; ".join(parts)


def reconciliation(con: Connection, promotions: list[str] | None = None) -> pd.DataFrame:
    """Published and site-derived counts side by side where both exist, gaps flagged."""
    frame = queries.reconciliation(con, promotions)
    both = frame[frame["published"].notna() & frame["roster"].notna()]
    return pd.DataFrame(
        {
            "Promotion": both["promotion"],
            "Indicateur": both["indicator"].map(lambda k: INDICATORS.get(k, k)),
            "Publié": both["published"].astype(int),
            "Site du programme": both["roster"].astype(int),
            "Écart": both["difference"].astype(int),
            "Constat": both["status"].map({"identique": "identique", "écart": "⚠ écart"}),
        }
    ).reset_index(drop=True)


def reconciliation_reading(table: pd.DataFrame) -> str:
    """One sentence: how many of the compared figures differ."""
    gaps = table[table["Écart"] != 0]
    if table.empty:
        return "Aucun chiffre n'est à la fois publié et calculable d'après le site."
    if gaps.empty:
        return f"Les {len(table)} chiffres comparés sont identiques dans les deux sources."
    listed = ", ".join(f"{_lower_first(r.Indicateur)} ({r.Promotion})" for r in gaps.itertuples())
    return (
        f"{len(gaps)} des {len(table)} chiffres comparés diffèrent entre le document publié "
        f"et le site du programme ({listed})."
    )


def _lower_first(label: str) -> str:
    """« Mentors » -> « mentors », but « EIG recrutés » stays as it is."""
    if len(label) > 1 and label[1].isupper():
        return label
    return label[:1].lower() + label[1:]
