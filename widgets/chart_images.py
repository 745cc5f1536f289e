"""Chart images: « Image PNG » and « Image SVG » under each chart, with the chart's title,
the filters applied and the date, drawn by kaleido (Debian's Chromium) only when clicked."""

from __future__ import annotations

import io
import logging
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from html import escape

import plotly.graph_objects as go
import streamlit as st

from eigdata.formatting import long_date
from eigdata.i18n import N_, _
from widgets import links
from widgets.chart_style import MUTED, TEXT, WHITE, style
from widgets.downloads import in_language

log = logging.getLogger("eig.dashboard")

IMAGE_WIDTH, IMAGE_HEIGHT = 1200, 700
FILE_NAME_LIMIT = 80
LIGATURES = str.maketrans({"œ": "oe", "æ": "ae", "ß": "ss"})
IMAGE_FORMATS = {"png": "image/png", "svg": "image/svg+xml"}
IMAGE_LABEL = N_("Image {kind}")
IMAGE_HELP = N_(
    "Le graphique en image {kind} ({width} × {height}), avec son titre, les filtres "
    "appliqués et la date."
)


@dataclass(frozen=True)
class ImageDownload:
    """One image button: its label, the callable drawing the image, file name, type, key."""

    label: str
    data: Callable[[], bytes]
    file_name: str
    mime: str
    key: str


def image_buttons(fig: go.Figure, title: str, key: str) -> None:
    """« Image PNG » and « Image SVG »: the chart as drawn now, with its title, the filters
    applied and the date; the image is drawn only when clicked."""
    downloads = image_downloads(fig, title, key, links.filters_text(), page_name(), filter_values())
    with st.container(horizontal=True):
        for item in downloads:
            st.download_button(
                item.label,
                data=item.data,
                file_name=item.file_name,
                mime=item.mime,
                key=item.key,
                on_click="ignore",
                icon=":material/image:",
                help=_(IMAGE_HELP).format(
                    kind=item.file_name.rsplit(".", 1)[-1].upper(),
                    width=IMAGE_WIDTH,
                    height=IMAGE_HEIGHT,
                ),
            )


def image_downloads(
    fig: go.Figure, title: str, key: str, filters: str, page: str, values: list[str]
) -> list[ImageDownload]:
    """The PNG and SVG downloads of a chart, from a snapshot of `fig` taken now as a plain
    dictionary (later changes to `fig` do not reach the image; the figure is rebuilt only
    when an image is drawn), named after the page, the title and the filter values; keys
    `png-<key>` and `svg-<key>`."""
    snapshot = fig.to_dict()
    subtitle = image_subtitle(filters)
    stem = file_stem(page, title, values)
    return [
        ImageDownload(
            _(IMAGE_LABEL).format(kind=kind.upper()),
            image_maker(snapshot, kind, title, subtitle),
            f"{stem}.{kind}",
            mime,
            f"{kind}-{key}",
        )
        for kind, mime in IMAGE_FORMATS.items()
    ]


Snapshot = go.Figure | dict  # a figure, or its `to_dict()` form


def image_maker(fig: Snapshot, kind: str, title: str, subtitle: str) -> Callable[[], bytes]:
    """The callable Streamlit runs on click (in another thread, in the language of this run):
    the image, or a notice if it fails."""
    return in_language(lambda: safe_image(fig, kind, title, subtitle))


def page_name() -> str:
    """The title of the page being drawn (as `links.start_page` recorded it), or ''."""
    return st.session_state.get(links.STATE, {}).get("page") or ""


def filter_values() -> list[str]:
    """The values of each filter that restricts the view (not « tous »), in page order."""
    return [value for f in links.applied() if not f.everything for value in f.shown]


def image_subtitle(filters: str, today: date | None = None) -> str:
    """« Filtres : Promotions : EIG 2 ; Statut : tous — 3 mars 2025 » (« Filters: … »)."""
    day = long_date(today)
    return _("Filtres : {filters} — {day}").format(filters=filters, day=day)


def slug(text: str) -> str:
    """ASCII, lower case, words joined by hyphens: « Lignes de dépense » → lignes-de-depense."""
    return re.sub(r"[^a-z0-9]+", "-", without_accents(text.lower())).strip("-")


def file_stem(page: str, title: str, values: list[str], limit: int = FILE_NAME_LIMIT) -> str:
    """The file name without extension: the page's first word, the chart title and the
    filter values, cut at a hyphen to at most `limit` characters."""
    parts = [slug(page).split("-")[0], slug(title), *(slug(v) for v in values)]
    stem = "-".join(p for p in parts if p) or "graphique"
    if len(stem) > limit:
        stem = stem[: limit + 1].rsplit("-", 1)[0]
    return stem


def image_figure(fig: Snapshot, title: str, subtitle: str) -> go.Figure:
    """A styled figure built from `fig` (a copy, `fig` is left as it is) for an image: its
    title, the subtitle, 1200 × 700."""
    return style(
        go.Figure(fig),
        title={
            "text": escape(title, quote=False),
            "subtitle": {"text": escape(subtitle, quote=False), "font": {"color": MUTED}},
            "x": 0.01,
            "xanchor": "left",
            "font": {"size": 22, "color": TEXT},
        },
        width=IMAGE_WIDTH,
        height=IMAGE_HEIGHT,
        margin={"t": 110, "l": 90, "r": 40, "b": 80},
    )


def image_bytes(fig: Snapshot, kind: str, title: str, subtitle: str) -> bytes:
    """The chart as a PNG or SVG image through kaleido (Chromium); raises if it cannot."""
    shown = image_figure(fig, title, subtitle)
    return shown.to_image(format=kind, width=IMAGE_WIDTH, height=IMAGE_HEIGHT, scale=1)


def safe_image(fig: Snapshot, kind: str, title: str, subtitle: str) -> bytes:
    """`image_bytes`, or, if the image cannot be drawn (no Chromium…), an image of the same
    format saying so in the run's language; the failure goes to the log, never to the
    reader."""
    try:
        return image_bytes(fig, kind, title, subtitle)
    except Exception:
        log.exception("chart image %s « %s » failed", kind, title)
        return unavailable_image(kind, title)


UNAVAILABLE = (
    N_("Image indisponible : le serveur n'a pas pu dessiner ce graphique."),
    N_("Ses données sont dans le tableau sous le graphique, à télécharger en CSV."),
)


def unavailable_image(kind: str, title: str) -> bytes:
    """A plain image with the chart title and the notice (no figure)."""
    lines = (title, *(_(line) for line in UNAVAILABLE))
    if kind == "svg":
        texts = "".join(
            f'<text x="40" y="{80 + 50 * i}" font-size="{26 if i == 0 else 20}">'
            f"{escape(line)}</text>"
            for i, line in enumerate(lines)
        )
        return (
            f'<svg xmlns="http://www.w3.org/2000/svg" width="{IMAGE_WIDTH}" '
            f'height="{IMAGE_HEIGHT}" font-family="Arial, sans-serif" fill="{TEXT}">'
            f'<rect width="100%" height="100%" fill="{WHITE}"/>{texts}</svg>'
        ).encode()
    from PIL import Image, ImageDraw  # Streamlit's own dependency

    image = Image.new("RGB", (IMAGE_WIDTH, IMAGE_HEIGHT), WHITE)
    draw = ImageDraw.Draw(image)
    for i, line in enumerate(lines):
        font, accents = _notice_font(26 if i == 0 else 20)
        shown = line if accents else without_accents(line)
        draw.text((40, 60 + 50 * i), shown, fill=TEXT, font=font)
    out = io.BytesIO()
    image.save(out, format="PNG")
    return out.getvalue()


NOTICE_FONTS = ("DejaVuSans.ttf", "LiberationSans-Regular.ttf")


def _notice_font(size: int):
    """A system font with French accents (Debian's DejaVu or Liberation), else Pillow's own
    font, which has none (then False)."""
    from PIL import ImageFont

    for name in NOTICE_FONTS:
        try:
            return ImageFont.truetype(name, size), True
        except OSError:
            continue
    return ImageFont.load_default(size=size), False


def without_accents(text: str) -> str:
    """The text without accents (« dépense » → « depense »), for a font that has none."""
    decomposed = unicodedata.normalize("NFKD", text.translate(LIGATURES))
    return "".join(c for c in decomposed if not unicodedata.combining(c))
