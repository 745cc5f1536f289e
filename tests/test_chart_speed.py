"""Charts that cost little to redraw: no plotly express anywhere in the pages and widgets, every
page chart built straight from `plotly.graph_objects` (checked trace by trace on small frames),
one layout update per styling and no figure copied until an image is drawn. Nothing is timed."""

from __future__ import annotations

import ast
import types
from pathlib import Path

import numpy as np
import pandas as pd
import plotly.graph_objects as go
import pytest

from eigdata import budget
from widgets import chart_images, chart_style, charts
from widgets import survey as sw
from widgets.charts import Bars

ROOT = Path(__file__).resolve().parent.parent
NNBSP = "\u202f"
BLUE, VERMILLION, GREEN, WINE = chart_style.PALETTE[:4]


def page(name: str) -> types.ModuleType:
    """The functions of `pages/<name>.py`, without drawing the page (its `main()` call, the
    last statement of every page, is left out)."""
    path = ROOT / "pages" / f"{name}.py"
    tree = ast.parse(path.read_text(encoding="utf-8"))
    tree.body = [node for node in tree.body if not _is_main_call(node)]
    module = types.ModuleType(f"page_{name}")
    exec(compile(tree, str(path), "exec"), module.__dict__)
    return module


def _is_main_call(node: ast.stmt) -> bool:
    return (
        isinstance(node, ast.Expr)
        and isinstance(node.value, ast.Call)
        and getattr(node.value.func, "id", "") == "main"
    )


def numbers(values) -> list[float]:
    return [round(float(v), 6) for v in values]


def traces(fig: go.Figure) -> list[tuple]:
    """(name, x, y) of each trace, numbers rounded."""
    out = []
    for t in fig.data:
        x = list(t.x) if t.orientation != "h" else numbers(t.x)
        y = numbers(t.y) if t.orientation != "h" else list(t.y)
        out.append((t.name, x, y))
    return out


# --- no plotly express ----------------------------------------------------------------------


def express_imports(source: str) -> list[int]:
    """The lines of `source` importing plotly express, in any form."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            names = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            names = [base, *(f"{base}.{a.name}" for a in node.names)]
        else:
            continue
        if any(n == "plotly.express" or n.startswith("plotly.express.") for n in names):
            found.append(node.lineno)
    return found


def test_no_page_nor_widget_imports_plotly_express() -> None:
    files = sorted([*(ROOT / "pages").glob("*.py"), *(ROOT / "widgets").glob("*.py")])
    assert len(files) >= 20
    found = {f.name: express_imports(f.read_text(encoding="utf-8")) for f in files}
    assert {name: lines for name, lines in found.items() if lines} == {}
    sample = "import plotly.express as px\nfrom plotly import express\nimport plotly\n"
    assert express_imports(sample) == [1, 2]


# --- the builders -----------------------------------------------------------------------------


def test_groups_follow_first_appearance_colour_first_and_skip_missing_keys() -> None:
    frame = pd.DataFrame(
        {
            "line": ["Salaires", "Communication", "Salaires", None, "Communication"],
            "status": ["réalisé", "réalisé", "prévisionnel", "réalisé", "prévisionnel"],
        }
    )
    found = [(key, rows.tolist()) for key, rows in charts.groups(frame, ["line", "status"])]
    assert found == [
        (("Salaires", "réalisé"), [0]),
        (("Salaires", "prévisionnel"), [2]),
        (("Communication", "réalisé"), [1]),
        (("Communication", "prévisionnel"), [4]),
    ]
    assert [(k, r.tolist()) for k, r in charts.groups(frame, [])] == [((), [0, 1, 2, 3, 4])]


def test_hover_lines_read_label_colon_value_without_units() -> None:
    assert charts.hovertemplate([("Montant (€)", "%{y}"), ("", "%{x}")]) == (
        "Montant : %{y}<br>%{x}<extra></extra>"
    )
    assert charts.hover_label("Part des EIG (%)") == "Part des EIG"


def test_reference_line_is_what_add_hline_draws() -> None:
    drawn = go.Figure(go.Bar(x=["EIG 1"], y=[5000]))
    drawn.add_hline(y=4000, line_dash="dot", annotation_text="salaire net publié 4 000 €")
    cheap = go.Figure(
        go.Bar(x=["EIG 1"], y=[5000]),
        layout=charts.reference_line(4000, ("salaire net publié 4 000 €"), "dot"),
    )
    assert cheap.layout.shapes == drawn.layout.shapes
    assert cheap.layout.annotations == drawn.layout.annotations


# --- the page charts, from small frames -------------------------------------------------------


def budget_frames() -> tuple[pd.DataFrame, pd.DataFrame]:
    bars = ["EIG 1", "EIG 2", "EIG 3"]
    statuses = ["réalisé", "réalisé", "prévisionnel"]
    detail = pd.DataFrame(
        {
            "promotion": bars * 2,
            "status": statuses * 2,
            "kind": ["dépense"] * 6,
            "line_label": ["Salaires"] * 3 + ["Communication"] * 3,
            "amount": [756_553.38, 1_801_326.0, 2_100_364.09, 0.0, 74_209.0, 80_000.0],
        }
    )
    summary = pd.DataFrame(
        {
            "promotion": bars,
            "status": statuses,
            "envelope": [800_000.0, 2_500_000.0, 1_500_000.0],
            "consumed_share": [0.9894, 0.7651, 1.6202],
            "over_envelope": [False, False, True],
            "cost_per_eig_month": [7195.94, 6830.86, 7594.89],
            "salary_per_eig_month": [6877.76, 6433.31, 6563.64],
        }
    )
    return detail, summary


def test_budget_lines_stack_per_line_and_status_with_the_envelope_marks() -> None:
    detail, summary = budget_frames()
    fig = chart_style.style(page("budget").lines_figure(detail, summary))
    assert traces(fig) == [
        ("Salaires, réalisé", ["EIG 1 (réalisé)", "EIG 2 (réalisé)"], [756_553.38, 1_801_326.0]),
        ("Salaires, prévisionnel", ["EIG 3 (prévisionnel)"], [2_100_364.09]),
        ("Communication, réalisé", ["EIG 1 (réalisé)", "EIG 2 (réalisé)"], [0.0, 74_209.0]),
        ("Communication, prévisionnel", ["EIG 3 (prévisionnel)"], [80_000.0]),
        (
            "Enveloppe PIA",
            ["EIG 1 (réalisé)", "EIG 2 (réalisé)", "EIG 3 (prévisionnel)"],
            [800_000.0, 2_500_000.0, 1_500_000.0],
        ),
    ]
    bars = fig.data[:4]
    assert [t.marker.color for t in bars] == [BLUE, BLUE, VERMILLION, VERMILLION]
    # each line its hatching (white, filled bars), forecasts open
    assert [t.marker.pattern.shape for t in bars] == ["", "/", "\\", "\\"]
    assert [t.marker.pattern.fillmode for t in bars] == [None, "replace", "overlay", "replace"]
    assert fig.data[4].marker.symbol == "line-ew-open" and fig.data[4].mode == "markers"
    assert fig.layout.barmode == "stack"
    assert fig.layout.legend.title.text == "Ligne, Statut"
    assert (fig.layout.xaxis.title.text, fig.layout.yaxis.title.text) == ("Promotion", "Montant")
    assert fig.layout.yaxis.ticksuffix == NNBSP + "€"
    assert bars[1].hovertemplate == (
        "Ligne : Salaires<br>Statut : prévisionnel<br>Promotion : %{x}<br>Montant : %{y}"
        "<extra></extra>"
    )


def test_budget_consumption_red_beyond_the_envelope_with_its_100_percent_line() -> None:
    _, summary = budget_frames()
    fig = chart_style.style(page("budget").consumption_figure(summary))
    assert traces(fig) == [
        ("dans, réalisé", ["EIG 1 (réalisé)", "EIG 2 (réalisé)"], [98.94, 76.51]),
        ("au-delà de l'enveloppe, prévisionnel", ["EIG 3 (prévisionnel)"], [162.02]),
    ]
    assert [t.marker.color for t in fig.data] == [BLUE, VERMILLION]
    assert [t.marker.pattern.shape for t in fig.data] == ["", "\\"]
    assert [t.text for t in fig.data] == [(f"99{NNBSP}%", f"77{NNBSP}%"), (f"162{NNBSP}%",)]
    assert {(t.textposition, t.cliponaxis) for t in fig.data} == {("outside", False)}
    assert (fig.layout.shapes[0].y0, fig.layout.shapes[0].line.dash) == (100, "dash")
    assert fig.layout.annotations[0].text == "100 % de l'enveloppe"
    assert fig.layout.annotations[0].bgcolor == "rgba(255, 255, 255, 0.85)"
    assert (fig.layout.yaxis.title.text, fig.layout.yaxis.ticksuffix) == (
        "Part consommée",
        NNBSP + "%",
    )


def test_budget_unit_costs_side_by_side_with_the_net_salary() -> None:
    _, summary = budget_frames()
    net = budget.Published(4000.0, "Rapport d'évaluation EIG 2019", "")
    fig = chart_style.style(page("budget").unit_cost_figure(summary, net))
    assert [t.name for t in fig.data] == [
        "Coût total par EIG-mois, réalisé",
        "Coût total par EIG-mois, prévisionnel",
        "Ligne Salaires par EIG-mois, réalisé",
        "Ligne Salaires par EIG-mois, prévisionnel",
    ]
    assert fig.layout.barmode == "group"
    assert [t.offsetgroup for t in fig.data] == [t.name for t in fig.data]
    assert numbers(fig.data[2].y) == [6877.76, 6433.31]
    assert fig.layout.shapes[0].y0 == 4000.0
    assert fig.layout.annotations[0].text == f"salaire net publié 4{NNBSP}000{NNBSP}€"
    assert fig.layout.yaxis.ticksuffix == NNBSP + "€"


def test_composition_counts_hatch_site_counts_and_name_each_source() -> None:
    main = pd.DataFrame(
        {
            "promotion": ["EIG 1", "DIG", "EIG 1", "DIG", "EIG 1", "DIG"],
            "indicator": ["eig", "eig", "mentors", "mentors", "defis", "defis"],
            "label": ["EIG recrutés"] * 2 + ["Mentors"] * 2 + ["Défis"] * 2,
            "value": [11.0, 20.0, 6.0, 37.0, 9.0, 16.0],
            "origin": ["publié", "publié", "publié", "site", "publié", "publié"],
            "source": [
                "Rapport 2019",
                "Article 2020",
                "Rapport 2019",
                "Site",
                "Rapport 2019",
                "Art",
            ],
        }
    )
    fig = chart_style.style(page("composition").counts_figure(main))
    assert traces(fig) == [
        ("EIG recrutés, publié", ["EIG 1", "DIG"], [11.0, 20.0]),
        ("Mentors, publié", ["EIG 1"], [6.0]),
        ("Mentors, site", ["DIG"], [37.0]),
        ("Défis, publié", ["EIG 1", "DIG"], [9.0, 16.0]),
    ]
    assert [t.marker.color for t in fig.data] == [BLUE, VERMILLION, VERMILLION, GREEN]
    assert [t.marker.pattern.shape for t in fig.data] == ["", "\\", "\\", "x"]
    assert fig.data[2].marker.pattern.fillmode == "replace"  # counted on the site: open
    assert fig.data[2].customdata.tolist() == [["Site"]]
    assert fig.data[2].hovertemplate == (
        "Indicateur : Mentors<br>Origine : site<br>Promotion : %{x}<br>Nombre : %{y}"
        "<br>Source : %{customdata[0]}<extra></extra>"
    )


DATA = "Data scientist"


def mix_frame() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "programme": ["EIG", "EIG", "EIG", "EIG", "DIG", "DIG"],
            "promotion": ["EIG 1", "EIG 2", "EIG 1", "EIG 2", "DIG", "DIG"],
            "profile_group": ["designer", "designer", "data", "data", "designer", "data"],
            "profile": [
                "Designer",
                "Designer",
                "Data scientist",
                "Data scientist",
                "Designer",
                DATA,
            ],
            "roster_count": [0, 3, 3, 14, 21, 0],
            "roster_share": [0.0, 0.1071, 0.2727, 0.5, 1.0, 0.0],
        }
    )


def test_composition_profiles_stack_with_their_share_as_text() -> None:
    fig = chart_style.style(page("composition").profile_figure(mix_frame()))
    assert traces(fig) == [
        ("Designer", ["EIG 1", "EIG 2", "DIG"], [0, 3, 21]),
        ("Data scientist", ["EIG 1", "EIG 2", "DIG"], [3, 14, 0]),
    ]
    assert fig.layout.barmode == "stack"
    assert fig.data[0].text == (f"0{NNBSP}%", f"11{NNBSP}%", f"100{NNBSP}%")
    assert fig.data[0].hovertemplate == (
        "Profil : Designer<br>Promotion : %{x}<br>EIG : %{y}<br>Part de la promotion : %{text}"
        "<extra></extra>"
    )


def test_composition_trend_has_a_shape_per_profile_and_the_designers_thicker() -> None:
    fig = chart_style.style(page("composition").trend_figure(mix_frame()))
    assert traces(fig) == [
        ("Designer", ["EIG 1", "EIG 2"], [0.0, 10.71]),
        ("Data scientist", ["EIG 1", "EIG 2"], [27.27, 50.0]),
    ]
    assert [(t.mode, t.marker.symbol, t.line.width) for t in fig.data] == [
        ("lines+markers", "circle", 5),
        ("lines+markers", "square", 2),
    ]
    assert [t.line.color for t in fig.data] == [BLUE, VERMILLION]
    assert fig.layout.yaxis.rangemode == "tozero"
    assert (fig.layout.yaxis.title.text, fig.layout.yaxis.ticksuffix) == ("Part des EIG", "\u202f%")


def test_production_status_by_promotion_is_horizontal_one_series_per_state() -> None:
    shown = pd.DataFrame(
        {
            "group": ["EIG 1", "EIG 1", "EIG 2", "EIG 2"],
            "label": ["En production", "En développement"] * 2,
            "share": [0.4, 0.6, 0.5714, 0.4286],
        }
    )
    fig = chart_style.style(page("production").status_figure(shown))
    assert traces(fig) == [
        ("En production", [40.0, 57.14], ["EIG 1", "EIG 2"]),
        ("En développement", [60.0, 42.86], ["EIG 1", "EIG 2"]),
    ]
    assert {t.orientation for t in fig.data} == {"h"}
    assert fig.layout.legend.title.text == "État"
    assert fig.layout.xaxis.ticksuffix == NNBSP + "%"
    assert fig.data[0].hovertemplate == (
        "État : En production<br>%{y}<br>Part des mentors répondants : %{x}<extra></extra>"
    )


def shares() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "label": ["Oui", "Non", "Ne sait pas"],
            "share": [0.15, 0.45, 0.40],
            "low": [0.0524, 0.2582, 0.2188],
            "high": [0.3604, 0.6579, 0.6134],
        }
    )


def test_share_bars_first_answer_on_top_with_its_interval() -> None:
    fig = chart_style.style(sw.share_figure(shares()))
    assert traces(fig) == [("", [15.0, 45.0, 40.0], ["Oui", "Non", "Ne sait pas"])]
    bar = fig.data[0]
    assert numbers(bar.error_x.array) == [21.04, 20.79, 21.34]
    assert numbers(bar.error_x.arrayminus) == [9.76, 19.18, 18.12]
    assert bar.showlegend is False
    assert (fig.layout.xaxis.range, fig.layout.yaxis.autorange) == ((0, 100), "reversed")
    assert (fig.layout.xaxis.title.text, fig.layout.yaxis.title.text) == ("Part des répondants", "")
    assert bar.hovertemplate == "%{y}<br>Part des répondants : %{x}<extra></extra>"


def test_trend_chart_keeps_the_campaign_order_on_a_category_axis() -> None:
    frame = pd.DataFrame(
        {
            "campaign_label": ["2021", "2019 (reconstituée)", "2021", "2019 (reconstituée)"],
            "label": ["Oui", "Oui", "Non", "Non"],
            "share": [0.6, 0.15, 0.4, 0.45],
            "low": [0.4, 0.05, 0.2, 0.26],
            "high": [0.8, 0.36, 0.6, 0.66],
            "n": [12.0, 3.0, 8.0, 9.0],
            "denominator": [20.0, 20.0, 20.0, 20.0],
        }
    )
    fig = chart_style.style(sw.trend_figure(frame, ["2019 (reconstituée)", "2021"], "Réponse"))
    assert traces(fig) == [
        ("Oui", ["2021", "2019 (reconstituée)"], [60.0, 15.0]),
        ("Non", ["2021", "2019 (reconstituée)"], [40.0, 45.0]),
    ]
    axis = fig.layout.xaxis
    assert (axis.type, axis.categoryorder, axis.categoryarray) == (
        "category",
        "array",
        ("2019 (reconstituée)", "2021"),
    )
    assert fig.data[1].customdata.tolist() == [[8.0, 20.0], [9.0, 20.0]]
    assert numbers(fig.data[1].error_y.array) == [20.0, 21.0]
    assert fig.layout.legend.title.text == "Réponse" and fig.layout.legend.orientation == "h"
    assert fig.data[0].hovertemplate == (
        "Réponse : Oui<br>Campagne : %{x}<br>Part des répondants : %{y}<br>Effectif : "
        "%{customdata[0]}<br>Répondants : %{customdata[1]}<extra></extra>"
    )


# --- cheap styling and image snapshots ----------------------------------------------------------


def test_style_updates_the_layout_once_and_keeps_the_template_it_has(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    fig = charts.bar_figure(shares(), Bars("label", "share", {"share": "Part (%)"}))
    calls: list[tuple[str, ...]] = []
    original = go.Figure.update_layout

    def counted(self: go.Figure, *args: object, **kwargs: object) -> go.Figure:
        calls.append(tuple(sorted(kwargs)))
        return original(self, *args, **kwargs)

    monkeypatch.setattr(go.Figure, "update_layout", counted)
    chart_style.style(fig, title=None)
    assert calls == [("font", "separators", "title", "xaxis", "yaxis")]  # no template again
    stranger = go.Figure(go.Bar(x=["a"], y=[1]), layout={"template": "plotly"})
    chart_style.style(stranger)
    assert "template" in calls[-1] and stranger.layout.template == chart_style.TEMPLATE


def test_image_snapshot_is_a_dictionary_and_builds_no_figure_until_drawn(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    fig = chart_style.style(charts.bar_figure(shares(), Bars("label", "share", {})))
    built: list[int] = []
    original = go.Figure.__init__

    def counted(self: go.Figure, *args: object, **kwargs: object) -> None:
        built.append(1)
        original(self, *args, **kwargs)

    drawn: list[go.Figure] = []

    def drawing(snapshot: dict, kind: str, title: str, subtitle: str) -> bytes:
        drawn.append(chart_images.image_figure(snapshot, title, subtitle))
        return kind.encode()

    monkeypatch.setattr(go.Figure, "__init__", counted)
    monkeypatch.setattr(chart_images, "image_bytes", drawing)
    png, svg = chart_images.image_downloads(fig, "Réponses", "k", "aucun filtre", "Enquêtes", [])
    assert built == []
    assert (png.file_name, svg.key) == ("enquetes-reponses.png", "svg-k")
    fig.update_layout(xaxis_title_text="Changé après le dessin")
    assert png.data() == b"png"
    assert len(built) == 1  # the image's own figure, built on click
    image = drawn[0]
    assert image.layout.xaxis.title.text == "label"
    assert (image.layout.width, image.layout.title.text) == (1200, "Réponses")
    assert fig.layout.width is None  # the chart on the page is left as it is


def test_bar_values_stay_numbers() -> None:
    frame = shares().assign(share=pd.array([0.15, None, 0.4], dtype="Float64"))
    fig = charts.bar_figure(frame, Bars("label", "share", {}))
    assert fig.data[0].y.dtype == np.float64
    assert np.isnan(fig.data[0].y[1])
