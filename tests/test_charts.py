"""The French style of every chart, its palette's contrast, and the chart images (PNG, SVG)
with their French file names (no browser; the images are drawn by kaleido and Chromium)."""

from __future__ import annotations

import html
import io
import logging
import struct
from datetime import date

import pandas as pd
import plotly.graph_objects as go
import pytest
from PIL import Image
from plotly.subplots import make_subplots
from streamlit.testing.v1 import AppTest

from widgets import chart_images, chart_style, charts

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
NNBSP = "\u202f"
TITLE = "Lignes de dépense et enveloppe par promotion"
FILTERS = "Promotions : EIG 2 ; Lignes de dépense : tous ; Statut : tous"


def png_colours(data: bytes) -> set[tuple[int, int, int]]:
    """The distinct RGB colours of a PNG image."""
    image = Image.open(io.BytesIO(data)).convert("RGB")
    return {colour for _, colour in image.getcolors(maxcolors=1 << 20)}


def contrast(foreground: str, background: str = "#ffffff") -> float:
    """WCAG 2.1 contrast ratio of two #rrggbb colours."""

    def luminance(colour: str) -> float:
        channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
        linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]

    light, dark = sorted((luminance(foreground), luminance(background)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def png_size(data: bytes) -> tuple[int, int]:
    """Width and height from the IHDR chunk (right after the signature)."""
    assert data[12:16] == b"IHDR"
    return struct.unpack(">II", data[16:24])


def budget_figure() -> go.Figure:
    frame = pd.DataFrame(
        {
            "promotion": ["EIG 1", "EIG 1", "EIG 2", "EIG 2"],
            "amount": [750_000.0, 30_000.0, 1_800_000.0, 2_500_000.0],
            "line": ["Salaires", "Communication", "Salaires", "Communication"],
        }
    )
    labels = {"promotion": "Promotion", "amount": "Montant (€)", "line": "Ligne"}
    return charts.bar_figure(frame, charts.Bars("promotion", "amount", labels, color="line"))


# --- the style ---------------------------------------------------------------------------


def test_style_sets_french_separators_and_whole_numbers_on_every_axis() -> None:
    fig = make_subplots(rows=1, cols=2)
    fig.add_trace(go.Bar(x=["a", "b"], y=[2_500_000, 1_500_000]), row=1, col=1)
    fig.add_trace(go.Scatter(x=[1, 2], y=[0.5, 1500]), row=1, col=2)
    chart_style.style(fig)
    assert fig.layout.separators == "," + NNBSP
    axes = [fig.layout.xaxis, fig.layout.yaxis, fig.layout.xaxis2, fig.layout.yaxis2]
    assert [a.exponentformat for a in axes] == ["none"] * 4
    assert [a.separatethousands for a in axes] == [True] * 4
    assert fig.layout.template.layout.separators == "," + NNBSP
    assert fig.layout.font.family == "Marianne, Arial, sans-serif"


def test_money_and_percent_axes_get_their_unit_after_the_ticks() -> None:
    money = chart_style.style(budget_figure())
    assert money.layout.yaxis.ticksuffix == NNBSP + "€"
    assert money.layout.yaxis.title.text == "Montant"
    assert money.layout.xaxis.ticksuffix is None

    per_month = go.Figure(
        go.Bar(x=["EIG 1"], y=[5200.0]), layout={"yaxis_title_text": "€ par EIG et par mois"}
    )
    assert chart_style.style(per_month).layout.yaxis.ticksuffix == NNBSP + "€"
    assert per_month.layout.yaxis.title.text == "€ par EIG et par mois"

    shares = go.Figure(
        go.Bar(x=[56.0], y=["Oui"], orientation="h"), layout={"xaxis_title_text": "Part (%)"}
    )
    assert chart_style.style(shares).layout.xaxis.ticksuffix == NNBSP + "%"
    assert shares.layout.xaxis.title.text == "Part"

    formatted = go.Figure(
        go.Scatter(x=["EIG 1", "EIG 2"], y=[0.2, 0.5]),
        layout={"yaxis": {"title_text": "Part des EIG", "tickformat": ".0%"}},
    )
    assert chart_style.style(formatted).layout.yaxis.ticksuffix is None
    assert chart_style.axis_unit("Montant (€)", ".0%") == ""


def test_default_colours_become_the_palette_and_chosen_colours_stay() -> None:
    fig = go.Figure(
        [
            go.Bar(x=["a"], y=[1], marker_color="#000001"),  # Streamlit's placeholder
            go.Bar(x=["a"], y=[1], marker_color="#EF553B"),  # plotly's second colour
            go.Bar(x=["a"], y=[1], marker_color="#c9191e"),  # chosen by a page
            go.Scatter(x=["a"], y=[1], line_color="#000003"),
        ]
    )
    chart_style.style(fig)
    assert [t.marker.color for t in fig.data[:3]] == ["#0072B2", "#D55E00", "#c9191e"]
    assert fig.data[3].line.color == "#009E73"
    # the dashboard's builders colour each series from the palette, in order
    assert [t.marker.color for t in budget_figure().data] == ["#0072B2", "#D55E00"]


def test_series_have_shapes_dark_error_bars_and_readable_annotations() -> None:
    trend = go.Figure(
        [
            go.Scatter(x=["EIG 1", "EIG 2"], y=[0.1, 0.3], mode="lines+markers", name="Designer"),
            go.Scatter(x=["EIG 1", "EIG 2"], y=[0.7, 0.4], mode="lines+markers", name="Data"),
        ]
    )
    trend.add_hline(y=0.5, annotation_text="50 % des EIG")
    chart_style.style(trend)
    assert [t.marker.symbol for t in trend.data] == ["circle", "square"]
    assert trend.layout.annotations[0].bgcolor == "rgba(255, 255, 255, 0.85)"
    envelope = go.Figure(go.Scatter(x=["a"], y=[1], mode="markers", marker_symbol="line-ew-open"))
    assert chart_style.style(envelope).data[0].marker.symbol == "line-ew-open"
    bars = chart_style.TEMPLATE.data.bar[0]
    assert (bars.marker.line.color, bars.error_y.color) == ("#ffffff", "#161616")


def test_hover_texts_read_label_colon_value() -> None:
    fig = chart_style.style(budget_figure())
    assert fig.data[0].hovertemplate == (
        "Ligne : Salaires<br>Promotion : %{x}<br>Montant : %{y}<extra></extra>"
    )  # the y axis gives « 756 553 € » (ticks' suffix, whole euros)
    assert (fig.layout.yaxis.hoverformat, fig.layout.yaxis.ticksuffix) == (",.0f", NNBSP + "€")
    assert chart_style.french_hovertemplate("Promotion=%{x}<br>Montant (€)=%{y}") == (
        "Promotion : %{x}<br>Montant : %{y}"
    )  # a figure built elsewhere (plotly express) gets the same hover texts
    assert chart_style.french_hovertemplate("Effectif (%)=%{customdata[0]}") == (
        "Effectif (%) : %{customdata[0]}"
    )
    assert chart_style.french_hovertemplate("%{label}<extra></extra>") == "%{label}<extra></extra>"


def test_sankey_labels_are_dark_large_and_without_halo() -> None:
    fig = go.Figure(
        go.Sankey(
            node={"label": ["Avant : Non (9)", "Après : Oui (12)"]},
            link={"source": [0], "target": [1], "value": [9]},
        )
    )
    trace = chart_style.style(fig).data[0]
    assert (trace.textfont.color, trace.textfont.size, trace.textfont.shadow) == (
        "#161616",
        15,
        "none",
    )
    assert trace.node.label == ("Avant : Non (9)", "Après : Oui (12)")
    assert contrast(trace.textfont.color) >= 4.5


def test_palette_marks_and_text_pass_wcag_contrast_on_white() -> None:
    assert round(contrast("#000000"), 1) == 21.0
    assert round(contrast("#777777"), 2) == 4.48  # the classic just-failing grey
    ratios = {colour: round(contrast(colour), 2) for colour in chart_style.PALETTE}
    assert ratios == {
        "#0072B2": 5.19,
        "#D55E00": 3.87,
        "#009E73": 3.42,
        "#882255": 8.73,
        "#332288": 12.17,
        "#CA77A5": 3.14,
        "#618CFC": 3.15,
        "#666666": 5.74,
    }
    assert min(ratios.values()) >= 3
    assert len(set(chart_style.PALETTE)) == 8
    assert contrast(chart_style.TEXT) >= 4.5 and contrast(chart_style.MUTED) >= 4.5


def test_toolbar_is_french_with_axis_tools_only() -> None:
    bars = chart_style.config_for(budget_figure())
    assert bars["displaylogo"] is False and bars["locale"] == "fr"
    assert bars["modeBarButtons"] == [["zoom2d", "pan2d", "autoScale2d", "resetScale2d"]]
    french = bars["locales"]["fr"]
    assert french["dictionary"]["Reset axes"] == "Réinitialiser les axes"
    assert french["dictionary"]["Autoscale"] == "Échelle automatique"
    assert french["format"]["months"][7] == "août"
    assert (french["format"]["decimal"], french["format"]["thousands"]) == (",", NNBSP)
    sankey = go.Figure(go.Sankey(node={"label": ["a", "b"]}, link={"source": [0], "target": [1]}))
    assert chart_style.config_for(sankey)["displayModeBar"] is False
    assert chart_style.config_for(sankey)["locale"] == "fr"


# --- file names and subtitles --------------------------------------------------------------


def test_file_name_from_page_title_and_filters_in_ascii() -> None:
    assert (
        chart_images.file_stem("Budget PIA", TITLE, ["EIG 2"])
        == "budget-lignes-de-depense-et-enveloppe-par-promotion-eig-2"
    )
    assert (
        chart_images.file_stem("Enquêtes", "Évolution d'une campagne à l'autre", ["Développeur·se"])
        == "enquetes-evolution-d-une-campagne-a-l-autre-developpeur-se"
    )
    long = chart_images.file_stem(
        "Production des outils",
        "État des réalisations par promotion",
        ["Enquête 2019 — promotions 1 et 2", "EIG 1", "EIG 2", "EIG 3"],
    )
    assert long == ("production-etat-des-realisations-par-promotion-enquete-2019-promotions-1-et-2")
    assert len(long) <= chart_images.FILE_NAME_LIMIT
    assert chart_images.file_stem("", "", []) == "graphique"
    assert chart_images.slug("Cœur de l’été · « 2,5 % »") == "coeur-de-l-ete-2-5"


def test_subtitle_names_the_filters_and_the_date_in_french() -> None:
    subtitle = chart_images.image_subtitle(FILTERS, date(2025, 3, 1))
    assert subtitle == f"Filtres : {FILTERS} — 1 mars 2025"


def test_chart_draws_subheader_reading_two_image_buttons_and_table() -> None:
    def app() -> None:
        import pandas as pd
        import plotly.graph_objects as go

        from widgets import charts, links

        links.start_page("Budget PIA")
        links.record("promotion", "Promotions", ["EIG 2"], False)
        fig = go.Figure(go.Bar(x=["EIG 2"], y=[2_500_000]))
        frame = pd.DataFrame({"Promotion": ["EIG 2"], "Montant": ["2 500 000 €"]})
        charts.chart(fig, frame, "Lignes de dépense", "Lecture du graphique.", "budget-lines")

    at = AppTest.from_function(app, default_timeout=60).run()
    assert not at.exception
    assert [s.value for s in at.subheader] == ["Lignes de dépense"]
    assert [m.value for m in at.markdown] == ["Lecture du graphique."]
    buttons = at.get("download_button")
    assert [b.proto.label for b in buttons] == ["Image PNG", "Image SVG"]
    keys = [b.proto.id.split("-", 2)[2] for b in buttons]  # "$$ID-<hash>-<key>"
    assert keys == ["png-budget-lines", "svg-budget-lines"]
    assert all(b.proto.ignore_rerun for b in buttons)
    assert at.expander[0].label == "Données du graphique « Lignes de dépense » (tableau accessible)"
    assert at.dataframe[0].value["Montant"].tolist() == ["2 500 000 €"]


# --- images ----------------------------------------------------------------------------------


def test_png_download_is_a_1200_by_700_png_with_a_french_name() -> None:
    fig = chart_style.style(budget_figure())
    png, svg = chart_images.image_downloads(
        fig, TITLE, "budget-lines", FILTERS, "Budget PIA", ["EIG 2"]
    )
    assert (png.label, png.key, png.mime) == ("Image PNG", "png-budget-lines", "image/png")
    assert png.file_name == "budget-lignes-de-depense-et-enveloppe-par-promotion-eig-2.png"
    assert (svg.label, svg.key, svg.mime) == ("Image SVG", "svg-budget-lines", "image/svg+xml")
    assert svg.file_name == "budget-lignes-de-depense-et-enveloppe-par-promotion-eig-2.svg"
    data = png.data()
    assert data.startswith(PNG_SIGNATURE)
    assert png_size(data) == (1200, 700)
    assert len(data) >= 10_000
    assert (0x00, 0x72, 0xB2) in png_colours(data)  # the Salaires bars: a chart, no notice


def test_svg_download_holds_title_filters_and_french_ticks_of_the_figure_as_drawn() -> None:
    fig = chart_style.style(budget_figure())
    _, svg = chart_images.image_downloads(fig, TITLE, "budget-lines", FILTERS, "Budget PIA", [])
    fig.update_layout(xaxis_title_text="Changé après le dessin")  # must not reach the image
    text = html.unescape(svg.data().decode("utf-8"))
    assert text.startswith("<svg")
    assert TITLE in text
    assert f"Filtres : {FILTERS} — " in text
    assert "Changé après le dessin" not in text and ">Promotion<" in text
    assert f">2{NNBSP}500{NNBSP}000{NNBSP}€<" in text
    assert "2.5M" not in text and "2,5M" not in text


def test_failed_drawing_gives_a_french_notice_image_and_a_log_line(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    def no_chromium(*_args, **_kwargs) -> bytes:
        raise RuntimeError("Chromium introuvable")

    monkeypatch.setattr(go.Figure, "to_image", no_chromium)
    fig = budget_figure()
    with caplog.at_level(logging.ERROR, logger="eig.dashboard"):
        png = chart_images.safe_image(fig, "png", TITLE, "Filtres : aucun filtre")
        svg = chart_images.safe_image(fig, "svg", TITLE, "Filtres : aucun filtre").decode("utf-8")
    assert png.startswith(PNG_SIGNATURE) and png_size(png) == (1200, 700)
    assert svg.startswith("<svg") and TITLE in svg
    assert "Image indisponible : le serveur n&#x27;a pas pu dessiner ce graphique." in svg
    assert "Traceback" not in svg and "Chromium introuvable" not in svg
    assert [r.getMessage() for r in caplog.records] == [
        f"chart image png « {TITLE} » failed",
        f"chart image svg « {TITLE} » failed",
    ]
